// Allocation counting for "no allocation per packet" tests. Linking the object library
// dh_test_allocation_counter replaces the global operator new (every plain and nothrow form) and
// hooks OpenSSL's allocator, and counts both per thread, so a test can assert that a stretch of
// code run on its own thread allocated nothing, whatever other threads do.
#pragma once

#include <cstdint>

namespace dienhong::test {

// Allocations made by the calling thread so far.
uint64_t allocationsOnThisThread();

// True when OpenSSL's allocations are counted too: the hook must be installed before OpenSSL's
// first allocation, which a static initialiser of this library does.
bool opensslAllocationsCounted();

}  // namespace dienhong::test
