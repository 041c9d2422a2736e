// Fuzz target: the SRTP/SRTCP receive path (RFC 3711 §3.3, §3.4; RFC 7714) and the protect →
// unprotect round trip. Input: one octet choosing the profile (bits 0-1) and allowResend (bit 2),
// then chunks of [length low octet][length high 3 bits | flip position 5 bits][bytes].
// Properties asserted, not only the absence of crashes or out-of-bounds reads:
//  - arbitrary bytes never authenticate, as SRTP or SRTCP, and are read only within the input;
//  - a chunk that is an RTP packet (our own minimal check: 12 octets, version 2, CSRCs and
//    extension inside) protects and then unprotects to exactly the same bytes, unless its index
//    lies 1024 or more behind the newest (kTooOld) or was already delivered (kReplayed),
//    as a small model of the rollover counter and of the replay window predicts — and without
//    allowResend, the sender refuses exactly those packets instead;
//  - the protected packet with one bit flipped is refused;
//  - a chunk that is an RTCP packet (8 octets, version 2) round-trips the same way.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <iterator>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include "media/srtp/srtp_index.hpp"
#include "media/srtp/srtp_session.hpp"

using namespace dienhong::media;

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

SrtpMasterKey fixedKey(SrtpProfile profile, uint8_t seed) {
  const auto& params = srtpProfileParams(profile);
  uint8_t key[kSrtpMaxKeyLength], salt[kSrtpMaxSaltLength];
  for (size_t i = 0; i < sizeof key; ++i) key[i] = static_cast<uint8_t>(seed + 3 * i);
  for (size_t i = 0; i < sizeof salt; ++i) salt[i] = static_cast<uint8_t>(seed * 5 + i);
  return *SrtpMasterKey::create(profile, std::span(key, params.masterKeyLength),
                                std::span(salt, params.masterSaltLength));
}

// Independent of media/srtp's own parser on purpose.
struct RtpView {
  size_t headerLength;
  uint16_t seq;
  uint32_t ssrc;
};
std::optional<RtpView> looksLikeRtp(std::span<const uint8_t> p) {
  if (p.size() < 12 || (p[0] >> 6) != 2) return std::nullopt;
  size_t header = 12 + 4 * size_t{p[0] & 0x0fu};
  if ((p[0] & 0x10) != 0) {
    if (p.size() < header + 4) return std::nullopt;
    header += 4 + 4 * (size_t{p[header + 2]} << 8 | p[header + 3]);
  }
  if (p.size() < header) return std::nullopt;
  return RtpView{header, static_cast<uint16_t>(p[2] << 8 | p[3]),
                 uint32_t{p[8]} << 24 | uint32_t{p[9]} << 16 | uint32_t{p[10]} << 8 | p[11]};
}

// Runs op on a heap copy of exactly data.size() octets, so that ASan sees any over-read.
template <class F>
UnprotectResult onExactCopy(std::span<const uint8_t> data, F op) {
  auto copy = std::make_unique<uint8_t[]>(data.size() + 1);
  if (!data.empty()) std::memcpy(copy.get(), data.data(), data.size());
  const UnprotectResult result = op(std::span<uint8_t>(copy.get(), data.size()));
  check(!result.ok() || result.length <= data.size());
  return result;
}

struct Model {
  std::map<uint32_t, uint64_t> highest;         // per SSRC: newest index delivered
  std::set<std::pair<uint32_t, uint64_t>> seen;  // delivered (SSRC, index)
};

void roundTripRtp(SrtpSession& sender, SrtpSession& receiver, bool allowResend, Model& model,
                  std::span<const uint8_t> chunk, size_t flip) {
  const auto view = looksLikeRtp(chunk);
  std::vector<uint8_t> buffer(chunk.begin(), chunk.end());
  buffer.resize(chunk.size() + kSrtpMaxRtpOverhead);
  const auto length = sender.protectRtp(buffer, chunk.size());
  if (!view) {
    check(!length);
    return;
  }
  const auto known = model.highest.find(view->ssrc);
  const std::optional<uint64_t> index =
      known == model.highest.end() ? std::optional<uint64_t>(view->seq)
                                   : dienhong::media::srtp::estimateSrtpIndex(known->second, view->seq);
  // Sender and receiver have seen the same packets, so they share highest index and history.
  const bool tooOld = index && known != model.highest.end() && known->second >= *index &&
                      known->second - *index >= SrtpReceiveContext::kRtpReplayWindow;
  const bool seen = index && model.seen.count({view->ssrc, *index}) != 0;
  check(length.has_value() == (index && (allowResend || (!tooOld && !seen))));
  if (!length) return;
  check(*length == chunk.size() + sender.rtpOverhead());

  std::vector<uint8_t> forged(buffer.begin(), buffer.begin() + static_cast<long>(*length));
  forged[flip % forged.size()] ^= static_cast<uint8_t>(1u << (flip % 8));
  check(!onExactCopy(forged, [&](std::span<uint8_t> p) { return receiver.unprotectRtp(p); }).ok());

  const auto result = receiver.unprotectRtp(std::span(buffer).first(*length));
  // The window forgets what lies behind it: too old takes precedence over already seen.
  if (tooOld) {
    check(result.status == SrtpStatus::kTooOld);
  } else if (seen) {
    check(result.status == SrtpStatus::kReplayed);
  } else {
    check(result.ok() && result.length == chunk.size());
    check(std::memcmp(buffer.data(), chunk.data(), chunk.size()) == 0);
    model.seen.insert({view->ssrc, *index});
    if (known == model.highest.end() || *index > known->second) model.highest[view->ssrc] = *index;
  }
}

void roundTripRtcp(SrtpSession& sender, SrtpSession& receiver, std::span<const uint8_t> chunk,
                   size_t flip) {
  std::vector<uint8_t> buffer(chunk.begin(), chunk.end());
  buffer.resize(chunk.size() + kSrtpMaxRtcpOverhead);
  const auto length = sender.protectRtcp(buffer, chunk.size());
  const bool isRtcp = chunk.size() >= 8 && (chunk[0] >> 6) == 2;
  check(length.has_value() == isRtcp);
  if (!length) return;
  std::vector<uint8_t> forged(buffer.begin(), buffer.begin() + static_cast<long>(*length));
  forged[flip % forged.size()] ^= static_cast<uint8_t>(1u << (flip % 8));
  check(!onExactCopy(forged, [&](std::span<uint8_t> p) { return receiver.unprotectRtcp(p); }).ok());
  const auto result = receiver.unprotectRtcp(std::span(buffer).first(*length));
  check(result.ok() && result.length == chunk.size());
  check(std::memcmp(buffer.data(), chunk.data(), chunk.size()) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const SrtpProfile profile = kAllSrtpProfiles[data[0] % std::size(kAllSrtpProfiles)];
  const bool allowResend = (data[0] & 0x04) != 0;
  const SrtpMasterKey a = fixedKey(profile, 1), b = fixedKey(profile, 2);
  // Every chunk may bring two new SSRCs (as RTP and as RTCP): no stream limit may interfere.
  const SrtpSessionOptions options{
      .maxSendStreams = 8192, .maxReceiveStreams = 8192, .allowResend = allowResend};
  auto sender = SrtpSession::create(a, b, options);
  auto receiver = SrtpSession::create(b, a, options);
  // Keys of its own, so that seeds holding packets protected by the sender stay "arbitrary".
  auto victim = SrtpSession::create(fixedKey(profile, 3), fixedKey(profile, 4));
  check(sender.ok() && receiver.ok() && victim.ok());
  Model model;

  size_t at = 1;
  while (size - at >= 2) {
    const size_t length = data[at] | size_t{data[at + 1] & 0x07u} << 8;
    const size_t flip = data[at + 1] >> 3;
    at += 2;
    const std::span<const uint8_t> chunk(data + at, std::min(length, size - at));
    at += chunk.size();

    // Attacker-controlled bytes straight into the receive path.
    check(!onExactCopy(chunk, [&](std::span<uint8_t> p) { return victim->unprotectRtp(p); }).ok());
    check(!onExactCopy(chunk, [&](std::span<uint8_t> p) { return victim->unprotectRtcp(p); }).ok());

    roundTripRtp(*sender, *receiver, allowResend, model, chunk, flip * 7 + chunk.size());
    roundTripRtcp(*sender, *receiver, chunk, flip * 11 + chunk.size());
  }
  return 0;
}
