// What bandwidth estimation costs the media worker per packet: onPacketSent for every packet, and
// onFeedback for every transport-wide feedback message (here 50 packets each, ~75 ms at
// 2.5 Mbit/s), in the steady state of a 2.5 Mbit/s stream.
#include <benchmark/benchmark.h>

#include <vector>

#include "media/bwe/bandwidth_estimator.hpp"

namespace {

using namespace std::chrono_literals;
using dienhong::media::BandwidthEstimator;
using dienhong::media::BweTime;
using dienhong::media::PacketFeedback;
using dienhong::media::RemoteTime;

void BM_SendAndFeedbackPerPacket(benchmark::State& state) {
  const auto batch = static_cast<size_t>(state.range(0));
  BandwidthEstimator bwe;
  std::vector<PacketFeedback> feedback(batch);
  BweTime now = BweTime{} + 100s;
  uint16_t sequence = 0;
  int64_t remote = 0;
  int64_t packets = 0;
  for (auto _ : state) {
    for (auto& entry : feedback) {
      bwe.onPacketSent({.transportSequence = sequence, .size = 1200, .sendTime = now});
      remote += 3'840;  // 2.5 Mbit/s of 1200-byte packets
      entry = {sequence, sequence % 50 != 0, RemoteTime{remote}};
      ++sequence;
      now += 3840us;
    }
    bwe.onFeedback(feedback, now + 25ms);
    benchmark::DoNotOptimize(bwe.takeProbeRequest(now));
    packets += static_cast<int64_t>(batch);
  }
  state.SetItemsProcessed(packets);
  state.counters["target_kbps"] = static_cast<double>(bwe.targetBitrate()) / 1000;
}
BENCHMARK(BM_SendAndFeedbackPerPacket)->Arg(20)->Arg(50)->Arg(200);

}  // namespace

BENCHMARK_MAIN();
