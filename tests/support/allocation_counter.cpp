#include "support/allocation_counter.hpp"

#include <cstdlib>
#include <new>

#include <openssl/crypto.h>

namespace {

thread_local uint64_t tAllocations = 0;

void* countedMalloc(std::size_t size) noexcept {
  ++tAllocations;
  return std::malloc(size == 0 ? 1 : size);
}

void* opensslMalloc(size_t size, const char*, int) { return countedMalloc(size); }
void* opensslRealloc(void* p, size_t size, const char*, int) {
  ++tAllocations;
  return std::realloc(p, size);
}
void opensslFree(void* p, const char*, int) { std::free(p); }

const bool kOpensslHooked = CRYPTO_set_mem_functions(opensslMalloc, opensslRealloc, opensslFree) == 1;

}  // namespace

namespace dienhong::test {

uint64_t allocationsOnThisThread() { return tAllocations; }
bool opensslAllocationsCounted() { return kOpensslHooked; }

}  // namespace dienhong::test

void* operator new(std::size_t size) {
  if (void* p = countedMalloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  if (void* p = countedMalloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return countedMalloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return countedMalloc(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
