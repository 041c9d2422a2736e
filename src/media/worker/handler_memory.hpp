// HandlerMemory: a fixed block for one Asio operation at a time (a read, a write, a timer wait),
// so that the per-packet asynchronous operations of a connection allocate nothing — the pattern
// of Asio's "allocation" example. Bind it to a handler with
// boost::asio::bind_allocator(HandlerAllocator<int>(memory), handler). An operation that does not
// fit, or a second one while the block is taken, falls back to the heap and is counted, so a test
// can tell that the block is large enough. The block must outlive the operation: keep it in the
// object the handler keeps alive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>

namespace dienhong::media {

class HandlerMemory {
 public:
  static constexpr size_t kBytes = 512;

  HandlerMemory() = default;
  HandlerMemory(const HandlerMemory&) = delete;
  HandlerMemory& operator=(const HandlerMemory&) = delete;

  void* allocate(size_t bytes) {
    if (!inUse_ && bytes <= kBytes) {
      inUse_ = true;
      return storage_;
    }
    ++heapFallbacks_;
    return ::operator new(bytes);
  }
  void deallocate(void* pointer) {
    if (pointer == storage_) {
      inUse_ = false;
    } else {
      ::operator delete(pointer);
    }
  }
  uint64_t heapFallbacks() const { return heapFallbacks_; }

 private:
  alignas(std::max_align_t) unsigned char storage_[kBytes];
  bool inUse_ = false;
  uint64_t heapFallbacks_ = 0;
};

// The standard allocator interface over one HandlerMemory, as Asio's associated allocator.
template <class T>
class HandlerAllocator {
 public:
  using value_type = T;

  explicit HandlerAllocator(HandlerMemory& memory) : memory_(&memory) {}
  template <class U>
  HandlerAllocator(const HandlerAllocator<U>& other) noexcept : memory_(other.memory_) {}  // NOLINT

  T* allocate(size_t n) {
    static_assert(alignof(T) <= alignof(std::max_align_t), "the block is max_align_t-aligned");
    return static_cast<T*>(memory_->allocate(sizeof(T) * n));
  }
  void deallocate(T* pointer, size_t) { memory_->deallocate(pointer); }

  template <class U>
  bool operator==(const HandlerAllocator<U>& other) const noexcept { return memory_ == other.memory_; }

 private:
  template <class>
  friend class HandlerAllocator;
  HandlerMemory* memory_;
};

}  // namespace dienhong::media
