// LinkSimulator: a deterministic single-bottleneck path for testing the bandwidth estimator the
// way it runs in the SFU. A sender paces 1200-byte packets at the estimator's target (or at a
// requested probe cluster's rate, padding included), through a drop-tail bottleneck of a given
// capacity and buffer (like a tc tbf), a constant propagation delay plus a little jitter, and
// optional random loss; the receiver sends transport-wide feedback every 50-100 ms as browsers
// do, with arrival times in its own clock at the feedback format's 250 µs resolution. Feedback
// itself can be lost, duplicated, reordered or salted with unknown sequence numbers. Everything
// is driven by a seeded generator and a simulated clock stepped by 1 ms.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <vector>

#include "media/bwe/bandwidth_estimator.hpp"

namespace dienhong::media::test {

struct LinkSimulatorConfig {
  int64_t capacity = 2'500'000;
  std::chrono::microseconds oneWayDelay{25'000};
  std::chrono::microseconds bufferDelay{500'000};  // drop-tail limit, as time at the current capacity
  double lossRate = 0;
  std::chrono::microseconds jitter{1'000};
  std::chrono::microseconds feedbackIntervalMin{50'000};
  std::chrono::microseconds feedbackIntervalMax{100'000};
  int64_t mediaCeiling = 0;  // the most the sender's media could use; 0 means unlimited
  size_t packetSize = 1200;
  uint16_t firstSequence = 65'000;  // wraps within the first second
  uint32_t seed = 1;
  // Feedback path faults.
  double feedbackLossRate = 0;
  double feedbackDuplicateRate = 0;
  double feedbackReorderRate = 0;  // held back long enough for the next message to overtake it
  double unknownSequenceRate = 0;  // per message: a few entries for sequence numbers never sent
};

struct LinkSample {
  double seconds = 0;
  int64_t target = 0;
  int64_t capacity = 0;
  double queueDelayMs = 0;
  int64_t delivered = 0;  // bits per second through the bottleneck over the last 100 ms
  double trend = 0;
  double threshold = 0;
  int state = 0;
};

class LinkSimulator {
 public:
  LinkSimulator(const LinkSimulatorConfig& link, const BandwidthEstimatorConfig& bwe)
      : config_(link), estimator_(bwe), rng_(link.seed), nextSequence_(link.firstSequence) {
    nextFeedback_ = start_ + nextFeedbackGap();
    nextSend_ = start_;
  }

  BandwidthEstimator& estimator() { return estimator_; }
  const std::vector<LinkSample>& samples() const { return samples_; }
  double seconds() const { return bwe::toSeconds(now_ - start_); }
  void setCapacity(int64_t capacity) { config_.capacity = capacity; }
  void setLossRate(double lossRate) { config_.lossRate = lossRate; }
  void setMediaCeiling(int64_t ceiling) { config_.mediaCeiling = ceiling; }
  int64_t packetsDropped() const { return dropped_; }

  void run(std::chrono::microseconds duration) {
    const BweTime end = now_ + duration;
    while (now_ < end) {
      step();
      now_ += std::chrono::milliseconds(1);
    }
  }

  // The first sample time at or after `from` when the target was at least `level`.
  std::optional<double> firstTimeAtLeast(int64_t level, double from) const {
    for (const auto& s : samples_) {
      if (s.seconds >= from && s.target >= level) return s.seconds;
    }
    return std::nullopt;
  }
  std::optional<double> firstTimeAtMost(int64_t level, double from) const {
    for (const auto& s : samples_) {
      if (s.seconds >= from && s.target <= level) return s.seconds;
    }
    return std::nullopt;
  }
  double averageTarget(double from, double to) const {
    double sum = 0;
    int n = 0;
    for (const auto& s : samples_) {
      if (s.seconds >= from && s.seconds < to) {
        sum += static_cast<double>(s.target);
        ++n;
      }
    }
    return n ? sum / n : 0;
  }
  int64_t minTarget(double from, double to) const {
    int64_t m = INT64_MAX;
    for (const auto& s : samples_) {
      if (s.seconds >= from && s.seconds < to) m = std::min(m, s.target);
    }
    return m;
  }
  int64_t maxTarget(double from, double to) const {
    int64_t m = 0;
    for (const auto& s : samples_) {
      if (s.seconds >= from && s.seconds < to) m = std::max(m, s.target);
    }
    return m;
  }
  double maxQueueDelayMs(double from, double to) const {
    double m = 0;
    for (const auto& s : samples_) {
      if (s.seconds >= from && s.seconds < to) m = std::max(m, s.queueDelayMs);
    }
    return m;
  }
  double averageQueueDelayMs(double from, double to) const {
    double sum = 0;
    int n = 0;
    for (const auto& s : samples_) {
      if (s.seconds >= from && s.seconds < to) {
        sum += s.queueDelayMs;
        ++n;
      }
    }
    return n ? sum / n : 0;
  }
  double averageDelivered(double from, double to) const {
    double sum = 0;
    int n = 0;
    for (const auto& s : samples_) {
      if (s.seconds >= from && s.seconds < to) {
        sum += static_cast<double>(s.delivered);
        ++n;
      }
    }
    return n ? sum / n : 0;
  }

 private:
  struct InFlight {
    int64_t sequence;
    BweTime arrival;
  };
  struct Queued {
    BweTime departure;
    size_t size;
  };
  struct Message {
    BweTime deliver;
    std::vector<PacketFeedback> packets;
  };
  struct ActiveProbe {
    ProbeCluster cluster;
    BweTime end;
    int32_t sent = 0;
    size_t size = 0;
  };

  double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }

  std::chrono::microseconds nextFeedbackGap() {
    const auto span = (config_.feedbackIntervalMax - config_.feedbackIntervalMin).count();
    return config_.feedbackIntervalMin + std::chrono::microseconds(static_cast<int64_t>(uniform() * static_cast<double>(span)));
  }

  void step() {
    deliverFeedback();
    if (!probe_) {
      if (auto cluster = estimator_.takeProbeRequest(now_)) {
        ActiveProbe probe;
        probe.cluster = *cluster;
        probe.end = now_ + cluster->duration;
        const double bytes = static_cast<double>(cluster->bitrate) * bwe::toSeconds(cluster->duration) / 8.0;
        probe.size = std::clamp<size_t>(static_cast<size_t>(bytes / std::max(1, cluster->minPackets)), 200,
                                        config_.packetSize);
        probe_ = probe;
        nextSend_ = std::min(nextSend_, now_);
      }
    }
    const BweTime stepEnd = now_ + std::chrono::milliseconds(1);
    while (nextSend_ < stepEnd) sendOne();
    if (now_ >= nextFeedback_) {
      sendFeedback();
      nextFeedback_ = now_ + nextFeedbackGap();
    }
    if (now_ >= nextSample_) {
      LinkSample sample;
      sample.seconds = seconds();
      sample.target = estimator_.targetBitrate();
      sample.capacity = config_.capacity;
      sample.queueDelayMs = linkFreeAt_ > now_ ? bwe::toMillis(linkFreeAt_ - now_) : 0.0;
      sample.delivered = deliveredBytes_ * 8 * 10;
      sample.trend = estimator_.delayTrend();
      sample.threshold = estimator_.delayThreshold();
      sample.state = static_cast<int>(estimator_.delayState());
      deliveredBytes_ = 0;
      samples_.push_back(sample);
      nextSample_ = now_ + std::chrono::milliseconds(100);
    }
  }

  void sendOne() {
    const BweTime sendTime = nextSend_;
    int64_t rate = estimator_.targetBitrate();
    if (config_.mediaCeiling > 0) rate = std::min(rate, config_.mediaCeiling);
    size_t size = config_.packetSize;
    int32_t clusterId = kNoProbeCluster;
    SentPacketKind kind = SentPacketKind::kMedia;
    if (probe_) {
      rate = std::max(rate, probe_->cluster.bitrate);
      size = probe_->size;
      clusterId = probe_->cluster.id;
      kind = SentPacketKind::kPadding;
      if (++probe_->sent >= probe_->cluster.minPackets && sendTime >= probe_->end) probe_.reset();
    }
    rate = std::max<int64_t>(rate, 10'000);
    nextSend_ = sendTime + std::chrono::microseconds(static_cast<int64_t>(static_cast<double>(size) * 8e6 / static_cast<double>(rate)));

    const int64_t sequence = sentCount_++;
    estimator_.onPacketSent({.transportSequence = static_cast<uint16_t>(nextSequence_++),
                             .size = size,
                             .sendTime = sendTime,
                             .kind = kind,
                             .probeClusterId = clusterId});

    if (config_.lossRate > 0 && uniform() < config_.lossRate) return;
    while (!queue_.empty() && queue_.front().departure <= sendTime) {
      queuedBytes_ -= queue_.front().size;
      queue_.pop_front();
    }
    const double limitBytes = static_cast<double>(config_.capacity) * bwe::toSeconds(config_.bufferDelay) / 8.0;
    if (static_cast<double>(queuedBytes_ + size) > std::max(limitBytes, 3.0 * static_cast<double>(config_.packetSize))) {
      ++dropped_;
      return;
    }
    const auto transmission = std::chrono::microseconds(
        static_cast<int64_t>(static_cast<double>(size) * 8e6 / static_cast<double>(config_.capacity)));
    const BweTime departure = std::max(sendTime, linkFreeAt_) + transmission;
    linkFreeAt_ = departure;
    queue_.push_back({departure, size});
    queuedBytes_ += size;
    deliveredBytes_ += static_cast<int64_t>(size);

    BweTime arrival = departure + config_.oneWayDelay +
                      std::chrono::microseconds(static_cast<int64_t>(uniform() * static_cast<double>(config_.jitter.count())));
    arrival = std::max(arrival, lastArrival_);
    lastArrival_ = arrival;
    inFlight_.push_back({sequence, arrival});
  }

  void sendFeedback() {
    // Everything that has arrived by now, from the first sequence not yet reported up to the
    // newest arrival; the gaps are reported lost.
    std::vector<PacketFeedback> message;
    while (!inFlight_.empty() && inFlight_.front().arrival <= now_) {
      const InFlight packet = inFlight_.front();
      inFlight_.pop_front();
      for (; nextToReport_ < packet.sequence; ++nextToReport_) {
        message.push_back({static_cast<uint16_t>(config_.firstSequence + nextToReport_), false, RemoteTime{0}});
      }
      const auto remote = std::chrono::duration_cast<std::chrono::microseconds>(packet.arrival - start_) + kReceiverClockOffset;
      message.push_back({static_cast<uint16_t>(config_.firstSequence + packet.sequence), true,
                         RemoteTime{remote.count() / 250 * 250}});
      nextToReport_ = packet.sequence + 1;
    }
    if (message.empty()) return;
    if (config_.unknownSequenceRate > 0 && uniform() < config_.unknownSequenceRate) {
      for (int i = 0; i < 3; ++i) {
        message.push_back({static_cast<uint16_t>(config_.firstSequence + nextToReport_ + 20'000 + i), true,
                           RemoteTime{kReceiverClockOffset.count() + i}});
      }
    }
    if (config_.feedbackLossRate > 0 && uniform() < config_.feedbackLossRate) return;
    BweTime deliver = now_ + config_.oneWayDelay;
    if (config_.feedbackReorderRate > 0 && uniform() < config_.feedbackReorderRate) deliver += std::chrono::milliseconds(120);
    messages_.push_back({deliver, message});
    if (config_.feedbackDuplicateRate > 0 && uniform() < config_.feedbackDuplicateRate) {
      messages_.push_back({deliver + std::chrono::milliseconds(3), message});
    }
  }

  void deliverFeedback() {
    std::stable_sort(messages_.begin(), messages_.end(),
                     [](const Message& a, const Message& b) { return a.deliver < b.deliver; });
    while (!messages_.empty() && messages_.front().deliver <= now_) {
      estimator_.onFeedback(messages_.front().packets, messages_.front().deliver);
      messages_.pop_front();
    }
  }

  static constexpr RemoteTime kReceiverClockOffset{987'654'321'000};

  LinkSimulatorConfig config_;
  BandwidthEstimator estimator_;
  std::mt19937 rng_;
  BweTime start_ = BweTime{} + std::chrono::hours(1);
  BweTime now_ = start_;
  BweTime nextSend_;
  BweTime nextFeedback_;
  BweTime nextSample_ = start_;
  BweTime linkFreeAt_ = start_;
  BweTime lastArrival_ = start_;
  uint32_t nextSequence_;
  int64_t sentCount_ = 0;
  int64_t nextToReport_ = 0;
  int64_t dropped_ = 0;
  int64_t deliveredBytes_ = 0;
  size_t queuedBytes_ = 0;
  std::optional<ActiveProbe> probe_;
  std::deque<Queued> queue_;
  std::deque<InFlight> inFlight_;
  std::deque<Message> messages_;
  std::vector<LinkSample> samples_;
};

}  // namespace dienhong::media::test
