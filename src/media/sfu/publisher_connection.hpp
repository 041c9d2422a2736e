// PublisherConnection: the router's side of one participant's publish connection. It finds the
// track and simulcast layer of every received RTP packet — by SSRC once known; else by the MID
// header extension with the RID or repaired RID (RFC 8843 §9.2, RFC 8852), binding the SSRC for
// the next packets; else by what a=ssrc / ssrc-group:FID / SIM announced (RFC 5576, RFC 4588) —
// and keeps the receive-side state of the connection as a whole: transport-wide feedback and
// the times of the next reports, NACKs and feedback. SSRC routes are bounded by the layers
// (two per layer): a new SSRC for a known RID replaces the old one.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/sfu/published_track.hpp"
#include "media/sfu/transport_feedback_generator.hpp"
#include "media/transport/media_sink.hpp"

namespace dienhong::media {

struct SsrcRoute {
  PublishedTrack* track = nullptr;
  uint8_t layer = 0;
  bool rtx = false;
};

class PublisherConnection {
 public:
  using Clock = std::chrono::steady_clock;

  struct Resolved {
    SsrcRoute route;
    // The packet bound a media SSRC to a layer that had none or another: consumers of the layer
    // must (re)start on it.
    bool mediaSsrcChanged = false;
  };

  MediaSink* sink() const { return sink_; }
  void setSink(MediaSink* sink) { sink_ = sink; }

  // Binds the SSRCs the section announced. "invalid_argument" if one is already another
  // track's; nothing is changed then.
  Result<void> addTrack(PublishedTrack& track);
  void removeTrack(PublishedTrack& track);
  const std::vector<PublishedTrack*>& tracks() const { return tracks_; }

  std::optional<Resolved> resolve(const RtpPacketView& packet);
  // The route of an SSRC already known, without binding anything.
  std::optional<SsrcRoute> find(uint32_t ssrc) const {
    const auto it = routes_.find(ssrc);
    return it == routes_.end() ? std::nullopt : std::optional<SsrcRoute>(it->second);
  }

  // The transport-wide sequence number extension id of the connection (BUNDLE: one for all
  // sections; the first track that negotiated it says which), 0 if none.
  uint8_t transportCcId() const { return transportCcId_; }
  TransportFeedbackGenerator& feedback() { return feedback_; }

  // Timers, kept by the router.
  Clock::time_point nextFeedback{};
  Clock::time_point nextReport{};
  Clock::time_point nextNack{};

 private:
  std::optional<Resolved> bindByExtensions(const RtpPacketView& packet);
  Resolved bind(PublishedTrack& track, uint8_t layer, bool rtx, uint32_t ssrc);

  MediaSink* sink_ = nullptr;
  std::vector<PublishedTrack*> tracks_;
  std::unordered_map<uint32_t, SsrcRoute> routes_;
  TransportFeedbackGenerator feedback_;
  uint8_t transportCcId_ = 0;
};

}  // namespace dienhong::media
