// SDP parser (RFC 8866 syntax, WebRTC attributes). Input comes from browsers over signalling,
// so it is bounded (size, lines, sections, codecs) and every error names the offending line.
#pragma once

#include <string_view>

#include "common/result.hpp"
#include "media/sdp/session_description.hpp"

namespace dienhong::media::sdp {

struct ParseLimits {
  size_t maxBytes = 64 * 1024;
  size_t maxLineLength = 4096;
  size_t maxMediaSections = 64;
  size_t maxCodecsPerSection = 64;
  size_t maxItemsPerSection = 512;  // extmaps, ssrc lines, candidates, rids, other attributes
};

// Error code "invalid_sdp"; the message says "line N: …".
Result<SessionDescription> parse(std::string_view text, const ParseLimits& limits = {});

}  // namespace dienhong::media::sdp
