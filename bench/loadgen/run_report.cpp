#include "loadgen/run_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace dienhong::loadgen {
namespace {

using nlohmann::json;

double ms(int64_t micros) { return static_cast<double>(micros) / 1000.0; }

json metricsJson(const RunReport& r, const StreamMetrics& m) {
  return {
      {"streams", m.streams},
      {"packets", m.packets},
      {"bitsPerSecond", r.windowSeconds > 0 ? 8.0 * static_cast<double>(m.bytes) / r.windowSeconds : 0},
      {"expected", m.expected},
      {"lost", m.lost},
      {"lossPercent", r.lossPercent(m)},
      {"retransmitted", m.retransmitted},
      {"duplicates", m.duplicates},
      {"freezes", m.freezes},
      {"frozenMs", ms(m.frozenMicros)},
      {"longestGapMs", ms(m.longestGapMicros)},
      {"jitterMs", m.streams > 0 ? m.jitterMsSum / static_cast<double>(m.streams) : 0},
      {"latencyMs",
       {{"p50", ms(m.latency.percentileMicros(0.50))},
        {"p99", ms(m.latency.percentileMicros(0.99))},
        {"max", ms(m.latency.maxMicros())}}},
  };
}

}  // namespace

json RunReport::toJson() const {
  StreamMetrics all = audio;
  all.merge(video);
  json j = {
      {"scenario", scenario},
      {"target", target},
      {"startedAt", startedAt},
      {"rooms", rooms},
      {"endpoints", endpoints},
      {"ready", ready},
      {"failures", failures},
      {"windowSeconds", windowSeconds},
      {"srtpProfiles", srtpProfiles},
      {"forwarded", {{"packets", forwardedPackets()}, {"packetsPerSecond", forwardedPacketsPerSecond()}}},
      {"audio", metricsJson(*this, audio)},
      {"video", metricsJson(*this, video)},
      {"all", metricsJson(*this, all)},
      {"publishers",
       {{"packetsSent", publishers.packetsSent},
        {"bytesSent", publishers.bytesSent},
        {"retransmissionsSent", publishers.retransmissionsSent},
        {"nacksReceived", publishers.nacksReceived},
        {"keyframeRequests", publishers.keyframeRequests},
        {"keyframesSent", publishers.keyframesSent}}},
      {"subscribers",
       {{"packetsReceived", subscribers.packetsReceived},
        {"probePackets", subscribers.probePackets},
        {"unknownSsrc", subscribers.unknownSsrc},
        {"nacksSent", subscribers.nacksSent},
        {"plisSent", subscribers.plisSent},
        {"offersAnswered", subscribers.offersAnswered}}},
      {"loadgen", {{"cpuPercent", windowSeconds > 0 ? 100.0 * loadgenCpuSeconds / windowSeconds : 0}}},
      {"udpReceiveBufferErrors", udpReceiveBufferErrors},
  };
  if (serverSampled) {
    j["server"] = {{"cpuSeconds", serverCpuSeconds},
                   {"cpuPercent", serverCpuPercent()},
                   {"cpuMicrosPerForwardedPacket", serverMicrosPerPacket()},
                   {"rssKiB", {{"start", serverRssStartKiB}, {"end", serverRssEndKiB}, {"max", serverRssMaxKiB}}}};
  }
  return j;
}

std::string RunReport::summary() const {
  StreamMetrics all = audio;
  all.merge(video);
  std::string profiles;
  for (const auto& [name, count] : srtpProfiles) profiles += fmt::format("{}{} x{}", profiles.empty() ? "" : ", ", name, count);
  std::string text = fmt::format(
      "{} against {}: {} rooms, {}/{} endpoints ready, {:.1f} s measured, SRTP {}\n"
      "  forwarded {:.0f} packets/s ({} audio streams, {} video streams)\n"
      "  loss {:.3f} % (audio {:.3f} %, video {:.3f} %), {} retransmitted, freezes: video {}, audio {}\n"
      "  latency p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms; jitter video {:.2f} ms\n",
      scenario, target, rooms, ready, endpoints, windowSeconds, profiles.empty() ? "none" : profiles,
      forwardedPacketsPerSecond(), audio.streams, video.streams, lossPercent(all), lossPercent(audio),
      lossPercent(video), all.retransmitted, video.freezes, audio.freezes, ms(all.latency.percentileMicros(0.5)),
      ms(all.latency.percentileMicros(0.99)), ms(all.latency.maxMicros()),
      video.streams > 0 ? video.jitterMsSum / static_cast<double>(video.streams) : 0.0);
  if (serverSampled) {
    text += fmt::format("  server CPU {:.1f} % ({:.2f} µs per forwarded packet), RSS {} -> {} KiB (max {})\n",
                        serverCpuPercent(), serverMicrosPerPacket(), serverRssStartKiB, serverRssEndKiB,
                        serverRssMaxKiB);
  }
  text += fmt::format("  load generator CPU {:.1f} %, UDP receive-buffer drops {}\n",
                      windowSeconds > 0 ? 100.0 * loadgenCpuSeconds / windowSeconds : 0.0, udpReceiveBufferErrors);
  for (const auto& failure : failures) text += "  FAILED: " + failure + "\n";
  return text;
}

}  // namespace dienhong::loadgen
