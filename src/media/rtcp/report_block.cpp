// RFC 3550 §6.4.1 report block; see report_block.hpp.
#include "media/rtcp/report_block.hpp"

#include <algorithm>

namespace dienhong::media {

std::optional<ReportBlock> ReportBlock::read(ByteReader& reader) {
  auto ssrc = reader.u32();
  auto fraction = reader.u8();
  auto lost = reader.u24();
  auto highest = reader.u32();
  auto jitter = reader.u32();
  auto lsr = reader.u32();
  auto dlsr = reader.u32();
  if (!dlsr) return std::nullopt;
  ReportBlock block;
  block.sourceSsrc = Ssrc(*ssrc);
  block.fractionLost = *fraction;
  // Sign-extend the 24-bit two's complement value.
  block.cumulativeLost =
      (*lost & 0x800000) ? static_cast<int32_t>(*lost) - (1 << 24) : static_cast<int32_t>(*lost);
  block.extendedHighestSequenceNumber = *highest;
  block.jitter = *jitter;
  block.lastSenderReport = *lsr;
  block.delaySinceLastSenderReport = *dlsr;
  return block;
}

void ReportBlock::write(ByteWriter& writer) const {
  const int32_t lost = std::clamp(cumulativeLost, kMinCumulativeLost, kMaxCumulativeLost);
  writer.u32(sourceSsrc.value()).u8(fractionLost);
  writer.u24(static_cast<uint32_t>(lost) & 0xFFFFFF);
  writer.u32(extendedHighestSequenceNumber).u32(jitter).u32(lastSenderReport);
  writer.u32(delaySinceLastSenderReport);
}

}  // namespace dienhong::media
