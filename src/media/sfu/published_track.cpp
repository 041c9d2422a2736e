// A publisher's track and its simulcast layers; see published_track.hpp.
#include "media/sfu/published_track.hpp"

#include <algorithm>
#include <set>

namespace dienhong::media {

namespace {

Error invalid(std::string message) { return Error{"invalid_argument", std::move(message)}; }

bool hasFeedback(const sdp::NegotiatedCodec& codec, std::string_view name) {
  return std::any_of(codec.feedback.begin(), codec.feedback.end(), [&](const std::string& f) {
    return f == name;  // "nack", not "nack pli"
  });
}

// Sorts the first n (at most kMaxSpatialLayers) entries. std::sort on a 3-element array trips
// GCC 12's -Warray-bounds at -O2 (a false positive in its insertion-sort threshold of 16).
template <class Less>
void insertionSort(std::array<uint8_t, kMaxSpatialLayers>& order, size_t n, Less less) {
  for (size_t i = 1; i < n; ++i) {
    for (size_t j = i; j > 0 && less(order[j], order[j - 1]); --j) std::swap(order[j], order[j - 1]);
  }
}

}  // namespace

PublishedTrack::PublishedTrack(TrackKey key, ParticipantKey owner, const sdp::NegotiatedMedia& media)
    : key_(key),
      owner_(owner),
      video_(media.kind == sdp::MediaKind::Video),
      mid_(media.mid),
      extensions_(media.extensions) {}

Result<std::unique_ptr<PublishedTrack>> PublishedTrack::create(TrackKey key, ParticipantKey owner,
                                                               const sdp::NegotiatedMedia& media) {
  if (media.kind != sdp::MediaKind::Audio && media.kind != sdp::MediaKind::Video) {
    return invalid("only audio and video sections are forwarded");
  }
  if (media.direction == sdp::Direction::Inactive || media.direction == sdp::Direction::SendOnly) {
    return invalid("the section receives nothing");
  }
  if (media.codecs.empty()) return invalid("no codec");
  const bool video = media.kind == sdp::MediaKind::Video;
  if (!video && !media.simulcast.empty()) return invalid("simulcast audio");
  if (media.simulcast.size() > kMaxSpatialLayers) return invalid("more simulcast layers than the router forwards");

  std::unique_ptr<PublishedTrack> track(new PublishedTrack(key, owner, media));
  for (const sdp::NegotiatedCodec& c : media.codecs) {
    if (c.payloadType > kMaxPayloadType || track->codecIndex_[c.payloadType] != 0) {
      return invalid("bad or repeated payload type");
    }
    if (c.rtxPayloadType && (*c.rtxPayloadType > kMaxPayloadType || track->repairs_[*c.rtxPayloadType] != 0)) {
      return invalid("bad or repeated RTX payload type");
    }
    // RTP clocks run at kHz rates (8 kHz to 90 kHz); anything past 1 MHz is a broken offer.
    if (c.clockRate > 1'000'000) return invalid("implausible clock rate");
    PublishedCodec codec;
    codec.payloadType = c.payloadType;
    codec.codec = video ? videoCodecFromName(c.name) : VideoCodec::kNone;
    codec.clockRate = c.clockRate != 0 ? c.clockRate : (video ? 90000 : 48000);
    codec.nack = hasFeedback(c, "nack");
    track->nack_ = track->nack_ || codec.nack;
    codec.rtxPayloadType = c.rtxPayloadType;
    track->codecs_.push_back(codec);
    track->codecIndex_[c.payloadType] = static_cast<uint8_t>(track->codecs_.size());
    if (c.rtxPayloadType) track->repairs_[*c.rtxPayloadType] = static_cast<uint8_t>(c.payloadType + 1);
  }
  for (const sdp::NegotiatedCodec& c : media.codecs) {
    if (c.rtxPayloadType && track->codecIndex_[*c.rtxPayloadType] != 0) {
      return invalid("a payload type is both media and RTX");
    }
  }
  const PublishedCodec& primary = track->codecs_.front();
  if (video && primary.codec != VideoCodec::kVp8 && primary.codec != VideoCodec::kVp9 &&
      primary.codec != VideoCodec::kH264) {
    return invalid("a video codec whose keyframes the router cannot find");
  }
  track->clockRate_ = primary.clockRate;

  // Layers: by rid (RFC 8853), else legacy SIM groups, else one layer.
  const sdp::SsrcGroup* sim = nullptr;
  std::set<uint32_t> rtxSsrcs;
  for (const sdp::SsrcGroup& group : media.ssrcGroups) {
    if (group.semantics == "SIM" && !sim) sim = &group;
    if (group.semantics == "FID" && group.ssrcs.size() == 2) rtxSsrcs.insert(group.ssrcs[1]);
  }
  if (!media.simulcast.empty()) {
    track->byRid_ = true;
    std::set<std::string> rids;
    for (const sdp::SimulcastLayer& l : media.simulcast) {
      if (l.rid.empty() || !rids.insert(l.rid).second) return invalid("empty or repeated rid");
      track->layers_.emplace_back(track->clockRate_);
      track->layers_.back().rid = l.rid;
    }
  } else if (video && sim && sim->ssrcs.size() >= 2) {
    if (sim->ssrcs.size() > kMaxSpatialLayers) return invalid("more simulcast layers than the router forwards");
    for (uint32_t ssrc : sim->ssrcs) {
      track->layers_.emplace_back(track->clockRate_);
      track->layers_.back().ssrc = ssrc;
    }
  } else {
    track->layers_.emplace_back(track->clockRate_);
    for (uint32_t ssrc : media.ssrcs) {
      if (!rtxSsrcs.contains(ssrc)) {
        track->layers_.back().ssrc = ssrc;
        break;
      }
    }
  }
  if (!track->byRid_) {
    for (const sdp::SsrcGroup& group : media.ssrcGroups) {
      if (group.semantics != "FID" || group.ssrcs.size() != 2) continue;
      for (PublishedLayer& layer : track->layers_) {
        if (layer.ssrc == group.ssrcs[0]) layer.rtxSsrc = group.ssrcs[1];
      }
    }
  }
  std::set<uint32_t> seen;
  for (const PublishedLayer& layer : track->layers_) {
    if ((layer.ssrc && !seen.insert(*layer.ssrc).second) || (layer.rtxSsrc && !seen.insert(*layer.rtxSsrc).second)) {
      return invalid("an SSRC announced twice");
    }
  }
  for (size_t i = 0; i < track->layers_.size(); ++i) track->order_[i] = static_cast<uint8_t>(i);
  return track;
}

std::optional<uint8_t> PublishedTrack::layerByRid(std::string_view rid) const {
  for (size_t i = 0; i < layers_.size(); ++i) {
    if (layers_[i].rid == rid) return static_cast<uint8_t>(i);
  }
  return std::nullopt;
}

const PublishedCodec* PublishedTrack::codec(uint8_t payloadType) const {
  if (payloadType > kMaxPayloadType || codecIndex_[payloadType] == 0) return nullptr;
  return &codecs_[codecIndex_[payloadType] - 1u];
}

std::optional<uint8_t> PublishedTrack::repairedPayloadType(uint8_t rtxPayloadType) const {
  if (rtxPayloadType > kMaxPayloadType || repairs_[rtxPayloadType] == 0) return std::nullopt;
  return static_cast<uint8_t>(repairs_[rtxPayloadType] - 1u);
}

uint8_t PublishedTrack::rank(uint8_t layer) const {
  for (size_t i = 0; i < layers_.size(); ++i) {
    if (order_[i] == layer) return static_cast<uint8_t>(i);
  }
  return kNoLayer;
}

std::array<LayerInfo, kMaxSpatialLayers> PublishedTrack::layerInfo(Clock::time_point now) const {
  std::array<LayerInfo, kMaxSpatialLayers> info{};
  for (size_t i = 0; i < layers_.size(); ++i) {
    const PublishedLayer& layer = layers_[order_[i]];
    if (layer.frameSize) {
      info[i].width = layer.frameSize->width;
      info[i].height = layer.frameSize->height;
    }
    info[i].bitrateBps = layer.stats.bitrateBps(now);
    info[i].active = layer.active;
  }
  return info;
}

void PublishedTrack::onFrameSize(uint8_t layer, FrameSize size) {
  if (layer >= layers_.size()) return;
  PublishedLayer& l = layers_[layer];
  if (l.frameSize != size) {
    l.frameSize = size;
    orderDirty_ = true;
  }
}

bool PublishedTrack::reorder(Clock::time_point now) {
  const size_t n = layers_.size();
  std::array<uint64_t, kMaxSpatialLayers> bitrate{};
  bool allActiveSized = true;
  for (size_t i = 0; i < n; ++i) {
    bitrate[i] = layers_[i].stats.bitrateBps(now);
    if (layers_[i].active && !layers_[i].frameSize) allActiveSized = false;
  }
  std::array<uint8_t, kMaxSpatialLayers> order{};
  for (size_t i = 0; i < n; ++i) order[i] = static_cast<uint8_t>(i);
  auto pixels = [&](uint8_t i) -> uint64_t {
    const auto& size = layers_[i].frameSize;
    return size ? uint64_t{size->width} * size->height : 0;
  };
  if (allActiveSized) {
    // By resolution; layers never seen (inactive, no keyframe) go last, they are not chosen.
    insertionSort(order, n, [&](uint8_t a, uint8_t b) {
      const bool sizedA = layers_[a].frameSize.has_value();
      const bool sizedB = layers_[b].frameSize.has_value();
      if (sizedA != sizedB) return sizedA;
      if (pixels(a) != pixels(b)) return pixels(a) < pixels(b);
      if (bitrate[a] != bitrate[b]) return bitrate[a] < bitrate[b];
      return a < b;
    });
  } else {
    insertionSort(order, n, [&](uint8_t a, uint8_t b) {
      if (bitrate[a] != bitrate[b]) return bitrate[a] < bitrate[b];
      return a < b;
    });
  }
  const bool changed = !std::equal(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order_.begin());
  order_ = order;
  return changed;
}

bool PublishedTrack::refresh(Clock::time_point now, Clock::duration layerTimeout) {
  bool activityChanged = false;
  bool sizesUnknown = false;
  for (PublishedLayer& layer : layers_) {
    const auto last = layer.stats.lastPacketTime();
    const bool active = last && now - *last < layerTimeout;
    if (active != layer.active) {
      layer.active = active;
      activityChanged = true;
    }
    if (active && !layer.frameSize) sizesUnknown = true;
  }
  if (layers_.size() < 2) return activityChanged;
  // Without sizes the order follows the bitrates, which move: look again every time.
  if (!orderDirty_ && !activityChanged && !sizesUnknown) return false;
  orderDirty_ = false;
  return reorder(now) || activityChanged;
}

}  // namespace dienhong::media
