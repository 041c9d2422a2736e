// PublishedTrack: one accepted publisher m= section (a producer, in mediasoup's words): an audio
// track, or a video track with one to three simulcast layers. Per layer it knows the media and
// RTX SSRCs (announced with a=ssrc / FID / SIM, or learned from the MID and RID header
// extensions, RFC 8843 §9.2 and RFC 8852), the receive statistics, the gaps to NACK, the frame
// size of its keyframes and its bitrate, and its keyframe requests. Layers are ordered by what
// is measured — resolution, else bitrate — never by rid name or by their order in the SDP
// (RFC 8853 §5.1 makes that order a preference). The consumers forwarding the track are listed
// here so that a packet reaches them without a lookup.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/sdp/negotiated_media.hpp"
#include "media/sfu/layer_allocator.hpp"
#include "media/sfu/nack_generator.hpp"
#include "media/sfu/payload_inspector.hpp"
#include "media/sfu/receive_stream_stats.hpp"
#include "media/sfu/router_types.hpp"

namespace dienhong::media {

class ForwardedTrack;

struct PublishedLayer {
  explicit PublishedLayer(uint32_t clockRate) : stats(clockRate) {}

  std::string rid;                  // empty without rid-based simulcast
  std::optional<uint32_t> ssrc;     // media SSRC, once announced or seen
  std::optional<uint32_t> rtxSsrc;  // its RTX stream (RFC 4588)
  ReceiveStreamStats stats;
  NackGenerator nacks;
  std::optional<FrameSize> frameSize;  // of the latest keyframe
  bool active = false;                 // sent something within RouterConfig::layerTimeout
  // Keyframe requests (PLI) toward the publisher for this layer.
  bool keyframeWanted = false;    // asked for and not arrived yet
  bool keyframeDeferred = false;  // a request fell within the rate limit: send it when it ends
  std::optional<std::chrono::steady_clock::time_point> lastKeyframeRequest;
  uint64_t keyframes = 0;
};

struct PublishedCodec {
  uint8_t payloadType = 0;
  VideoCodec codec = VideoCodec::kNone;  // kNone for audio
  uint32_t clockRate = 0;
  bool nack = false;  // the answer accepted "nack" feedback for it
  std::optional<uint8_t> rtxPayloadType;
};

class PublishedTrack {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr uint8_t kNoLayer = 0xFF;

  // "invalid_argument" for a section the router cannot forward: not audio or video, nothing
  // received (inactive), no codec, more than kMaxSpatialLayers layers, simulcast audio, a video
  // codec whose keyframes it cannot find, duplicate rids or SSRCs.
  static Result<std::unique_ptr<PublishedTrack>> create(TrackKey key, ParticipantKey owner,
                                                        const sdp::NegotiatedMedia& media);

  TrackKey key() const { return key_; }
  ParticipantKey owner() const { return owner_; }
  bool isVideo() const { return video_; }
  const std::string& mid() const { return mid_; }
  const sdp::NegotiatedExtensions& extensions() const { return extensions_; }
  uint32_t clockRate() const { return clockRate_; }
  bool simulcastByRid() const { return byRid_; }
  // Whether the answer accepted "nack" feedback for its codecs: gaps are asked for again.
  bool nackEnabled() const { return nack_; }

  size_t layerCount() const { return layers_.size(); }
  PublishedLayer& layer(size_t index) { return layers_[index]; }
  const PublishedLayer& layer(size_t index) const { return layers_[index]; }
  std::optional<uint8_t> layerByRid(std::string_view rid) const;

  // The codec a publisher payload type stands for, or nullptr.
  const PublishedCodec* codec(uint8_t payloadType) const;
  // The payload type an RTX payload type repairs ("apt"), if it is one of this track's.
  std::optional<uint8_t> repairedPayloadType(uint8_t rtxPayloadType) const;

  // Layer indices from the lowest to the highest, as measured (see the file comment).
  std::span<const uint8_t> order() const { return {order_.data(), layers_.size()}; }
  // Position of a layer in order(); kNoLayer if out of range.
  uint8_t rank(uint8_t layer) const;
  // What allocateLayers needs about the layers, in order().
  std::array<LayerInfo, kMaxSpatialLayers> layerInfo(Clock::time_point now) const;

  // A keyframe of `layer` announced this size: the order may change.
  void onFrameSize(uint8_t layer, FrameSize size);
  // Activity and order, once in a while (not per packet). True when either changed.
  bool refresh(Clock::time_point now, Clock::duration layerTimeout);

  // Blocked by a chair (mute, stop camera, stop sharing): received, counted, never forwarded.
  void setBlocked(bool blocked) { blocked_ = blocked; }
  bool blocked() const { return blocked_; }

  std::vector<ForwardedTrack*>& consumers() { return consumers_; }
  const std::vector<ForwardedTrack*>& consumers() const { return consumers_; }

 private:
  PublishedTrack(TrackKey key, ParticipantKey owner, const sdp::NegotiatedMedia& media);
  bool reorder(Clock::time_point now);

  TrackKey key_;
  ParticipantKey owner_;
  bool video_ = false;
  bool byRid_ = false;
  bool nack_ = false;
  std::string mid_;
  sdp::NegotiatedExtensions extensions_;
  uint32_t clockRate_ = 90000;
  std::vector<PublishedCodec> codecs_;
  std::array<uint8_t, 128> codecIndex_{};  // payload type -> index into codecs_ + 1; 0: none
  std::array<uint8_t, 128> repairs_{};     // RTX payload type -> repaired payload type + 1; 0: none
  std::vector<PublishedLayer> layers_;
  std::array<uint8_t, kMaxSpatialLayers> order_{0, 1, 2};
  bool orderDirty_ = true;
  bool blocked_ = false;
  std::vector<ForwardedTrack*> consumers_;
};

}  // namespace dienhong::media
