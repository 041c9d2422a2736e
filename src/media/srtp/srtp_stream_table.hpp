// StreamTable: the per-SSRC state of one SRTP direction (the "cryptographic context" of RFC 3711
// §3.2.3 minus the keys, which all SSRCs of a DTLS-SRTP session share) in one flat open-addressed
// array with linear probing. A lookup hashes the SSRC and probes a few adjacent slots; nothing is
// allocated except when a new SSRC makes the table grow, and never beyond maxStreams entries, so
// a peer cannot make a session's memory grow without bound.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dienhong::media::srtp {

template <class T>
class StreamTable {
 public:
  explicit StreamTable(size_t maxStreams) : maxStreams_(maxStreams) {}

  size_t size() const { return size_; }
  size_t maxStreams() const { return maxStreams_; }
  bool full() const { return size_ >= maxStreams_; }

  T* find(uint32_t ssrc) {
    if (slots_.empty()) return nullptr;
    for (size_t i = home(ssrc);; i = (i + 1) & mask()) {
      Slot& slot = slots_[i];
      if (!slot.used) return nullptr;
      if (slot.ssrc == ssrc) return &slot.value;
    }
  }

  // The existing entry, or a new value-initialised one; nullptr when the table is full.
  // Inserting may move entries: pointers from earlier calls are then invalid.
  T* findOrInsert(uint32_t ssrc) {
    if (T* existing = find(ssrc)) return existing;
    if (full()) return nullptr;
    if ((size_ + 1) * 2 > slots_.size()) grow();
    size_t i = home(ssrc);
    while (slots_[i].used) i = (i + 1) & mask();
    slots_[i].used = true;
    slots_[i].ssrc = ssrc;
    slots_[i].value = T{};
    ++size_;
    return &slots_[i].value;
  }

  // Backward-shift deletion keeps every probe sequence unbroken without tombstones.
  bool erase(uint32_t ssrc) {
    if (slots_.empty()) return false;
    size_t hole = home(ssrc);
    while (true) {
      if (!slots_[hole].used) return false;
      if (slots_[hole].ssrc == ssrc) break;
      hole = (hole + 1) & mask();
    }
    for (size_t next = (hole + 1) & mask(); slots_[next].used; next = (next + 1) & mask()) {
      const size_t wanted = home(slots_[next].ssrc);
      // The entry may fill the hole unless its home lies cyclically in (hole, next].
      const bool staysPut = hole < next ? (wanted > hole && wanted <= next)
                                        : (wanted > hole || wanted <= next);
      if (staysPut) continue;
      slots_[hole] = slots_[next];
      hole = next;
    }
    slots_[hole].used = false;
    slots_[hole].value = T{};
    --size_;
    return true;
  }

  template <class F>
  void forEach(F&& visit) {
    for (Slot& slot : slots_) {
      if (slot.used) visit(slot.ssrc, slot.value);
    }
  }

 private:
  struct Slot {
    uint32_t ssrc = 0;
    bool used = false;
    T value{};
  };

  size_t mask() const { return slots_.size() - 1; }
  // Fibonacci hashing: SSRCs are random, but the multiply spreads sequential ones too.
  size_t home(uint32_t ssrc) const {
    return static_cast<size_t>((uint64_t{ssrc} * 0x9E3779B97F4A7C15ull) >> (64 - shift_));
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    shift_ = old.empty() ? 3 : shift_ + 1;
    slots_.assign(size_t{1} << shift_, Slot{});
    for (Slot& slot : old) {
      if (!slot.used) continue;
      size_t i = home(slot.ssrc);
      while (slots_[i].used) i = (i + 1) & mask();
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
  size_t maxStreams_;
  unsigned shift_ = 0;  // slots_.size() == 1 << shift_
};

}  // namespace dienhong::media::srtp
