#include "media/codec/h264_keyframe.hpp"

#include "common/byte_reader.hpp"

namespace dienhong::media {
namespace {

constexpr uint8_t kIdr = 5;
constexpr uint8_t kSps = 7;
constexpr uint8_t kStapA = 24;
constexpr uint8_t kFuA = 28;

bool isKeyNal(uint8_t type) { return type == kIdr || type == kSps; }

}  // namespace

bool isH264KeyframeStart(std::span<const uint8_t> payload) {
  ByteReader in(payload);
  const auto header = in.u8();
  if (!header) return false;
  const uint8_t type = *header & 0x1F;
  if (type == kStapA) {
    while (!in.empty()) {
      const auto size = in.u16();
      if (!size || *size == 0) return false;
      const auto unit = in.bytes(*size);
      if (!unit) return false;
      if (isKeyNal((*unit)[0] & 0x1F)) return true;
    }
    return false;
  }
  if (type == kFuA) {
    const auto fu = in.u8();
    return fu && (*fu & 0x80) != 0 && isKeyNal(*fu & 0x1F);  // S bit: first fragment
  }
  return isKeyNal(type);
}

}  // namespace dienhong::media
