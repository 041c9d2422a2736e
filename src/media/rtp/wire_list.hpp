// WireList<T>: a read-only list of wire-format elements that is either a view of encoded bytes
// (what a parser produces) or a view of caller-owned values (what a serialiser consumes).
//
// Why: RTP CSRC lists and most RTCP packets (report blocks, SDES chunks, NACK/FIR items, REMB
// SSRCs) carry variable-length lists, and the SFU parses every incoming packet. Copying them into
// std::vector would allocate per packet; fixed-capacity arrays would either be huge (a NACK may
// legally carry thousands of items) or reject valid packets. A WireList decodes elements lazily
// from the validated packet bytes while iterating, so parsing allocates and copies nothing, and
// the very same packet type can be built from a std::array or span the caller owns.
// Lifetime: a WireList never owns memory; it is valid while the bytes or values it views are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <type_traits>

#include "common/byte_reader.hpp"

namespace dienhong::media {

// How one element of type T is encoded. The primary template defers to static T::read,
// T::write and T::encodedSize; specialise it for types that cannot carry such members.
template <class T>
struct WireFormat {
  static std::optional<T> read(ByteReader& reader) { return T::read(reader); }
  static void write(ByteWriter& writer, const T& value) { value.write(writer); }
  static size_t encodedSize(const T& value) { return value.encodedSize(); }
};

template <class T>
class WireList {
  template <class Container>
  static constexpr bool kIsValueContainer =
      std::is_convertible_v<const Container&, std::span<const T>> &&
      !std::is_same_v<Container, std::span<const T>> && !std::is_same_v<Container, WireList>;

 public:
  // Yields elements by value: wire elements are decoded on the fly, so there is nothing to
  // refer to. Elements are small (at most a few spans), copying them is cheaper than a lookup.
  class Iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;

    Iterator() = default;
    T operator*() const { return current_; }
    Iterator& operator++() {
      advance();
      return *this;
    }
    void operator++(int) { advance(); }
    friend bool operator==(const Iterator& it, std::default_sentinel_t) { return it.done_; }

   private:
    friend class WireList;

    void advance() {
      if (remaining_ == 0) {
        done_ = true;
        return;
      }
      --remaining_;
      if (!wire_) {
        current_ = *values_++;
        return;
      }
      auto value = WireFormat<T>::read(reader_);
      if (!value) {  // cannot happen for bytes a parser validated; stop rather than invent data
        remaining_ = 0;
        done_ = true;
        return;
      }
      current_ = *value;
    }

    ByteReader reader_{std::span<const uint8_t>{}};
    const T* values_ = nullptr;
    size_t remaining_ = 0;
    T current_{};
    bool wire_ = false;
    bool done_ = true;
  };

  constexpr WireList() = default;
  // Implicit on purpose: a std::array or span of values is the natural argument of a builder.
  WireList(std::span<const T> values)  // NOLINT(google-explicit-constructor)
      : values_(values), count_(values.size()) {}
  template <class Container>
  requires kIsValueContainer<Container> WireList(
      const Container& values)  // NOLINT(google-explicit-constructor)
      : WireList(std::span<const T>(values)) {}
  // A temporary container would be gone before the list is read.
  template <class Container>
  requires kIsValueContainer<Container> WireList(const Container&& values)
  = delete;

  // `encoded` holds exactly `count` elements that the caller (a parser) has already validated.
  static WireList fromWire(std::span<const uint8_t> encoded, size_t count) {
    WireList list;
    list.wire_ = encoded;
    list.count_ = count;
    list.isWire_ = true;
    return list;
  }

  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  bool isWire() const { return isWire_; }
  // The encoded bytes when isWire(), else empty.
  std::span<const uint8_t> wireBytes() const { return wire_; }

  Iterator begin() const {
    Iterator it;
    it.wire_ = isWire_;
    it.reader_ = ByteReader(wire_);
    it.values_ = values_.data();
    it.remaining_ = count_;
    it.done_ = false;
    it.advance();
    return it;
  }
  std::default_sentinel_t end() const { return {}; }

  size_t encodedSize() const {
    size_t total = 0;
    for (const T& value : *this) total += WireFormat<T>::encodedSize(value);
    return total;
  }
  void write(ByteWriter& writer) const {
    for (const T& value : *this) WireFormat<T>::write(writer, value);
  }

  // Element-wise: a parsed list equals the value list it was serialised from.
  friend bool operator==(const WireList& a, const WireList& b) {
    if (a.size() != b.size()) return false;
    auto ia = a.begin();
    auto ib = b.begin();
    for (; ia != a.end() && ib != b.end(); ++ia, ++ib) {
      if (!(*ia == *ib)) return false;
    }
    return ia == a.end() && ib == b.end();
  }

 private:
  std::span<const T> values_;
  std::span<const uint8_t> wire_;
  size_t count_ = 0;
  bool isWire_ = false;
};

}  // namespace dienhong::media
