// Subscriber: the subscribe connection of a simulated endpoint, answering the server's offers as
// Chromium does (recvonly; Opus, VP8 with RTX; nack, pli, fir, transport-cc and REMB feedback;
// every offered header extension) and receiving what it forwards. Per received stream it keeps a
// StreamReceiver; toward the server it sends what a browser sends: transport-wide feedback every
// 50 ms, NACKs for gaps, PLI when a gap is past repair, receiver reports every second.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "loadgen/client_transport.hpp"
#include "loadgen/stream_receiver.hpp"
#include "media/sfu/transport_feedback_generator.hpp"

namespace dienhong::loadgen {

struct SubscriberCounters {
  uint64_t packetsReceived = 0;  // RTP, including retransmissions and probes
  uint64_t bytesReceived = 0;
  uint64_t probePackets = 0;
  uint64_t unknownSsrc = 0;
  uint64_t nacksSent = 0;
  uint64_t plisSent = 0;
  uint64_t offersAnswered = 0;

  void add(const SubscriberCounters& o) {
    packetsReceived += o.packetsReceived;
    bytesReceived += o.bytesReceived;
    probePackets += o.probePackets;
    unknownSsrc += o.unknownSsrc;
    nacksSent += o.nacksSent;
    plisSent += o.plisSent;
    offersAnswered += o.offersAnswered;
  }
};

// One sending section of the server's latest offer.
struct ReceivedTrack {
  std::string mid;
  bool video = false;
  std::string owner;  // who publishes it, as the signalling names them
  uint32_t ssrc = 0;
  std::optional<uint32_t> rtxSsrc;
  StreamReceiver* receiver = nullptr;
};

class Subscriber {
 public:
  using Clock = std::chrono::steady_clock;

  Subscriber(std::unique_ptr<ClientTransport> transport, boost::asio::ip::address serverAddress,
             std::chrono::milliseconds freezeThreshold);

  // Answers an offer (the first also starts ICE and DTLS). Code "invalid_sdp" / "sdp_unusable".
  Result<std::string> answer(std::string_view offerSdp, Clock::time_point now);
  // Who publishes the track of `mid` (from the signalling that came with the offer).
  void setOwner(const std::string& mid, const std::string& owner);
  const std::vector<ReceivedTrack>& tracks() const { return tracks_; }
  // Whether a video track is on screen, so that its silence would be a freeze.
  void setShown(const std::string& mid, bool shown, Clock::time_point now);

  void tick(Clock::time_point now);
  // `arrivalMicros`: kernel receive time on the wall clock (0: unknown, now is used).
  void onRtp(std::span<uint8_t> rtp, Clock::time_point now, int64_t arrivalMicros);
  void onRtcp(std::span<uint8_t> rtcp, Clock::time_point now);

  // Tracks of the latest offer that have received at least one packet.
  size_t flowingTracks(bool video) const;
  void startWindow(Clock::time_point now);
  // The window's figures per kind: [0] audio, [1] video.
  std::array<StreamMetrics, 2> endWindow(Clock::time_point now);

  ClientTransport& transport() { return *transport_; }
  bool ready() const { return transport_->ready(); }
  const SubscriberCounters& counters() const { return counters_; }

 private:
  struct Route {
    StreamReceiver* receiver = nullptr;
    bool rtx = false;
  };
  StreamReceiver* receiverFor(uint32_t ssrc, bool video, uint32_t clockRate, Clock::time_point now);
  void sendNacksAndPlis(Clock::time_point now);
  void sendReceiverReports(Clock::time_point now);
  void sendFeedback();

  std::unique_ptr<ClientTransport> transport_;
  boost::asio::ip::address serverAddress_;
  std::chrono::milliseconds freezeThreshold_;
  std::vector<ReceivedTrack> tracks_;
  std::vector<std::unique_ptr<StreamReceiver>> receivers_;  // every stream ever received
  std::unordered_map<uint32_t, Route> routes_;
  std::unordered_map<uint32_t, Clock::time_point> lastPli_;
  std::optional<uint8_t> transportCcId_;
  media::TransportFeedbackGenerator feedback_;
  uint32_t ssrc_;
  bool measuring_ = false;
  Clock::time_point nextFeedbackAt_{};
  Clock::time_point nextNackAt_{};
  Clock::time_point nextReportAt_{};
  SubscriberCounters counters_;
  std::array<media::SequenceNumber, media::NackGenerator::kMaxMissing> nackScratch_{};
  std::array<uint8_t, 1500> rtcp_{};
};

}  // namespace dienhong::loadgen
