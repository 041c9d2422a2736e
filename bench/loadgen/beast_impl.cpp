// Boost.Beast compiled once for the load generator (BOOST_BEAST_SEPARATE_COMPILATION). The
// server keeps Beast inside src/http; the load generator is a separate program and needs its own.
#include <boost/beast/src.hpp>
