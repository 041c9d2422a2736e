#include "loadgen/janus_endpoint.hpp"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

namespace dienhong::loadgen {

using nlohmann::json;

namespace {

constexpr auto kKeepaliveInterval = std::chrono::seconds(25);  // Janus drops a session after 60 s
constexpr int kLargeSubstream = 2;  // Janus numbers simulcast substreams from 0, the lowest
constexpr int kThumbnailSubstream = 0;

// Janus ids are numbers by default and strings when the room says string_ids.
std::string idText(const json& id) {
  if (id.is_string()) return id.get<std::string>();
  if (id.is_number_unsigned()) return std::to_string(id.get<uint64_t>());
  if (id.is_number_integer()) return std::to_string(id.get<int64_t>());
  return {};
}

// The SDP line a parser error names ("line 5: ..."), quoted and cut, so a failure report shows
// what the server sent.
std::string quotedLine(std::string_view sdp, std::string_view error) {
  size_t number = 0;
  if (!error.starts_with("line ") || std::from_chars(error.data() + 5, error.data() + error.size(), number).ec != std::errc()) {
    return {};
  }
  size_t start = 0;
  for (size_t line = 1; line < number && start != std::string_view::npos; ++line) {
    start = sdp.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || start >= sdp.size()) return {};
  const auto end = sdp.find('\n', start);
  std::string line(sdp.substr(start, std::min<size_t>(end == std::string_view::npos ? sdp.size() - start : end - start, 300)));
  std::replace_if(line.begin(), line.end(), [](char c) { return c < 0x20 || c > 0x7e; }, '?');
  return " [\"" + line + "\"]";
}

}  // namespace

JanusEndpoint::JanusEndpoint(EndpointContext& context, RoomTarget target, uint32_t roomIndex, uint32_t index)
    : Endpoint(context, std::move(target), roomIndex, index) {}

JanusEndpoint::~JanusEndpoint() {
  if (!socket_) return;
  socket_->detach();
  socket_->close();
}

void JanusEndpoint::start(Clock::time_point now) {
  const auto& text = target_.room;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), room_);
  if (error != std::errc() || end != text.data() + text.size() || room_ == 0) {
    return fail("the Janus room must be a positive number, not \"" + text + "\"");
  }
  nextKeepaliveAt_ = now + kKeepaliveInterval;
  socket_ = WebSocketClient::create(
      context_.io, nullptr,
      {.onOpen =
           [this] {
             request({{"janus", "create"}}, [this](const json& created) {
               session_ = created["data"].value("id", uint64_t{0});
               const json attach = {{"janus", "attach"}, {"session_id", session_}, {"plugin", "janus.plugin.videoroom"}};
               request(attach, [this](const json& attached) {
                 publisherHandle_ = attached["data"].value("id", uint64_t{0});
                 message(publisherHandle_,
                         {{"request", "join"}, {"ptype", "publisher"}, {"room", room_}, {"display", displayName()}});
               });
               request(attach, [this](const json& attached) {
                 subscriberHandle_ = attached["data"].value("id", uint64_t{0});
                 subscribeToPending();
               });
             });
           },
       .onMessage = [this](std::string_view message) { onMessage(message); },
       .onClosed =
           [this](std::string_view reason) {
             if (phase_ != EndpointPhase::Left) fail("signalling closed: " + std::string(reason));
           }},
      "janus-protocol");
  socket_->connect(target_.host, target_.port, "/");
}

void JanusEndpoint::leave() {
  if (session_ != 0 && phase_ != EndpointPhase::Left) request({{"janus", "destroy"}, {"session_id", session_}});
  phase_ = EndpointPhase::Left;
  if (socket_) socket_->close();
}

void JanusEndpoint::request(json message, Reply reply) {
  if (!socket_) return;
  const std::string transaction = "t" + std::to_string(nextTransaction_++);
  message["transaction"] = transaction;
  if (reply) replies_.emplace(transaction, std::move(reply));
  socket_->send(message.dump());
}

void JanusEndpoint::message(uint64_t handle, json body, const json* jsep) {
  json m = {{"janus", "message"}, {"session_id", session_}, {"handle_id", handle}, {"body", std::move(body)}};
  if (jsep) m["jsep"] = *jsep;
  request(std::move(m));
}

void JanusEndpoint::onMessage(std::string_view text) {
  const json m = json::parse(text, nullptr, false);
  if (m.is_discarded() || !m.is_object()) return fail("Janus sent a message that is not JSON");
  const auto kind = m.value("janus", std::string());
  if (kind == "success") {
    const auto reply = replies_.find(m.value("transaction", std::string()));
    if (reply == replies_.end()) return;
    const Reply handler = std::move(reply->second);
    replies_.erase(reply);
    if (!m.contains("data") || !m["data"].is_object()) return fail("Janus answered " + std::string(text) + " without data");
    handler(m);
  } else if (kind == "error") {
    const json& e = m.contains("error") ? m["error"] : json::object();
    fail("Janus error " + std::to_string(e.value("code", 0)) + ": " + e.value("reason", std::string()));
  } else if (kind == "event") {
    const json& plugin = m.contains("plugindata") ? m["plugindata"] : json::object();
    if (!plugin.contains("data") || !plugin["data"].is_object()) return;
    const json* jsep = m.contains("jsep") && m["jsep"].is_object() ? &m["jsep"] : nullptr;
    onPluginEvent(m.value("sender", uint64_t{0}), plugin["data"], jsep);
  } else if (kind == "hangup") {
    if (phase_ != EndpointPhase::Left) {
      const bool publishing = m.value("sender", uint64_t{0}) == publisherHandle_;
      fail(std::string("Janus hung up the ") + (publishing ? "publish" : "subscribe") +
           " connection: " + m.value("reason", std::string()));
    }
  } else if (kind == "timeout") {
    fail("Janus timed the session out");
  }
  // "ack", "webrtcup", "media", "slowlink", "detached", "trickle": nothing to do.
}

void JanusEndpoint::onPluginEvent(uint64_t handle, const json& data, const json* jsep) {
  if (data.contains("error_code")) {
    return fail("VideoRoom error " + std::to_string(data.value("error_code", 0)) + ": " + data.value("error", std::string()));
  }
  const auto now = Clock::now();
  const auto kind = data.value("videoroom", std::string());
  if (handle == publisherHandle_) {
    if (kind == "joined") {
      phase_ = EndpointPhase::Joined;
      const json offer = {{"type", "offer"}, {"sdp", publisher_->offer(Publisher::LayerOrder::HighestFirst)}};
      message(publisherHandle_, {{"request", "publish"}, {"audio", true}, {"video", true}}, &offer);
    }
    if (jsep && jsep->value("type", std::string()) == "answer") {
      if (auto ok = publisher_->acceptAnswer(jsep->value("sdp", std::string()), now); !ok) {
        return fail("publish answer: " + ok.error().message);
      }
    }
    if (data.contains("publishers")) addPublishers(data["publishers"]);
    if (data.contains("unpublished")) ownerIndex_.erase(idText(data["unpublished"]));
    return;
  }
  if (handle != subscriberHandle_) return;
  if (jsep && jsep->value("type", std::string()) == "offer") {
    if (data.contains("streams") && data["streams"].is_array()) {
      for (const auto& stream : data["streams"]) {
        if (!stream.is_object() || !stream.contains("feed_id")) continue;
        const auto feed = idText(stream["feed_id"]);
        subscriber_->setOwner(stream.value("mid", std::string()), feed);
        if (const auto owner = indexOfName(stream.value("feed_display", std::string()))) ownerIndex_[feed] = *owner;
      }
    }
    const auto offer = jsep->value("sdp", std::string());
    auto answer = subscriber_->answer(offer, now);
    if (!answer) return fail("subscribe offer: " + answer.error().message + quotedLine(offer, answer.error().message));
    const json reply = {{"type", "answer"}, {"sdp", *answer}};
    message(subscriberHandle_, {{"request", "start"}}, &reply);
    subscribed_ = true;
    refreshTiles(now, true);
  } else if (kind == "updated" || (kind == "event" && data.value("started", std::string()) == "ok")) {
    // The offer was answered and started (or the update needed none): the next feeds may follow.
    subscribing_ = false;
    subscribeToPending();
  }
}

void JanusEndpoint::addPublishers(const json& publishers) {
  if (!publishers.is_array()) return;
  for (const auto& publisher : publishers) {
    if (!publisher.is_object() || !publisher.contains("id") || !publisher["id"].is_number_unsigned()) continue;
    const uint64_t feed = publisher["id"].get<uint64_t>();
    if (const auto owner = indexOfName(publisher.value("display", std::string()))) ownerIndex_[idText(publisher["id"])] = *owner;
    if (std::find(pendingFeeds_.begin(), pendingFeeds_.end(), feed) == pendingFeeds_.end()) pendingFeeds_.push_back(feed);
  }
  subscribeToPending();
}

void JanusEndpoint::subscribeToPending() {
  if (subscriberHandle_ == 0 || subscribing_ || pendingFeeds_.empty()) return;
  json streams = json::array();
  for (const uint64_t feed : pendingFeeds_) streams.push_back({{"feed", feed}});
  pendingFeeds_.clear();
  subscribing_ = true;
  if (subscribed_) {
    message(subscriberHandle_, {{"request", "subscribe"}, {"streams", std::move(streams)}});
  } else {
    message(subscriberHandle_, {{"request", "join"}, {"ptype", "subscriber"}, {"room", room_}, {"streams", std::move(streams)}});
  }
}

void JanusEndpoint::onTilesChanged(const std::vector<Tile>& tiles) {
  if (!subscribed_) return;
  json streams = json::array();
  for (const auto& track : subscriber_->tracks()) {
    if (!track.video) continue;
    const auto tile = std::find_if(tiles.begin(), tiles.end(), [&](const Tile& t) { return t.mid == track.mid; });
    json stream = {{"mid", track.mid}, {"send", tile != tiles.end()}};
    if (tile != tiles.end()) stream["substream"] = tile->large ? kLargeSubstream : kThumbnailSubstream;
    streams.push_back(std::move(stream));
  }
  if (!streams.empty()) message(subscriberHandle_, {{"request", "configure"}, {"streams", std::move(streams)}});
}

void JanusEndpoint::onSignallingTick(Clock::time_point now) {
  if (session_ == 0 || phase_ == EndpointPhase::Left || phase_ == EndpointPhase::Failed || now < nextKeepaliveAt_) return;
  nextKeepaliveAt_ = now + kKeepaliveInterval;
  request({{"janus", "keepalive"}, {"session_id", session_}});
}

}  // namespace dienhong::loadgen
