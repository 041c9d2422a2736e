#include "media/bwe/bandwidth_estimator.hpp"

#include <algorithm>

namespace dienhong::media {

namespace {

// An RTCP round-trip time is preferred while it is this fresh.
constexpr std::chrono::seconds kRtcpRttFreshness{5};
constexpr double kFeedbackRttSmoothing = 0.25;
// How long after a probe's last packet its feedback, and the queue it built, are still expected:
// a round trip plus the receiver's feedback interval.
constexpr std::chrono::milliseconds kProbeGuardExtra{200};

AimdRateController::Config rateConfig(const BandwidthEstimatorConfig& config) {
  auto rate = config.rate;
  rate.minBitrate = config.minBitrate;
  rate.maxBitrate = config.maxBitrate;
  return rate;
}

LossBasedController::Config lossConfig(const BandwidthEstimatorConfig& config) {
  auto loss = config.loss;
  loss.minBitrate = config.minBitrate;
  loss.maxBitrate = config.maxBitrate;
  return loss;
}

ProbeController::Config probeConfig(const BandwidthEstimatorConfig& config) {
  auto probe = config.probe;
  probe.maxBitrate = config.maxBitrate;
  return probe;
}

}  // namespace

BandwidthEstimator::BandwidthEstimator(const BandwidthEstimatorConfig& config)
    : config_(config),
      history_(config.historySize),
      trendline_(config.trendline),
      acknowledged_(config.acknowledged),
      rate_(rateConfig(config), config.startBitrate),
      loss_(lossConfig(config)),
      probes_(probeConfig(config)),
      target_(rate_.estimate()) {}

std::chrono::microseconds BandwidthEstimator::rtt() const {
  if (rtcpRtt_) return *rtcpRtt_;
  if (feedbackRtt_) return *feedbackRtt_;
  return std::chrono::milliseconds(100);
}

void BandwidthEstimator::onPacketSent(const SentPacket& packet) {
  history_.add(packet);
  ++stats_.packetsSent;
}

void BandwidthEstimator::onRtt(std::chrono::microseconds rtt, BweTime now) {
  if (rtt <= std::chrono::microseconds::zero()) return;
  rtcpRtt_ = rtt;
  rtcpRttTime_ = now;
}

void BandwidthEstimator::onRemb(int64_t bitrate) {
  remb_ = std::max<int64_t>(0, bitrate);
  target_ = combine();
}

void BandwidthEstimator::setDesiredBitrate(int64_t bitrate) { probes_.setDesiredBitrate(bitrate); }

bool BandwidthEstimator::congested() const {
  const auto loss = loss_.lossFraction();
  return trendline_.state() == BandwidthUsage::kOverusing ||
         (loss && *loss > config_.loss.highLoss);
}

std::optional<ProbeCluster> BandwidthEstimator::takeProbeRequest(BweTime now) {
  auto cluster = probes_.poll(now, target_, congested());
  if (cluster) {
    probeResults_.onClusterStarted(*cluster, now);
    probeGuardUntil_ = now + cluster->duration + rtt() + kProbeGuardExtra;
    ++stats_.probeClustersRequested;
  }
  return cluster;
}

int64_t BandwidthEstimator::combine() const {
  int64_t target = std::min(rate_.estimate(), loss_.bound());
  if (remb_ > 0) target = std::min(target, remb_);
  return std::clamp(target, config_.minBitrate, std::max(config_.minBitrate, config_.maxBitrate));
}

void BandwidthEstimator::processPacket(const PacketFeedback& feedback, BweTime now) {
  SentPacketHistory::Entry* entry = history_.find(feedback.transportSequence);
  if (!entry) {
    ++stats_.unknownSequences;
    return;
  }
  // Feedback reports every sequence number once, in order: a jump past the newest reported one
  // means a feedback message went missing, an older one that a message arrived late.
  const bool late = entry->sequence <= newestReportedSequence_;
  const bool afterHole = newestReportedSequence_ >= 0 && entry->sequence > newestReportedSequence_ + 1;
  newestReportedSequence_ = std::max(newestReportedSequence_, entry->sequence);

  if (!feedback.received) {
    // Lost as far as this report knows; a later report may still say it arrived.
    if (!entry->reported) {
      entry->reported = true;
      loss_.onPacketsReported(1, 1);
      ++stats_.packetsReportedLost;
    }
    return;
  }
  if (entry->received) {
    ++stats_.duplicateReports;
    return;
  }
  if (entry->reported) {
    loss_.onLateArrival();
    ++stats_.lateArrivals;
  } else {
    loss_.onPacketsReported(1, 0);
  }
  entry->reported = true;
  entry->received = true;
  entry->arrivalTime = feedback.arrivalTime;
  ++stats_.packetsAcknowledged;

  if (!late) acknowledged_.add(feedback.arrivalTime, entry->size, afterHole);
  if (auto delta = grouper_.add(entry->sendTime, feedback.arrivalTime, entry->size)) {
    trendline_.update(*delta);
  }
  if (entry->probeClusterId != kNoProbeCluster) {
    // Each further packet of a cluster refines its result: the last one is the best.
    if (auto result = probeResults_.onPacketFeedback(entry->probeClusterId, entry->sendTime,
                                                     feedback.arrivalTime, entry->size, now)) {
      pendingProbeResult_ = result;
    }
  }
  if (entry->sequence > newestAckedSequence_) {
    newestAckedSequence_ = entry->sequence;
    newestAckedSend_ = entry->sendTime;
  }
}

void BandwidthEstimator::onFeedback(std::span<const PacketFeedback> packets, BweTime feedbackReceiveTime) {
  ++stats_.feedbackMessages;
  const BweTime now = feedbackReceiveTime;
  pendingProbeResult_.reset();
  newestAckedSend_.reset();
  const int64_t knownBefore = stats_.packetsAcknowledged + stats_.packetsReportedLost;
  for (const PacketFeedback& packet : packets) processPacket(packet, now);
  // A message about nothing we know of (all unknown or already reported) carries no news.
  if (stats_.packetsAcknowledged + stats_.packetsReportedLost == knownBefore) return;

  if (newestAckedSend_ && now >= *newestAckedSend_) {
    const auto sample = std::chrono::duration_cast<std::chrono::microseconds>(now - *newestAckedSend_);
    feedbackRtt_ = feedbackRtt_ ? std::chrono::microseconds(static_cast<int64_t>(
                                      (1 - kFeedbackRttSmoothing) * static_cast<double>(feedbackRtt_->count()) +
                                      kFeedbackRttSmoothing * static_cast<double>(sample.count())))
                                : sample;
  }
  if (rtcpRttTime_ && now - *rtcpRttTime_ > kRtcpRttFreshness) {
    rtcpRtt_.reset();
    rtcpRttTime_.reset();
  }
  rate_.setRtt(rtt());

  BandwidthUsage usage = trendline_.state();
  const bool probeInFlight = probeGuardUntil_ && now < *probeGuardUntil_;
  const auto& result = pendingProbeResult_;
  if (result) probes_.onProbeResult(result->clusterId, result->bitrate, result->saturated);
  if (usage == BandwidthUsage::kOverusing && probeInFlight) {
    if (result && (result->saturated || result->bitrate > rate_.estimate())) {
      rate_.setEstimate(result->bitrate, now);
      loss_.onProbeResult(result->bitrate);
      ++stats_.probeResults;
    }
    usage = BandwidthUsage::kUnderusing;  // hold while the probe's queue drains
  } else if (result && usage != BandwidthUsage::kOverusing && result->bitrate > rate_.estimate()) {
    rate_.setEstimate(result->bitrate, now);
    loss_.onProbeResult(result->bitrate);
    ++stats_.probeResults;
  }

  rate_.update(usage, acknowledged_.bitrate(), now);
  loss_.update(now, target_, rtt());

  const int64_t previous = target_;
  target_ = combine();
  state_ = target_ > previous   ? RateControlState::kIncrease
           : target_ < previous ? RateControlState::kDecrease
                                : RateControlState::kHold;
}

}  // namespace dienhong::media
