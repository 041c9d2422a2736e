// Demultiplexing of a publish connection's RTP; see publisher_connection.hpp.
#include "media/sfu/publisher_connection.hpp"

#include <algorithm>

#include "media/rtp/mid_extension.hpp"
#include "media/rtp/rtp_stream_id_extension.hpp"

namespace dienhong::media {

namespace {

uint8_t extensionId(uint16_t id) { return id <= 255 ? static_cast<uint8_t>(id) : 0; }

template <class Extension>
std::optional<std::string_view> stringExtension(const RtpPacketView& packet, uint16_t id) {
  if (extensionId(id) == 0) return std::nullopt;
  const auto data = packet.extension(extensionId(id));
  if (!data) return std::nullopt;
  const auto value = Extension::parse(*data);
  if (!value) return std::nullopt;
  return value->value;
}

}  // namespace

Result<void> PublisherConnection::addTrack(PublishedTrack& track) {
  for (size_t i = 0; i < track.layerCount(); ++i) {
    const PublishedLayer& layer = track.layer(i);
    if ((layer.ssrc && routes_.contains(*layer.ssrc)) || (layer.rtxSsrc && routes_.contains(*layer.rtxSsrc))) {
      return Error{"invalid_argument", "an SSRC of the section belongs to another track"};
    }
  }
  for (size_t i = 0; i < track.layerCount(); ++i) {
    const PublishedLayer& layer = track.layer(i);
    if (layer.ssrc) routes_[*layer.ssrc] = SsrcRoute{&track, static_cast<uint8_t>(i), false};
    if (layer.rtxSsrc) routes_[*layer.rtxSsrc] = SsrcRoute{&track, static_cast<uint8_t>(i), true};
  }
  tracks_.push_back(&track);
  if (transportCcId_ == 0) transportCcId_ = extensionId(track.extensions().transportCc);
  return success();
}

void PublisherConnection::removeTrack(PublishedTrack& track) {
  std::erase_if(routes_, [&](const auto& entry) { return entry.second.track == &track; });
  std::erase(tracks_, &track);
  transportCcId_ = 0;
  for (PublishedTrack* t : tracks_) {
    if (transportCcId_ == 0) transportCcId_ = extensionId(t->extensions().transportCc);
  }
}

PublisherConnection::Resolved PublisherConnection::bind(PublishedTrack& track, uint8_t layerIndex, bool rtx,
                                                         uint32_t ssrc) {
  PublishedLayer& layer = track.layer(layerIndex);
  std::optional<uint32_t>& slot = rtx ? layer.rtxSsrc : layer.ssrc;
  Resolved resolved{SsrcRoute{&track, layerIndex, rtx}, !rtx && slot != ssrc};
  if (slot && *slot != ssrc) {
    routes_.erase(*slot);
    if (!rtx) {
      // The browser restarted the layer with a new SSRC (e.g. after renegotiation): what was
      // counted belongs to the old stream.
      layer.stats = ReceiveStreamStats(track.clockRate());
      layer.nacks = NackGenerator();
    }
  }
  slot = ssrc;
  routes_[ssrc] = resolved.route;
  return resolved;
}

std::optional<PublisherConnection::Resolved> PublisherConnection::bindByExtensions(const RtpPacketView& packet) {
  const auto mid = [&](const PublishedTrack& track) { return stringExtension<MidExtension>(packet, track.extensions().mid); };
  for (PublishedTrack* track : tracks_) {
    const auto& ids = track->extensions();
    const auto packetMid = mid(*track);
    // With MID negotiated the packet must name this track; without, only a RID can tell.
    if (extensionId(ids.mid) != 0 && (!packetMid || *packetMid != track->mid())) continue;
    if (track->simulcastByRid()) {
      if (const auto rid = stringExtension<RidExtension>(packet, ids.rid)) {
        if (const auto layer = track->layerByRid(*rid)) return bind(*track, *layer, false, packet.ssrc().value());
      }
      if (const auto rid = stringExtension<RepairedRidExtension>(packet, ids.repairedRid)) {
        if (const auto layer = track->layerByRid(*rid)) return bind(*track, *layer, true, packet.ssrc().value());
      }
      continue;
    }
    if (!packetMid || track->layerCount() != 1) continue;
    // One layer: the MID says it all, the payload type says whether it is RTX.
    const bool rtx = track->repairedPayloadType(packet.payloadType()).has_value();
    if (!rtx && !track->codec(packet.payloadType())) continue;
    return bind(*track, 0, rtx, packet.ssrc().value());
  }
  return std::nullopt;
}

std::optional<PublisherConnection::Resolved> PublisherConnection::resolve(const RtpPacketView& packet) {
  if (const auto it = routes_.find(packet.ssrc().value()); it != routes_.end()) return Resolved{it->second, false};
  return bindByExtensions(packet);
}

}  // namespace dienhong::media
