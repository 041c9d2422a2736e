#include "signaling/connection_handler.hpp"

#include <nlohmann/json.hpp>

#include "auth/tokens.hpp"
#include "common/logging.hpp"
#include "signaling/message_fields.hpp"
#include "signaling/stats_json.hpp"

namespace dienhong::signaling {
namespace {

using nlohmann::json;
using logging::Category;

json reply(std::string_view type, std::optional<int64_t> requestId) {
  json out = {{"type", type}};
  if (requestId) out["requestId"] = *requestId;
  return out;
}

json errorReply(const Error& error, std::optional<int64_t> requestId) {
  // Codes the client translates; messages are for developers and never carry internals.
  json out = reply("error", requestId);
  out["code"] = error.code;
  out["message"] = error.code == "internal" ? "Internal error." : error.message;
  return out;
}

const Error kNotJoined{"not_joined", "Join a room first."};
const Error kRoomGone{"not_joined", "The room is no longer open."};

}  // namespace

ConnectionHandler::SessionPtr ConnectionHandler::sessionOf(const http::WebSocketPeer& peer) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(peer.id());
  return it == sessions_.end() ? nullptr : it->second;
}

void ConnectionHandler::onOpen(const std::shared_ptr<http::WebSocketPeer>& peer, const http::Request&) {
  {
    std::lock_guard lock(mutex_);
    sessions_[peer->id()] = std::make_shared<ParticipantSession>(peer);
  }
  peer->send(json{{"type", "hello"}, {"protocol", kProtocolVersion}, {"connectionId", peer->id()}}.dump());
}

void ConnectionHandler::onClose(const std::shared_ptr<http::WebSocketPeer>& peer) {
  SessionPtr session;
  {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(peer->id());
    if (it == sessions_.end()) return;
    session = std::move(it->second);
    sessions_.erase(it);
  }
  if (auto membership = session->close()) {
    // Dropped without "leave": keep the media for the grace period, waiting for a resume.
    media_.withRoom(membership->room, [membership, session](media::MediaRoom* room) {
      if (room) room->detach(membership->participantId, session.get(), std::chrono::steady_clock::now());
    });
  }
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
      {"join", &ConnectionHandler::join},
      {"resume", &ConnectionHandler::resume},
      {"publish", &ConnectionHandler::publish},
      {"subscribeAnswer", &ConnectionHandler::subscribeAnswer},
      {"layout", &ConnectionHandler::layout},
      {"restartIce", &ConnectionHandler::restartIce},
      {"getStats", &ConnectionHandler::getStats},
      {"leave", &ConnectionHandler::leave},
  };
  auto handler = handlers.find(type);
  if (handler == handlers.end()) {
    logging::logger(Category::Access).warn("msg=signaling_unknown_type id={}", peer->id());
    session->send(errorReply({"unknown_type", "Unknown message type."}, requestId));
    return;
  }
  (this->*handler->second)(session, message);
}

void ConnectionHandler::join(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto roomId = readRoomId(message);
  if (!roomId) return session->send(errorReply(roomId.error(), requestId));
  auto name = readDisplayName(message);
  if (!name) return session->send(errorReply(name.error(), requestId));
  if (!session->beginJoin()) {
    return session->send(errorReply({"already_joined", "This connection is already in a room."}, requestId));
  }
  const media::ParticipantInfo info{"p" + auth::randomHex(8), name.value()};
  media_.join(roomId.value(), info, auth::randomToken(24), session,
              [this, session, info, requestId, roomId = roomId.value()](Result<media::JoinedRoom> joined) {
                if (!joined) {
                  session->failJoin();
                  return session->send(errorReply(joined.error(), requestId));
                }
                const media::RoomRef ref = joined->room;
                if (!session->completeJoin({ref, info.participantId, joined->resumeToken})) {
                  // The connection closed while joining: behave as a drop right after the join.
                  media_.withRoom(ref, [participantId = info.participantId, session](media::MediaRoom* room) {
                    if (room) room->detach(participantId, session.get(), std::chrono::steady_clock::now());
                  });
                  return;
                }
                json others = json::array();
                for (const auto& other : joined->others) {
                  others.push_back({{"participantId", other.participantId}, {"displayName", other.displayName}});
                }
                json out = reply("joined", requestId);
                out["roomId"] = roomId;
                out["participantId"] = info.participantId;
                out["resumeToken"] = joined->resumeToken;
                out["participants"] = std::move(others);
                session->send(out);
              });
}

void ConnectionHandler::resume(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  const Error failed{"resume_failed", "The session cannot be resumed; join again."};
  auto token = message.find("resumeToken");
  if (token == message.end() || !token->is_string() || token->get_ref<const std::string&>().size() > 128) {
    return session->send(errorReply(failed, requestId));
  }
  auto ticket = media_.findResume(token->get<std::string>());
  if (!ticket) return session->send(errorReply(failed, requestId));
  if (!session->beginJoin()) {
    return session->send(errorReply({"already_joined", "This connection is already in a room."}, requestId));
  }
  media_.withRoom(ticket->room, [session, ticket = *ticket, token = token->get<std::string>(), requestId,
                                 failed](media::MediaRoom* room) {
    if (room == nullptr || !room->contains(ticket.participantId) ||
        !session->completeJoin({ticket.room, ticket.participantId, token})) {
      session->failJoin();
      return session->send(errorReply(failed, requestId));
    }
    json out = reply("resumed", requestId);
    out["roomId"] = ticket.room.roomId;
    out["participantId"] = ticket.participantId;
    session->send(out);
    if (auto ok = room->reattach(ticket.participantId, session); !ok) {
      session->leave();
      session->send(errorReply(failed, std::nullopt));
    }
  });
}

void ConnectionHandler::publish(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto membership = session->membership();
  if (!membership) return session->send(errorReply(kNotJoined, requestId));
  auto sdp = readSdp(message);
  if (!sdp) return session->send(errorReply(sdp.error(), requestId));
  media_.withRoom(membership->room, [session, id = membership->participantId, sdp = std::move(sdp.value()),
                                     requestId](media::MediaRoom* room) {
    if (room == nullptr) return session->send(errorReply(kRoomGone, requestId));
    auto answer = room->publish(id, sdp);
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
  media_.withRoom(membership->room, [session, id = membership->participantId, sdp = std::move(sdp.value()),
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
  media_.withRoom(membership->room, [session, id = membership->participantId, tiles = std::move(tiles.value()),
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
  media_.withRoom(membership->room, [session, id = membership->participantId, requestId](media::MediaRoom* room) {
    if (room == nullptr) return session->send(errorReply(kRoomGone, requestId));
    if (auto ok = room->restartSubscriberIce(id); !ok) session->send(errorReply(ok.error(), requestId));
  });
}

void ConnectionHandler::getStats(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto membership = session->membership();
  if (!membership) return session->send(errorReply(kNotJoined, requestId));
  media_.withRoom(membership->room, [session, id = membership->participantId, requestId](media::MediaRoom* room) {
    if (room == nullptr) return session->send(errorReply(kRoomGone, requestId));
    auto stats = room->stats(id, std::chrono::steady_clock::now());
    if (!stats) return session->send(errorReply(stats.error(), requestId));
    json out = reply("stats", requestId);
    out.update(statsJson(stats.value()));
    session->send(out);
  });
}

void ConnectionHandler::leave(const SessionPtr& session, const json& message) {
  const auto requestId = readRequestId(message);
  auto membership = session->leave();
  if (!membership) return session->send(errorReply(kNotJoined, requestId));
  media_.forgetResume(membership->resumeToken);
  media_.withRoom(membership->room, [session, id = membership->participantId, requestId](media::MediaRoom* room) {
    if (room) room->leave(id, "");
    session->send(reply("left", requestId));
  });
}

}  // namespace dienhong::signaling
