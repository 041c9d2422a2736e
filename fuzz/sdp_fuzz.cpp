// Fuzz target: SDP from a browser (or an attacker) over signalling. Property: whatever parses
// serialises to text that parses back to the same description, and serialisation is stable.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "media/sdp/sdp_parser.hpp"
#include "media/sdp/sdp_writer.hpp"

using namespace dienhong::media::sdp;  // NOLINT(google-build-using-namespace)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto first = parse(text);
  if (!first) return 0;
  const std::string written = serialize(first.value());
  auto second = parse(written);
  if (!second || !(second.value() == first.value())) std::abort();
  if (serialize(second.value()) != written) std::abort();
  return 0;
}
