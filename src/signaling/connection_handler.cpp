#include "signaling/connection_handler.hpp"

#include <nlohmann/json.hpp>

#include "common/logging.hpp"
#include "signaling/message_fields.hpp"
#include "signaling/replies.hpp"
#include "signaling/stats_json.hpp"

namespace dienhong::signaling {
namespace {

using nlohmann::json;
using logging::Category;

const Error kNotJoined{"not_joined", "Join a room first."};
const Error kRoomGone{"not_joined", "The room is no longer open."};

}  // namespace

ConnectionHandler::SessionPtr ConnectionHandler::sessionOf(const http::WebSocketPeer& peer) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(peer.id());
  return it == sessions_.end() ? nullptr : it->second;
}

void ConnectionHandler::onOpen(const std::shared_ptr<http::WebSocketPeer>& peer, const http::Request& upgrade) {
  // Signed in and set up (no password change or second-factor enrolment pending): the account;
  // otherwise a guest.
  meeting::Identity identity{std::nullopt, upgrade.clientAddress};
  std::string accountName;
  std::string signInSession;
  if (auto token = upgrade.cookie(auth::kSessionCookie)) {
    if (auto principal = services_.auth.authenticate(*token); principal && !principal->restricted()) {
      identity.userId = principal->user.id;
      accountName = principal->user.displayName;
      signInSession = principal->session.id;
    }
  }
  json hello = {{"type", "hello"}, {"protocol", kProtocolVersion}, {"connectionId", peer->id()},
                {"account", accountName.empty() ? json(nullptr) : json{{"displayName", accountName}}}};
  {
    std::lock_guard lock(mutex_);
    sessions_[peer->id()] = std::make_shared<ParticipantSession>(peer, std::move(identity));
    if (!signInSession.empty()) accountSessions_[peer->id()] = std::move(signInSession);
  }
  peer->send(hello.dump());
}

void ConnectionHandler::keepAccountSessionsAlive(int64_t nowMs) {
  std::vector<std::string> ids;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [connection, id] : accountSessions_) ids.push_back(id);
  }
  for (const auto& id : ids) {
    // A session that ended meanwhile (signed out, expired) has no row left to touch.
    if (auto touched = services_.store.sessions().touch(id, nowMs); !touched) {
      logging::logger(logging::Category::Error)
          .error("msg=session_keepalive_failed detail={}", logging::quote(touched.error().message));
    }
  }
}

void ConnectionHandler::onClose(const std::shared_ptr<http::WebSocketPeer>& peer) {
  SessionPtr session;
  {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(peer->id());
    if (it == sessions_.end()) return;
    session = std::move(it->second);
    sessions_.erase(it);
    accountSessions_.erase(peer->id());
  }
  meetings_.closed(session, session->close());
}

void ConnectionHandler::onMessage(const std::shared_ptr<http::WebSocketPeer>& peer, std::string_view text) {
  const auto message = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded() || !message.is_object() || !message.contains("type") || !message["type"].is_string()) {
    logging::logger(Category::Access).warn("msg=signaling_invalid_message id={} bytes={}", peer->id(), text.size());
    peer->send(errorReply({"invalid_message", "Messages are JSON objects with a string type."}, std::nullopt).dump());
    return;
  }
  const auto requestId = readRequestId(message);
  const auto& type = message["type"].get_ref<const std::string&>();
  if (type == "ping") {
    json pong = {{"type", "pong"}};
    if (auto id = message.find("id"); id != message.end() && id->is_number_integer()) pong["id"] = *id;
    if (requestId) pong["requestId"] = *requestId;
    peer->send(pong.dump());
    return;
  }
  SessionPtr session = sessionOf(*peer);
  if (!session) return;
  using Handler = void (ConnectionHandler::*)(const SessionPtr&, const json&);
  static const std::unordered_map<std::string_view, Handler> handlers = {
      {"publish", &ConnectionHandler::publish},
      {"subscribeAnswer", &ConnectionHandler::subscribeAnswer},
      {"layout", &ConnectionHandler::layout},
      {"restartIce", &ConnectionHandler::restartIce},
      {"getStats", &ConnectionHandler::getStats},
  };
  using MeetingHandler = void (MeetingCoordinator::*)(const SessionPtr&, const json&);
  static const std::unordered_map<std::string_view, MeetingHandler> meetingHandlers = {
      {"join", &MeetingCoordinator::join},           {"resume", &MeetingCoordinator::resume},
      {"leave", &MeetingCoordinator::leave},         {"mediaState", &MeetingCoordinator::mediaState},
      {"raiseHand", &MeetingCoordinator::raiseHand}, {"rename", &MeetingCoordinator::rename},
      {"chat", &MeetingCoordinator::chat},           {"moderate", &MeetingCoordinator::moderate},
  };
  if (auto meeting = meetingHandlers.find(type); meeting != meetingHandlers.end()) {
    return (meetings_.*meeting->second)(session, message);
  }
  auto handler = handlers.find(type);
  if (handler == handlers.end()) {
    logging::logger(Category::Access).warn("msg=signaling_unknown_type id={}", peer->id());
    session->send(errorReply({"unknown_type", "Unknown message type."}, requestId));
    return;
  }
  (this->*handler->second)(session, message);
}

void ConnectionHandler::publish(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto membership = session->membership();
  if (!membership) return session->send(errorReply(kNotJoined, requestId));
  auto sdp = readSdp(message);
  if (!sdp) return session->send(errorReply(sdp.error(), requestId));
  auto sources = readSources(message);
  if (!sources) return session->send(errorReply(sources.error(), requestId));
  const bool screen = std::any_of(sources->begin(), sources->end(),
                                  [](const auto& s) { return s.second == media::TrackSource::Screen; });
  if (screen && !meetings_.mayPublish(membership->room.roomId, membership->participantId, meeting::MediaSource::Screen)) {
    return session->send(errorReply({"forbidden", "No permission to share content."}, requestId));
  }
  services_.media.withRoom(membership->room, [session, id = membership->participantId, sdp = std::move(sdp.value()),
                                              sources = std::move(sources.value()), requestId](media::MediaRoom* room) {
    if (room == nullptr) return session->send(errorReply(kRoomGone, requestId));
    auto answer = room->publish(id, sdp, sources);
    if (!answer) {
      logging::logger(Category::Access)
          .warn("msg=publish_refused participant={} code={} detail={}", id, answer.error().code,
                logging::quote(answer.error().message));
      return session->send(errorReply(answer.error(), requestId));
    }
    json out = reply("publishAnswer", requestId);
    out["sdp"] = answer.value();
    session->send(out);
  });
}

void ConnectionHandler::subscribeAnswer(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto membership = session->membership();
  if (!membership) return session->send(errorReply(kNotJoined, requestId));
  auto sdp = readSdp(message);
  if (!sdp) return session->send(errorReply(sdp.error(), requestId));
  auto version = readUnsigned(message, "version");
  if (!version) return session->send(errorReply(version.error(), requestId));
  services_.media.withRoom(membership->room, [session, id = membership->participantId, sdp = std::move(sdp.value()),
                                     version = version.value(), requestId](media::MediaRoom* room) {
    if (room == nullptr) return session->send(errorReply(kRoomGone, requestId));
    if (auto ok = room->subscribeAnswer(id, sdp, version); !ok) {
      logging::logger(Category::Access)
          .warn("msg=subscribe_answer_refused participant={} code={} detail={}", id, ok.error().code,
                logging::quote(ok.error().message));
      session->send(errorReply(ok.error(), requestId));
    }
  });
}

void ConnectionHandler::layout(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto membership = session->membership();
  if (!membership) return session->send(errorReply(kNotJoined, requestId));
  auto tiles = readTiles(message);
  if (!tiles) return session->send(errorReply(tiles.error(), requestId));
  services_.media.withRoom(membership->room, [session, id = membership->participantId, tiles = std::move(tiles.value()),
                                     requestId](media::MediaRoom* room) {
    if (room == nullptr) return session->send(errorReply(kRoomGone, requestId));
    if (auto ok = room->setLayout(id, tiles); !ok) session->send(errorReply(ok.error(), requestId));
  });
}

void ConnectionHandler::restartIce(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto membership = session->membership();
  if (!membership) return session->send(errorReply(kNotJoined, requestId));
  auto connection = message.find("connection");
  if (connection == message.end() || *connection != "subscribe") {
    return session->send(errorReply(
        {"invalid_message", "connection must be \"subscribe\"; restart the publish connection with a new offer"},
        requestId));
  }
  services_.media.withRoom(membership->room, [session, id = membership->participantId, requestId](media::MediaRoom* room) {
    if (room == nullptr) return session->send(errorReply(kRoomGone, requestId));
    if (auto ok = room->restartSubscriberIce(id); !ok) session->send(errorReply(ok.error(), requestId));
  });
}

void ConnectionHandler::getStats(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto membership = session->membership();
  if (!membership) return session->send(errorReply(kNotJoined, requestId));
  services_.media.withRoom(membership->room, [session, id = membership->participantId, requestId](media::MediaRoom* room) {
    if (room == nullptr) return session->send(errorReply(kRoomGone, requestId));
    auto stats = room->stats(id, std::chrono::steady_clock::now());
    if (!stats) return session->send(errorReply(stats.error(), requestId));
    json out = reply("stats", requestId);
    out.update(statsJson(stats.value()));
    session->send(out);
  });
}

}  // namespace dienhong::signaling
