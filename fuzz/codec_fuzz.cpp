// Fuzz target: codec payload headers of received RTP (VP8 descriptor, H.264 NAL headers).
// Properties: no out-of-bounds read; rewriting a VP8 picture id changes only the rewritten
// fields, and the result parses back with the new values and every other field intact.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "media/codec/h264_keyframe.hpp"
#include "media/codec/vp8_descriptor.hpp"

using namespace dienhong::media;  // NOLINT(google-build-using-namespace)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> input(data, size);
  (void)isH264KeyframeStart(input);
  const auto before = Vp8Descriptor::parse(input);
  if (!before || !before->pictureId) return 0;
  std::vector<uint8_t> copy(data, data + size);
  const uint16_t newId = static_cast<uint16_t>(*before->pictureId ^ 0x5A5A) & (before->pictureIdIs15Bits ? 0x7FFF : 0x7F);
  const std::optional<uint8_t> newTl0 =
      before->tl0PicIdx ? std::optional<uint8_t>(static_cast<uint8_t>(*before->tl0PicIdx + 1)) : std::nullopt;
  if (!rewriteVp8Descriptor(copy, newId, newTl0)) std::abort();
  const auto after = Vp8Descriptor::parse(copy);
  if (!after || after->pictureId != newId || after->tl0PicIdx != newTl0 || after->size != before->size ||
      after->keyframe != before->keyframe || after->temporalLayer != before->temporalLayer ||
      after->keyIndex != before->keyIndex || after->startOfPartition != before->startOfPartition) {
    std::abort();
  }
  return 0;
}
