// bench_srtp: CPU per SRTP packet (RFC 3711 AES-CM + HMAC-SHA1, RFC 7714 AES-GCM), ours on
// OpenSSL EVP against libsrtp2 (Debian's NSS build), protect and unprotect, for a 200-octet
// (audio-sized) and a 1200-octet (video-sized) RTP packet in every profile. Every iteration
// copies the packet into the work buffer first — both implementations pay the same copy — and
// uses a new sequence number, so that replay protection sees what it sees in production.
// After the usual console output, prints one table: ns/packet, ours next to libsrtp2's (the
// median when repeated, as bench/srtp/run does: the machines are shared and noisy).
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "libsrtp_peer.hpp"
#include "media/srtp/srtp_session.hpp"

namespace {

using dienhong::media::kAllSrtpProfiles;
using dienhong::media::SrtpMasterKey;
using dienhong::media::SrtpProfile;
using dienhong::media::srtpProfileParams;
using dienhong::media::SrtpSession;
using dienhong::media::test::LibsrtpPeer;
using Bytes = std::vector<uint8_t>;

constexpr size_t kSlack = SRTP_MAX_TRAILER_LEN;
// Pre-protected packets per receiver, all fresh indices. Small enough (under 700 KiB at 1200
// octets) to stay in L2 like the single packet of the protect loop; the receiver is replaced,
// untimed, each time the batch is used up.
constexpr size_t kBatch = 512;
constexpr size_t kSizes[] = {200, 1200};

SrtpMasterKey masterKey(SrtpProfile profile, uint8_t seed) {
  const auto& params = srtpProfileParams(profile);
  Bytes key(params.masterKeyLength), salt(params.masterSaltLength);
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(seed * 37 + i);
  for (size_t i = 0; i < salt.size(); ++i) salt[i] = static_cast<uint8_t>(seed * 11 + 3 * i);
  return *SrtpMasterKey::create(profile, key, salt);
}

Bytes rtpPacket(size_t size, uint16_t seq) {
  Bytes p(size);
  const uint8_t header[12] = {0x80, 111, static_cast<uint8_t>(seq >> 8), static_cast<uint8_t>(seq),
                              0, 0, 0x10, 0, 0xca, 0xfe, 0xba, 0xbe};
  std::memcpy(p.data(), header, sizeof header);
  for (size_t i = 12; i < size; ++i) p[i] = static_cast<uint8_t>(i * 7);
  return p;
}

void setSequence(uint8_t* packet, uint16_t seq) {
  packet[2] = static_cast<uint8_t>(seq >> 8);
  packet[3] = static_cast<uint8_t>(seq);
}

// The two implementations behind one interface, so that both loops are the same code.
struct Ours {
  static constexpr const char* kName = "dienhong";
  SrtpSession session;
  Ours(const SrtpMasterKey& local, const SrtpMasterKey& remote)
      : session(SrtpSession::create(local, remote).value()) {}
  std::optional<size_t> protect(Bytes& buffer, size_t length) { return session.protectRtp(buffer, length); }
  bool unprotect(Bytes& buffer, size_t length) {
    return session.unprotectRtp(std::span(buffer).first(length)).ok();
  }
};

struct Libsrtp {
  static constexpr const char* kName = "libsrtp2";
  LibsrtpPeer out;
  LibsrtpPeer in;
  Libsrtp(const SrtpMasterKey& local, const SrtpMasterKey& remote)
      : out(local, LibsrtpPeer::Direction::kOutbound), in(remote, LibsrtpPeer::Direction::kInbound) {}
  std::optional<size_t> protect(Bytes& buffer, size_t length) { return out.protectRtp(buffer, length); }
  bool unprotect(Bytes& buffer, size_t length) { return in.unprotectRtp(buffer, length).has_value(); }
};

template <class Impl>
void protectRtp(benchmark::State& state, SrtpProfile profile, size_t size) {
  const SrtpMasterKey key = masterKey(profile, 1);
  Impl impl(key, key);
  const Bytes plain = rtpPacket(size, 0);
  Bytes buffer(size + kSlack);
  uint16_t seq = 0;
  for (auto _ : state) {
    std::memcpy(buffer.data(), plain.data(), size);
    setSequence(buffer.data(), seq++);
    auto length = impl.protect(buffer, size);
    if (!length) {
      state.SkipWithError("protect failed");
      break;
    }
    benchmark::DoNotOptimize(length);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
}

template <class Impl>
void unprotectRtp(benchmark::State& state, SrtpProfile profile, size_t size) {
  const SrtpMasterKey key = masterKey(profile, 2);
  // Protected once, up front, by our implementation (the oracle tests show both agree).
  auto sender = std::make_unique<Ours>(key, key);
  std::vector<Bytes> packets;
  for (size_t i = 0; i < kBatch; ++i) {
    Bytes buffer = rtpPacket(size, static_cast<uint16_t>(i));
    buffer.resize(size + kSlack);
    buffer.resize(*sender->protect(buffer, size));
    packets.push_back(std::move(buffer));
  }
  auto receiver = std::make_unique<Impl>(key, key);
  Bytes work(size + kSlack);
  size_t next = 0;
  for (auto _ : state) {
    if (next == kBatch) {  // every index used: a fresh receiver, outside the measured time
      state.PauseTiming();
      receiver = std::make_unique<Impl>(key, key);
      next = 0;
      state.ResumeTiming();
    }
    const Bytes& packet = packets[next++];
    std::memcpy(work.data(), packet.data(), packet.size());
    if (!receiver->unprotect(work, packet.size())) {
      state.SkipWithError("unprotect failed");
      break;
    }
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
}

std::string profileLabel(SrtpProfile profile) { return std::string(srtpProfileParams(profile).name); }

// "op/profile/size[/implementation]". Appends rather than operator+: GCC 12 -O3 reports a false
// -Wrestrict on "literal" + std::string (GCC bug 105329).
std::string benchmarkName(const char* op, SrtpProfile profile, size_t size, const char* impl = nullptr) {
  std::string name = op;
  name += '/';
  name += srtpProfileParams(profile).name;
  name += '/';
  name += std::to_string(size);
  if (impl != nullptr) {
    name += '/';
    name += impl;
  }
  return name;
}

template <class Impl>
void registerAll() {
  for (SrtpProfile profile : kAllSrtpProfiles) {
    for (size_t size : kSizes) {
      benchmark::RegisterBenchmark(benchmarkName("protect_rtp", profile, size, Impl::kName).c_str(),
                                   protectRtp<Impl>, profile, size)
          ->Unit(benchmark::kNanosecond);
      benchmark::RegisterBenchmark(benchmarkName("unprotect_rtp", profile, size, Impl::kName).c_str(),
                                   unprotectRtp<Impl>, profile, size)
          ->Unit(benchmark::kNanosecond);
    }
  }
}

// Console output as usual, plus the CPU time of every run kept for the summary table.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      // With --benchmark_repetitions the median stands for the run; otherwise the run itself.
      if (run.error_occurred || (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median")) {
        continue;
      }
      nsPerPacket[run.run_name.str()] = run.GetAdjustedCPUTime();
    }
  }
  std::map<std::string, double> nsPerPacket;
};

void printSummary(const std::map<std::string, double>& results) {
  std::printf("\nns per packet (CPU time)                   dienhong   libsrtp2   libsrtp2/dienhong\n");
  for (const char* op : {"protect_rtp", "unprotect_rtp"}) {
    for (SrtpProfile profile : kAllSrtpProfiles) {
      for (size_t size : kSizes) {
        const auto ours = results.find(benchmarkName(op, profile, size, Ours::kName));
        const auto theirs = results.find(benchmarkName(op, profile, size, Libsrtp::kName));
        if (ours == results.end() || theirs == results.end()) continue;
        std::printf("%-14s %-24s %5zu  %9.0f  %9.0f   %6.1fx\n", op, profileLabel(profile).c_str(), size,
                    ours->second, theirs->second, theirs->second / ours->second);
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  registerAll<Ours>();
  registerAll<Libsrtp>();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  printSummary(reporter.nsPerPacket);
  return 0;
}
