// Boost.Asio compiled once for the whole binary (BOOST_ASIO_SEPARATE_COMPILATION, see CMakeLists).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
