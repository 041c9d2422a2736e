// The RTP header extension block (RFC 3550 §5.3.1) and its RFC 8285 element formats: one-byte
// headers (profile 0xBEDE, IDs 1-14, 1-16 data bytes) and two-byte headers (profile 0x100X,
// IDs 1-255, 0-255 data bytes). RtpExtensionBlock is a view of a packet's block that finds and
// iterates elements in place, without allocating: the SFU looks up audio level, transport-wide
// sequence number, MID and RID on every packet it receives.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>

#include "common/byte_reader.hpp"

namespace dienhong::media {

inline constexpr uint16_t kOneByteExtensionProfile = 0xBEDE;
// The low 4 bits of the two-byte profile are "appbits" (RFC 8285 §4.3), free for the application.
inline constexpr uint16_t kTwoByteExtensionProfile = 0x1000;
inline constexpr uint16_t kTwoByteExtensionProfileMask = 0xFFF0;

inline constexpr uint8_t kMaxOneByteExtensionId = 14;
inline constexpr size_t kMaxOneByteExtensionSize = 16;
inline constexpr size_t kMaxTwoByteExtensionSize = 255;

enum class RtpExtensionForm : uint8_t {
  kOneByte,
  kTwoByte,
  kOther,  // an RFC 3550 extension of some other profile: opaque bytes, no elements
};

constexpr RtpExtensionForm extensionFormOf(uint16_t profile) {
  if (profile == kOneByteExtensionProfile) return RtpExtensionForm::kOneByte;
  if ((profile & kTwoByteExtensionProfileMask) == kTwoByteExtensionProfile) {
    return RtpExtensionForm::kTwoByte;
  }
  return RtpExtensionForm::kOther;
}

// One element: its local ID (negotiated per session with a=extmap) and a view of its data.
struct RtpExtension {
  uint8_t id = 0;
  std::span<const uint8_t> data;

  friend bool operator==(const RtpExtension& a, const RtpExtension& b) {
    return a.id == b.id && std::equal(a.data.begin(), a.data.end(), b.data.begin(), b.data.end());
  }
};

class RtpExtensionBlock {
 public:
  // Walks the elements. Malformed input ends the walk early instead of failing the packet (RFC
  // 8285 §4.2: an ID of 15 ends processing; an element overrunning the block cannot be trusted,
  // nor anything after it), so a packet with one bad element can still be forwarded.
  class Iterator {
   public:
    using value_type = RtpExtension;
    using difference_type = std::ptrdiff_t;

    Iterator() = default;
    const RtpExtension& operator*() const { return current_; }
    const RtpExtension* operator->() const { return &current_; }
    Iterator& operator++() {
      advance();
      return *this;
    }
    void operator++(int) { advance(); }
    friend bool operator==(const Iterator& it, std::default_sentinel_t) { return it.done_; }

   private:
    friend class RtpExtensionBlock;
    void advance();

    ByteReader reader_{std::span<const uint8_t>{}};
    RtpExtension current_;
    RtpExtensionForm form_ = RtpExtensionForm::kOther;
    bool done_ = true;
  };

  RtpExtensionBlock() = default;  // no extension block: no elements
  RtpExtensionBlock(uint16_t profile, std::span<const uint8_t> data)
      : data_(data), profile_(profile), form_(extensionFormOf(profile)) {}

  uint16_t profile() const { return profile_; }
  RtpExtensionForm form() const { return form_; }
  // The whole block after its 4-byte header, including element padding.
  std::span<const uint8_t> data() const { return data_; }

  Iterator begin() const;
  std::default_sentinel_t end() const { return {}; }

  // The data of the first element with this ID; nullopt if absent (or ID 0, which is padding).
  std::optional<std::span<const uint8_t>> find(uint8_t id) const {
    if (id == 0 || (form_ == RtpExtensionForm::kOneByte && id > kMaxOneByteExtensionId)) {
      return std::nullopt;
    }
    for (auto it = begin(); it != end(); ++it) {
      if (it->id == id) return it->data;
    }
    return std::nullopt;
  }

 private:
  std::span<const uint8_t> data_;
  uint16_t profile_ = 0;
  RtpExtensionForm form_ = RtpExtensionForm::kOther;
};

}  // namespace dienhong::media
