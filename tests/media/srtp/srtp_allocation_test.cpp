// The packet path allocates nothing once a stream exists: counts every C++ allocation (global
// operator new, replaced in this test binary) and every OpenSSL allocation (CRYPTO_malloc, hooked
// before OpenSSL's first use) while packets are protected, unprotected and refused.
#include <atomic>
#include <cstdlib>
#include <new>

#include <openssl/crypto.h>

#include <gtest/gtest.h>

#include "srtp_test_util.hpp"

namespace {

std::atomic<bool> gCounting{false};
std::atomic<long> gAllocations{0};

void* countingMalloc(size_t n, const char*, int) {
  if (gCounting) ++gAllocations;
  return std::malloc(n);
}
void* countingRealloc(void* p, size_t n, const char*, int) {
  if (gCounting) ++gAllocations;
  return std::realloc(p, n);
}
void countingFree(void* p, const char*, int) { std::free(p); }

// Static initialisation runs before any test touches OpenSSL, which only accepts the hook then.
const bool gOpensslHooked = CRYPTO_set_mem_functions(countingMalloc, countingRealloc, countingFree) == 1;

void* countedNew(size_t n) {
  if (gCounting) ++gAllocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}

}  // namespace

void* operator new(size_t n) { return countedNew(n); }
void* operator new[](size_t n) { return countedNew(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }

namespace dienhong::media {
namespace {

using test::Bytes;

class SrtpSteadyState : public testing::TestWithParam<SrtpProfile> {};

TEST_P(SrtpSteadyState, PacketPathAllocatesNothing) {
  ASSERT_TRUE(gOpensslHooked) << "OpenSSL allocated before the hook could be installed";
  auto pair = test::sessionPair(GetParam());
  const uint32_t ssrcs[] = {1, 2, 3};
  std::vector<Bytes> plain;
  for (uint32_t ssrc : ssrcs) plain.push_back(test::rtpPacket({.seq = 1, .ssrc = ssrc, .payloadLength = 1000}));
  const Bytes rtcp = test::rtcpPacket(1, 2);
  Bytes buffer(1500), stale(1500);
  auto roundTrip = [&](const Bytes& packet, uint16_t seq) {
    std::copy(packet.begin(), packet.end(), buffer.begin());
    buffer[2] = static_cast<uint8_t>(seq >> 8);
    buffer[3] = static_cast<uint8_t>(seq);
    const auto length = pair.a.protectRtp(buffer, packet.size());
    if (!length) return false;
    std::copy(buffer.begin(), buffer.begin() + static_cast<long>(*length), stale.begin());
    const auto result = pair.b.unprotectRtp(std::span(buffer).first(*length));
    // Refusals are on the packet path too: a replay and a forgery.
    const bool replayRefused =
        pair.b.unprotectRtp(std::span(stale).first(*length)).status == SrtpStatus::kReplayed;
    stale[*length - 1] ^= 1;
    stale[2] ^= 0x40;
    const bool forgeryRefused = !pair.b.unprotectRtp(std::span(stale).first(*length)).ok();
    return result.ok() && replayRefused && forgeryRefused;
  };
  auto rtcpRoundTrip = [&] {
    std::copy(rtcp.begin(), rtcp.end(), buffer.begin());
    const auto length = pair.a.protectRtcp(buffer, rtcp.size());
    return length && pair.b.unprotectRtcp(std::span(buffer).first(*length)).ok();
  };

  // Warm-up: the first packet of each SSRC creates its stream, which may allocate.
  for (const Bytes& packet : plain) ASSERT_TRUE(roundTrip(packet, 1));
  ASSERT_TRUE(rtcpRoundTrip());

  bool ok = true;
  gAllocations = 0;
  gCounting = true;
  for (uint16_t seq = 2; seq < 3000; ++seq) {
    ok = roundTrip(plain[seq % 3], seq) && ok;
    if (seq % 10 == 0) ok = rtcpRoundTrip() && ok;
  }
  gCounting = false;
  EXPECT_TRUE(ok);
  EXPECT_EQ(gAllocations.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Profiles, SrtpSteadyState, testing::ValuesIn(kAllSrtpProfiles),
                         test::profileName);

}  // namespace
}  // namespace dienhong::media
