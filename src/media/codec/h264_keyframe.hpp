// H.264 over RTP (RFC 6184): does this packet carry the start of a keyframe? Looks at single NAL
// unit packets, STAP-A aggregates (§5.7.1) and the first fragment of FU-A (§5.8). An IDR slice
// (type 5) or a sequence parameter set (type 7) counts: browsers send SPS/PPS before every IDR.
#pragma once

#include <cstdint>
#include <span>

namespace dienhong::media {

bool isH264KeyframeStart(std::span<const uint8_t> payload);

}  // namespace dienhong::media
