// BandwidthEstimator: send-side bandwidth estimation for one subscriber transport, after
// draft-ietf-rmcat-gcc-02 ("A Google Congestion Control Algorithm for Real-Time Communication")
// driven by transport-wide feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01), the way
// libwebrtc's goog_cc runs it on the sending side. The SFU tells it every packet it sends and every
// feedback message it receives; it answers with the bitrate to allocate to the subscriber's
// layers, and asks for probe bursts when it needs to find out whether more would fit.
//
//   sent packets -> SentPacketHistory            feedback -> match send times and sizes
//     -> PacketGrouper (5 ms bursts, §5.2) -> TrendlineEstimator (delay gradient, §5.3) with
//        AdaptiveThreshold (§5.4) -> over-use / normal / under-use
//     -> AimdRateController (§5.5, on AcknowledgedBitrateEstimator's receive rate) = delay-based
//     -> LossBasedController (§6) = loss-based bound
//     -> ProbeResultEstimator: rates proved by probe clusters lift both
//   target = min(delay-based, loss-based, REMB), clamped to [min, max]
//
// A probe above the capacity builds a queue on purpose, and the detector duly reports over-use.
// Cutting the rate for it would undo what the probe was for, once per probe: while a probe's
// feedback is due, over-use holds the rate instead, and a probe that saturated the path sets
// the estimate to the capacity it measured (up or down). Over-use that outlasts the probe is
// acted on as usual.
//
// Pure logic: no clock, no I/O, no allocation after construction (fixed rings; the history
// is sized once). One instance per transport, used from the worker thread that owns it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "media/bwe/acknowledged_bitrate_estimator.hpp"
#include "media/bwe/aimd_rate_controller.hpp"
#include "media/bwe/bwe_types.hpp"
#include "media/bwe/loss_based_controller.hpp"
#include "media/bwe/packet_grouper.hpp"
#include "media/bwe/probe_controller.hpp"
#include "media/bwe/probe_result_estimator.hpp"
#include "media/bwe/sent_packet_history.hpp"
#include "media/bwe/trendline_estimator.hpp"

namespace dienhong::media {

struct BandwidthEstimatorConfig {
  int64_t startBitrate = 300'000;  // bits per second, until feedback says otherwise
  int64_t minBitrate = 30'000;
  int64_t maxBitrate = 10'000'000;
  size_t historySize = SentPacketHistory::kDefaultCapacity;
  // The parts' own settings; their min / max bitrates are taken from the fields above.
  TrendlineEstimator::Config trendline;
  AcknowledgedBitrateEstimator::Config acknowledged;
  AimdRateController::Config rate;
  LossBasedController::Config loss;
  ProbeController::Config probe;
};

// Counters for monitoring; never reset.
struct BandwidthEstimatorStats {
  int64_t packetsSent = 0;
  int64_t feedbackMessages = 0;
  int64_t packetsAcknowledged = 0;
  int64_t packetsReportedLost = 0;
  int64_t lateArrivals = 0;       // reported lost, then received in a later report
  int64_t duplicateReports = 0;   // reported received more than once
  int64_t unknownSequences = 0;   // never sent, or fallen out of the history
  int64_t probeClustersRequested = 0;
  int64_t probeResults = 0;       // results that raised the estimate
};

class BandwidthEstimator {
 public:
  explicit BandwidthEstimator(const BandwidthEstimatorConfig& config = {});

  // Every packet that carries a transport-wide sequence number, media, retransmission or padding.
  void onPacketSent(const SentPacket& packet);

  // One transport-wide feedback message, its packets in the order it lists them; arrival times in
  // the receiver's clock. Duplicated, reordered or unknown entries are counted and skipped.
  void onFeedback(std::span<const PacketFeedback> packets, BweTime feedbackReceiveTime);

  // Round-trip time from RTCP (sender/receiver reports). Without it, the time from sending the
  // newest acknowledged packet to receiving its feedback is used.
  void onRtt(std::chrono::microseconds rtt, BweTime now);
  // The receiver's REMB, an upper bound; 0 removes the bound.
  void onRemb(int64_t bitrate);
  // The bitrate the subscriber's wanted layers need: probing aims for it while the estimate is
  // below (a higher layer is wanted), and stops once it is reached.
  void setDesiredBitrate(int64_t bitrate);

  // A probe cluster the sender should pace out now, if one is due; each is returned once.
  std::optional<ProbeCluster> takeProbeRequest(BweTime now);

  int64_t targetBitrate() const { return target_; }  // bits per second
  // Whether the last feedback raised, kept or lowered the target.
  RateControlState state() const { return state_; }

  // For statistics and tests.
  int64_t delayBasedEstimate() const { return rate_.estimate(); }
  int64_t lossBasedBound() const { return loss_.bound(); }
  std::optional<int64_t> acknowledgedBitrate() const { return acknowledged_.bitrate(); }
  std::optional<double> lossFraction() const { return loss_.lossFraction(); }
  BandwidthUsage delayState() const { return trendline_.state(); }
  double delayTrend() const { return trendline_.modifiedTrend(); }
  double delayThreshold() const { return trendline_.threshold(); }
  std::chrono::microseconds rtt() const;
  const BandwidthEstimatorStats& stats() const { return stats_; }

 private:
  void processPacket(const PacketFeedback& feedback, BweTime now);
  int64_t combine() const;
  bool congested() const;

  BandwidthEstimatorConfig config_;
  SentPacketHistory history_;
  PacketGrouper grouper_;
  TrendlineEstimator trendline_;
  AcknowledgedBitrateEstimator acknowledged_;
  AimdRateController rate_;
  LossBasedController loss_;
  ProbeController probes_;
  ProbeResultEstimator probeResults_;
  BandwidthEstimatorStats stats_;

  int64_t target_;
  int64_t remb_ = 0;
  RateControlState state_ = RateControlState::kHold;
  std::optional<std::chrono::microseconds> rtcpRtt_;
  std::optional<BweTime> rtcpRttTime_;
  std::optional<std::chrono::microseconds> feedbackRtt_;

  // Per feedback message: the best probe result and the newest acknowledged send time.
  std::optional<ProbeResultEstimator::Result> pendingProbeResult_;
  std::optional<BweTime> newestAckedSend_;
  // Until then, over-use is taken to be the queue our own probe built (see onFeedback).
  std::optional<BweTime> probeGuardUntil_;
  int64_t newestAckedSequence_ = -1;
  int64_t newestReportedSequence_ = -1;
};

}  // namespace dienhong::media
