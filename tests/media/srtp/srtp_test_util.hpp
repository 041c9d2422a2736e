// Helpers shared by the SRTP tests: hex, RTP/RTCP packet builders and sessions with mirrored
// keys (what one side protects, the other unprotects).
#pragma once

#include <cctype>
#include <cstdint>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "media/srtp/srtp_session.hpp"

namespace dienhong::media::test {

using Bytes = std::vector<uint8_t>;

// Hex digits; spaces and newlines are ignored, as in the RFC listings.
inline Bytes hex(std::string_view text) {
  Bytes out;
  int high = -1;
  for (char c : text) {
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else continue;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<uint8_t>(high << 4 | v));
      high = -1;
    }
  }
  EXPECT_EQ(high, -1) << "odd number of hex digits";
  return out;
}

struct RtpSpec {
  uint16_t seq = 0;
  uint32_t ssrc = 0x11223344;
  uint32_t timestamp = 0x01020304;
  uint8_t payloadType = 96;
  size_t csrcCount = 0;
  bool extension = false;
  size_t extensionWords = 0;
  size_t payloadLength = 160;
  uint8_t fill = 0xab;
};

inline Bytes rtpPacket(const RtpSpec& spec) {
  Bytes p;
  p.push_back(static_cast<uint8_t>(0x80 | (spec.extension ? 0x10 : 0) | spec.csrcCount));
  p.push_back(spec.payloadType);
  p.push_back(static_cast<uint8_t>(spec.seq >> 8));
  p.push_back(static_cast<uint8_t>(spec.seq));
  for (int i = 3; i >= 0; --i) p.push_back(static_cast<uint8_t>(spec.timestamp >> (8 * i)));
  for (int i = 3; i >= 0; --i) p.push_back(static_cast<uint8_t>(spec.ssrc >> (8 * i)));
  for (size_t c = 0; c < spec.csrcCount; ++c) {
    for (int i = 0; i < 4; ++i) p.push_back(static_cast<uint8_t>(0xc0 + c));
  }
  if (spec.extension) {
    p.insert(p.end(), {0xbe, 0xde, static_cast<uint8_t>(spec.extensionWords >> 8),
                       static_cast<uint8_t>(spec.extensionWords)});
    for (size_t w = 0; w < spec.extensionWords * 4; ++w) p.push_back(static_cast<uint8_t>(0xe0 + w));
  }
  for (size_t i = 0; i < spec.payloadLength; ++i) p.push_back(static_cast<uint8_t>(spec.fill + i));
  return p;
}

// A receiver report (RTCP PT 201) from ssrc with reportBlocks blocks of varied content.
inline Bytes rtcpPacket(uint32_t ssrc, size_t reportBlocks, uint8_t fill = 0x5a) {
  const size_t words = 1 + reportBlocks * 6;
  Bytes p{static_cast<uint8_t>(0x80 | reportBlocks), 201, static_cast<uint8_t>(words >> 8),
          static_cast<uint8_t>(words)};
  for (int i = 3; i >= 0; --i) p.push_back(static_cast<uint8_t>(ssrc >> (8 * i)));
  for (size_t i = 0; i < reportBlocks * 24; ++i) p.push_back(static_cast<uint8_t>(fill + 7 * i));
  return p;
}

// Deterministic master key material for a profile.
inline SrtpMasterKey masterKey(SrtpProfile profile, uint8_t seed) {
  const auto& params = srtpProfileParams(profile);
  Bytes key(params.masterKeyLength), salt(params.masterSaltLength);
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(seed * 31 + i * 7 + 1);
  for (size_t i = 0; i < salt.size(); ++i) salt[i] = static_cast<uint8_t>(seed * 17 + i * 13 + 5);
  return *SrtpMasterKey::create(profile, key, salt);
}

// Two sessions that talk to each other: a's local key is b's remote key and vice versa.
struct SessionPair {
  SrtpSession a;
  SrtpSession b;
};

inline SessionPair sessionPair(SrtpProfile profile, SrtpSessionOptions options = {}) {
  const SrtpMasterKey k1 = masterKey(profile, 1), k2 = masterKey(profile, 2);
  auto a = SrtpSession::create(k1, k2, options);
  auto b = SrtpSession::create(k2, k1, options);
  EXPECT_TRUE(a.ok() && b.ok());
  return SessionPair{std::move(a).value(), std::move(b).value()};
}

// Protects a copy of plain with session; the result has exactly the SRTP length.
inline Bytes protectRtp(SrtpSession& session, const Bytes& plain) {
  Bytes buffer(plain);
  buffer.resize(plain.size() + kSrtpMaxRtpOverhead);
  const auto length = session.protectRtp(buffer, plain.size());
  EXPECT_TRUE(length.has_value());
  buffer.resize(length.value_or(0));
  return buffer;
}

inline Bytes protectRtcp(SrtpSession& session, const Bytes& plain) {
  Bytes buffer(plain);
  buffer.resize(plain.size() + kSrtpMaxRtcpOverhead);
  const auto length = session.protectRtcp(buffer, plain.size());
  EXPECT_TRUE(length.has_value());
  buffer.resize(length.value_or(0));
  return buffer;
}

inline std::string profileName(const testing::TestParamInfo<SrtpProfile>& info) {
  std::string name(srtpProfileParams(info.param).name);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

}  // namespace dienhong::media::test
