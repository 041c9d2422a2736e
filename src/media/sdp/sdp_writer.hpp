// SDP serialiser: writes a SessionDescription as RFC 8866 text with CRLF line ends, in the order
// browsers expect. parse(serialize(d)) == d for every d that parse produced.
#pragma once

#include <string>

#include "media/sdp/session_description.hpp"

namespace dienhong::media::sdp {

std::string serialize(const SessionDescription& description);

}  // namespace dienhong::media::sdp
