// Publisher: the publish connection of a simulated endpoint, as Chromium sets it up — one audio
// section (Opus) and one video section with three VP8 simulcast layers negotiated by rid
// (RFC 8853), RTX (RFC 4588), transport-wide sequence numbers on every packet. It writes the
// offer, takes the answer, then sends media on the sources' cadence and answers the server's
// feedback: NACKs with RTX from a per-layer packet history, PLI/FIR with a keyframe of that
// layer. Sender reports go out every second.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "loadgen/audio_source.hpp"
#include "loadgen/client_transport.hpp"
#include "loadgen/media_model.hpp"
#include "loadgen/video_layer_source.hpp"
#include "media/sfu/packet_cache.hpp"

namespace dienhong::loadgen {

struct PublisherCounters {
  uint64_t packetsSent = 0;
  uint64_t bytesSent = 0;
  uint64_t retransmissionsSent = 0;
  uint64_t nacksReceived = 0;
  uint64_t keyframeRequests = 0;  // PLI and FIR entries naming one of our layers
  uint64_t keyframesSent = 0;

  void add(const PublisherCounters& o) {
    packetsSent += o.packetsSent;
    bytesSent += o.bytesSent;
    retransmissionsSent += o.retransmissionsSent;
    nacksReceived += o.nacksReceived;
    keyframeRequests += o.keyframeRequests;
    keyframesSent += o.keyframesSent;
  }
};

class Publisher {
 public:
  using Clock = std::chrono::steady_clock;

  Publisher(std::unique_ptr<ClientTransport> transport, const MediaModel& model, bool audio, bool video,
            uint32_t seed, boost::asio::ip::address serverAddress);

  // Which simulcast layer the offer lists first: Janus takes the first rid for the highest
  // quality (janus.js lists h, m, l); our web client lists l, m, h.
  enum class LayerOrder { LowestFirst, HighestFirst };
  // The SDP offer (audio mid "0", video mid "1").
  std::string offer(LayerOrder order = LayerOrder::LowestFirst) const;
  // Takes the server's answer and starts ICE and DTLS. Code "sdp_unusable" / "invalid_sdp".
  Result<void> acceptAnswer(std::string_view sdp, Clock::time_point now);

  // Sends what is due. `speaking` sets the audio level the packets carry.
  void tick(Clock::time_point now, bool sending, bool speaking);
  void onRtcp(std::span<uint8_t> rtcp, Clock::time_point now);

  ClientTransport& transport() { return *transport_; }
  bool ready() const { return transport_->ready(); }
  const PublisherCounters& counters() const { return counters_; }

 private:
  struct Layer {
    VideoLayerSource source;
    uint32_t ssrc;
    uint32_t rtxSsrc;
    std::string rid;
    uint16_t sequence;
    uint16_t rtxSequence;
    media::PacketCache history;
    uint32_t packets = 0;
    uint32_t octets = 0;
    uint32_t lastRtpTimestamp = 0;
  };

  void sendVideo(Layer& layer, Clock::time_point now);
  void sendAudio(Clock::time_point now, bool speaking);
  void retransmit(Layer& layer, uint16_t sequence, Clock::time_point now);
  void sendSenderReports();
  Layer* layerOf(uint32_t ssrc);
  size_t finishExtensions(size_t count);

  std::unique_ptr<ClientTransport> transport_;
  MediaModel model_;
  bool audioEnabled_;
  bool videoEnabled_;
  boost::asio::ip::address serverAddress_;
  std::optional<AudioSource> audio_;
  uint32_t audioSsrc_;
  uint16_t audioSequence_;
  uint32_t audioPackets_ = 0;
  uint32_t audioOctets_ = 0;
  std::vector<std::unique_ptr<Layer>> layers_;
  uint16_t transportSequence_ = 0;
  uint8_t videoPayloadType_ = 96;
  uint8_t rtxPayloadType_ = 97;
  uint8_t audioPayloadType_ = 111;
  Clock::time_point nextReportAt_{};
  PublisherCounters counters_;
  std::array<uint8_t, 1600> packet_{};
  std::array<uint8_t, 1600> rtx_{};
  std::array<uint8_t, 1500> rtcp_{};
};

}  // namespace dienhong::loadgen
