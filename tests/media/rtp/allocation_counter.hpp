// Counts heap allocations made through operator new on this thread, to prove that the media
// path's parsers, editors and writers allocate nothing (architecture.md: no malloc per packet).
// Include from exactly one test file per binary: it replaces the global operator new/delete.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

namespace dienhong::media::test {

inline thread_local size_t allocationCount = 0;

}  // namespace dienhong::media::test

void* operator new(std::size_t size) {
  ++dienhong::media::test::allocationCount;
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }
