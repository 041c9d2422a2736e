// Keyframe, picture id and frame size of VP8, VP9 and H.264 payloads; see payload_inspector.hpp.
#include "media/sfu/payload_inspector.hpp"

#include <cctype>

#include "common/byte_reader.hpp"
#include "media/codec/h264_keyframe.hpp"
#include "media/codec/vp8_descriptor.hpp"

namespace dienhong::media {

namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

constexpr size_t kVp8FrameTagSize = 3;
constexpr uint8_t kVp8StartCode[] = {0x9D, 0x01, 0x2A};

std::optional<PayloadInfo> inspectVp8(std::span<const uint8_t> payload) {
  const auto descriptor = Vp8Descriptor::parse(payload);
  if (!descriptor) return std::nullopt;
  PayloadInfo info;
  info.pictureId = descriptor->pictureId;
  info.tl0PicIdx = descriptor->tl0PicIdx;
  info.keyframeStart = descriptor->startsPicture() && descriptor->keyframe;
  if (info.keyframeStart) info.frameSize = vp8KeyframeSize(payload.subspan(descriptor->size));
  return info;
}

// draft-ietf-payload-vp9-16 §4.2 payload descriptor.
std::optional<PayloadInfo> inspectVp9(std::span<const uint8_t> payload) {
  ByteReader in(payload);
  const auto flags = in.u8();
  if (!flags) return std::nullopt;
  const bool hasPictureId = (*flags & 0x80) != 0;    // I
  const bool interPredicted = (*flags & 0x40) != 0;  // P
  const bool hasLayers = (*flags & 0x20) != 0;       // L
  const bool flexible = (*flags & 0x10) != 0;        // F
  const bool beginsFrame = (*flags & 0x08) != 0;     // B
  const bool hasStructure = (*flags & 0x02) != 0;    // V
  uint8_t spatialId = 0;
  if (hasPictureId) {
    const auto high = in.u8();
    if (!high) return std::nullopt;
    if ((*high & 0x80) != 0 && !in.u8()) return std::nullopt;  // 15-bit picture id
  }
  if (hasLayers) {
    const auto layer = in.u8();
    if (!layer) return std::nullopt;
    spatialId = static_cast<uint8_t>((*layer >> 1) & 0x07);
    if (!flexible && !in.u8()) return std::nullopt;  // TL0PICIDX
  }
  if (flexible && interPredicted) {
    // Up to three reference differences, each saying whether another follows (N bit).
    for (int i = 0; i < 3; ++i) {
      const auto diff = in.u8();
      if (!diff) return std::nullopt;
      if ((*diff & 0x01) == 0) break;
    }
  }
  PayloadInfo info;
  info.keyframeStart = beginsFrame && !interPredicted && spatialId == 0;
  if (hasStructure) {
    const auto structure = in.u8();
    if (!structure) return std::nullopt;
    const int spatialLayers = (*structure >> 5) + 1;
    if ((*structure & 0x10) != 0) {  // Y: sizes follow; the last is the largest layer
      for (int i = 0; i < spatialLayers; ++i) {
        const auto width = in.u16();
        const auto height = in.u16();
        if (!height) return std::nullopt;
        info.frameSize = FrameSize{*width, *height};
      }
    }
  }
  return info;
}

}  // namespace

VideoCodec videoCodecFromName(std::string_view name) {
  if (equalsIgnoringCase(name, "VP8")) return VideoCodec::kVp8;
  if (equalsIgnoringCase(name, "VP9")) return VideoCodec::kVp9;
  if (equalsIgnoringCase(name, "H264")) return VideoCodec::kH264;
  return VideoCodec::kOther;
}

std::optional<FrameSize> vp8KeyframeSize(std::span<const uint8_t> frame) {
  ByteReader in(frame);
  const auto tag = in.u8();
  if (!tag || (*tag & 0x01) != 0) return std::nullopt;  // bit 0 clear: a key frame
  if (!in.skip(kVp8FrameTagSize - 1)) return std::nullopt;
  for (uint8_t expected : kVp8StartCode) {
    const auto byte = in.u8();
    if (!byte || *byte != expected) return std::nullopt;
  }
  const auto w0 = in.u8();
  const auto w1 = in.u8();
  const auto h0 = in.u8();
  const auto h1 = in.u8();
  if (!h1) return std::nullopt;
  // Little-endian; the top two bits of each are the upscaling mode, not the size.
  const auto width = static_cast<uint16_t>((*w0 | (*w1 << 8)) & 0x3FFF);
  const auto height = static_cast<uint16_t>((*h0 | (*h1 << 8)) & 0x3FFF);
  if (width == 0 || height == 0) return std::nullopt;
  return FrameSize{width, height};
}

std::optional<PayloadInfo> inspectPayload(VideoCodec codec, std::span<const uint8_t> payload) {
  switch (codec) {
    case VideoCodec::kVp8:
      return inspectVp8(payload);
    case VideoCodec::kVp9:
      return inspectVp9(payload);
    case VideoCodec::kH264: {
      if (payload.empty()) return std::nullopt;
      PayloadInfo info;
      info.keyframeStart = isH264KeyframeStart(payload);
      return info;
    }
    case VideoCodec::kNone:
    case VideoCodec::kOther:
      break;
  }
  return std::nullopt;
}

}  // namespace dienhong::media
