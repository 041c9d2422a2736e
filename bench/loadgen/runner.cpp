#include "loadgen/runner.hpp"

#include <sys/resource.h>

#include <cstdio>
#include <ctime>
#include <thread>

#include <fmt/format.h>

#include "loadgen/process_sampler.hpp"

namespace dienhong::loadgen {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

double ownCpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::string utcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

struct Progress {
  uint32_t ready = 0;
  std::vector<std::string> failures;
};

Progress progressOf(std::vector<std::unique_ptr<LoadWorker>>& workers) {
  Progress total;
  for (auto& worker : workers) {
    auto part = worker->call([](std::vector<std::unique_ptr<Endpoint>>& endpoints) {
      Progress p;
      for (const auto& e : endpoints) {
        if (e->phase() == EndpointPhase::Failed) {
          p.failures.push_back(e->displayName() + ": " + e->error() + " (publish: " + e->publisher()->transport().describe() +
                               "; subscribe: " + e->subscriber()->transport().describe() + ")");
        }
        else if (e->ready()) ++p.ready;
      }
      return p;
    });
    total.ready += part.ready;
    total.failures.insert(total.failures.end(), part.failures.begin(), part.failures.end());
  }
  return total;
}

bool sampleServer(pid_t pid, ProcessSample& out) {
  if (pid == 0) return false;
  const auto sample = sampleProcess(pid);
  if (!sample) return false;
  out = *sample;
  return true;
}

const char* profileName(media::SrtpProfile profile) {
  switch (profile) {
    case media::SrtpProfile::kAes128CmHmacSha1_80: return "AES_CM_128_HMAC_SHA1_80";
    case media::SrtpProfile::kAes128CmHmacSha1_32: return "AES_CM_128_HMAC_SHA1_32";
    case media::SrtpProfile::kAeadAes128Gcm: return "AEAD_AES_128_GCM";
    case media::SrtpProfile::kAeadAes256Gcm: return "AEAD_AES_256_GCM";
  }
  return "unknown";
}

}  // namespace

RunReport runScenario(const Scenario& scenario, const RunSettings& settings) {
  RunReport report;
  report.scenario = scenario.name;
  report.target = settings.worker.target;
  report.startedAt = utcNow();
  report.rooms = scenario.rooms;
  report.endpoints = scenario.rooms * scenario.endpointsPerRoom;

  const auto start = Clock::now() + 500ms;
  // Turns start once everyone should be in, so the first speakers are seen by all.
  const SpeakerSchedule schedule(start + scenario.ramp * report.endpoints, scenario.speakerPeriod,
                                 scenario.endpointsPerRoom);
  std::vector<std::unique_ptr<LoadWorker>> workers;
  for (unsigned i = 0; i < std::max(1u, settings.threads); ++i) {
    auto worker = LoadWorker::create(scenario, schedule, settings.worker);
    if (!worker) {
      report.failures.push_back(worker.error().message);
      return report;
    }
    workers.push_back(std::move(worker.value()));
  }
  uint32_t order = 0;
  for (uint32_t room = 0; room < scenario.rooms; ++room) {
    for (uint32_t index = 0; index < scenario.endpointsPerRoom; ++index, ++order) {
      workers[order % workers.size()]->add(settings.rooms.at(room), room, index, start + scenario.ramp * order);
    }
  }
  for (auto& worker : workers) worker->run();

  // Everyone in and receiving, or every endpoint settled (ready or failed), or the deadline.
  const auto deadline = start + scenario.ramp * report.endpoints + scenario.connectTimeout;
  Progress progress;
  for (;;) {
    std::this_thread::sleep_for(250ms);
    progress = progressOf(workers);
    const bool settled = progress.ready + progress.failures.size() >= report.endpoints;
    if (progress.ready == report.endpoints || settled || Clock::now() > deadline) break;
  }
  report.ready = progress.ready;
  fmt::print(stderr, "loadgen: {}/{} endpoints ready\n", progress.ready, report.endpoints);
  if (progress.ready != report.endpoints && progress.failures.empty()) {
    report.failures.push_back(fmt::format("only {} of {} endpoints were publishing and receiving everything after {} s",
                                          progress.ready, report.endpoints, scenario.connectTimeout.count()));
  }
  // A server that could not take everyone is measured with those it took: its figures (and the
  // loss and freezes of the rest) are the comparison; the run still counts as failed.
  if (progress.ready > 0) {
    std::this_thread::sleep_for(scenario.warmup);
    // Plain values: GCC 12 at -O2 sees optionals of this struct as maybe-uninitialized.
    ProcessSample serverStart;
    const bool haveServerStart = sampleServer(settings.serverPid, serverStart);
    const auto dropsStart = udpReceiveBufferErrors();
    const double ownStart = ownCpuSeconds();
    const auto windowStart = Clock::now();
    for (auto& worker : workers) {
      worker->call([windowStart](std::vector<std::unique_ptr<Endpoint>>& endpoints) {
        for (auto& e : endpoints) e->subscriber()->startWindow(windowStart);
        return 0;
      });
    }
    fmt::print(stderr, "loadgen: measuring for {} s\n", scenario.duration.count());
    uint64_t rssMax = serverStart.rssKiB;
    while (Clock::now() - windowStart < scenario.duration) {
      std::this_thread::sleep_for(std::min<Clock::duration>(1s, scenario.duration - (Clock::now() - windowStart)));
      if (settings.serverPid) {
        if (const auto sample = sampleProcess(settings.serverPid)) rssMax = std::max(rssMax, sample->rssKiB);
      }
    }
    const auto windowEnd = Clock::now();
    ProcessSample serverEnd;
    const bool haveServerEnd = sampleServer(settings.serverPid, serverEnd);
    report.loadgenCpuSeconds = ownCpuSeconds() - ownStart;
    if (const auto dropsEnd = udpReceiveBufferErrors(); dropsStart && dropsEnd) report.udpReceiveBufferErrors = *dropsEnd - *dropsStart;
    report.windowSeconds = std::chrono::duration<double>(windowEnd - windowStart).count();
    if (haveServerStart && haveServerEnd) {
      report.serverSampled = true;
      report.serverCpuSeconds = serverEnd.cpuSeconds - serverStart.cpuSeconds;
      report.serverRssStartKiB = serverStart.rssKiB;
      report.serverRssEndKiB = serverEnd.rssKiB;
      report.serverRssMaxKiB = std::max(rssMax, serverEnd.rssKiB);
    }
    for (auto& worker : workers) {
      worker->call([&report, windowEnd](std::vector<std::unique_ptr<Endpoint>>& endpoints) {
        for (auto& e : endpoints) {
          const auto metrics = e->subscriber()->endWindow(windowEnd);
          report.audio.merge(metrics[0]);
          report.video.merge(metrics[1]);
        }
        return 0;
      });
    }
  }
  // Who failed, before or during the window, and how far each of its connections got.
  const auto settled = progressOf(workers);
  report.failures.insert(report.failures.end(), settled.failures.begin(), settled.failures.end());
  // Counters and negotiated profiles, then everyone leaves.
  for (auto& worker : workers) {
    worker->call([&report](std::vector<std::unique_ptr<Endpoint>>& endpoints) {
      for (auto& e : endpoints) {
        report.publishers.add(e->publisher()->counters());
        report.subscribers.add(e->subscriber()->counters());
        for (ClientTransport* t : {&e->publisher()->transport(), &e->subscriber()->transport()}) {
          if (const auto profile = t->profile()) ++report.srtpProfiles[profileName(*profile)];
        }
        e->leave();
      }
      return 0;
    });
  }
  std::this_thread::sleep_for(300ms);  // let the leave messages go out
  for (auto& worker : workers) worker->stop();
  return report;
}

}  // namespace dienhong::loadgen
