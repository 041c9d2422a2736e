// /api/v1/rooms: a signed-in user's rooms (F4, A1). A room gets a nine-digit code to read out and
// an invitation token for the link; only the token's SHA-256 is stored, so the link is shown
// when the room is made and whenever the owner asks for a new one (the old link then stops
// working). Rooms are private by default: the code alone lets a person knock, not enter.
// Settings change here before a meeting; during one, the chairs change them in the meeting.
#include "api/routes.hpp"
#include "api/session_guard.hpp"
#include "auth/tokens.hpp"
#include "meeting/room_code.hpp"
#include "meeting/room_settings.hpp"

namespace dienhong::api {
namespace {

using nlohmann::json;

constexpr int kDefaultMaxParticipants = 100;
constexpr int kCodeAttempts = 8;  // a collision among 900 million codes is rare; eight in a row is a fault

std::string invitationPath(const std::string& code, const std::string& token) { return "/r/" + code + "?t=" + token; }

json roomJson(const store::Room& room) {
  return {{"id", room.id},
          {"code", meeting::formatRoomCode(room.id)},
          {"title", room.title},
          {"scheduledAt", room.scheduledAtMs ? json(*room.scheduledAtMs) : json(nullptr)},
          {"passwordProtected", room.passwordHash.has_value()},
          {"locked", room.locked},
          {"lobbyEnabled", room.lobbyEnabled},
          {"allowGuests", room.allowGuests},
          {"maxParticipants", room.maxParticipants},
          {"startMuted", room.startMuted},
          {"defaultPermissions",
           {{"shareContent", room.mayShareContent}, {"recordAudio", room.mayRecordAudio}, {"recordVideo", room.mayRecordVideo}}},
          {"createdAt", room.createdAtMs},
          {"updatedAt", room.updatedAtMs}};
}

// `room` with the members of `body` applied (meeting::withRoomSettings), scheduling and the
// password included.
Result<store::Room> withFields(ApiContext& context, const json& body, const store::Room& room, int64_t nowMs) {
  meeting::RoomSettingsRules rules;
  rules.nowMs = nowMs;
  rules.allowSchedule = true;
  rules.hashPassword = [&context](std::string_view password) { return context.auth.hasher().hash(password); };
  auto next = meeting::withRoomSettings(body, room, rules);
  if (!next && next.error().code == "invalid_settings") return Error{"invalid_request", next.error().message};
  return next;
}

bool meetingInProgress(ApiContext& context, const std::string& roomId) {
  bool running = false;
  if (context.meetings) context.meetings->withExisting(roomId, [&](meeting::Meeting* m) { running = m != nullptr; });
  return running;
}

// The room, if it exists and the principal owns it; 404 either way otherwise (no probing).
Result<store::Room> ownedRoom(ApiContext& context, const http::Request& request, const auth::Principal& principal) {
  auto it = request.params.find("id");
  const auto code = it == request.params.end() ? std::nullopt : meeting::normalizeRoomCode(it->second);
  if (!code) return Error{"not_found", "no such room"};
  auto room = context.store.rooms().findById(*code);
  if (!room) return room.error();
  if (!room.value() || room.value()->ownerId != principal.user.id) return Error{"not_found", "no such room"};
  return *room.value();
}

http::Response create(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request);
  if (!principal) return errorFor(request, principal.error());
  auto body = parseJsonObject(request);
  if (!body) return errorFor(request, body.error());
  const int64_t now = auth::AuthService::systemNowMs();
  store::Room room;
  room.ownerId = principal->user.id;
  room.title = principal->user.displayName;
  room.maxParticipants = kDefaultMaxParticipants;
  room.createdAtMs = now;
  room.updatedAtMs = now;
  auto configured = withFields(context, *body, room, now);
  if (!configured) return errorFor(request, configured.error());
  room = std::move(configured.value());
  const std::string token = auth::randomToken(24);
  room.inviteTokenHash = auth::sha256Hex(token);
  for (int attempt = 0; attempt < kCodeAttempts; ++attempt) {
    room.id = meeting::generateRoomCode();
    auto created = context.store.rooms().create(room);
    if (created) {
      return jsonResponse(201, {{"room", roomJson(room)}, {"inviteToken", token},
                                {"invitationPath", invitationPath(room.id, token)}});
    }
    if (created.error().code != "conflict") return errorFor(request, created.error());
  }
  return errorFor(request, Error{"internal", "no free room code after several attempts"});
}

http::Response list(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request);
  if (!principal) return errorFor(request, principal.error());
  auto rooms = context.store.rooms().listByOwner(principal->user.id);
  if (!rooms) return errorFor(request, rooms.error());
  json out = json::array();
  for (const auto& room : rooms.value()) out.push_back(roomJson(room));
  return jsonResponse(200, {{"rooms", std::move(out)}});
}

http::Response get(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request);
  if (!principal) return errorFor(request, principal.error());
  auto room = ownedRoom(context, request, *principal);
  if (!room) return errorFor(request, room.error());
  json out = roomJson(room.value());
  out["meetingInProgress"] = meetingInProgress(context, room->id);
  return jsonResponse(200, {{"room", std::move(out)}});
}

http::Response update(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request);
  if (!principal) return errorFor(request, principal.error());
  auto body = parseJsonObject(request);
  if (!body) return errorFor(request, body.error());
  auto room = ownedRoom(context, request, *principal);
  if (!room) return errorFor(request, room.error());
  if (meetingInProgress(context, room->id)) {
    return errorFor(request, Error{"meeting_in_progress", "change settings in the meeting while it runs"});
  }
  const int64_t now = auth::AuthService::systemNowMs();
  auto updated = withFields(context, *body, room.value(), now);
  if (!updated) return errorFor(request, updated.error());
  updated->updatedAtMs = now;
  if (auto ok = context.store.rooms().update(updated.value()); !ok) return errorFor(request, ok.error());
  return jsonResponse(200, {{"room", roomJson(updated.value())}});
}

http::Response remove(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request);
  if (!principal) return errorFor(request, principal.error());
  auto room = ownedRoom(context, request, *principal);
  if (!room) return errorFor(request, room.error());
  if (meetingInProgress(context, room->id)) {
    return errorFor(request, Error{"meeting_in_progress", "end the meeting first"});
  }
  if (auto ok = context.store.rooms().remove(room->id); !ok) return errorFor(request, ok.error());
  return http::Response::noContent();
}

http::Response newInvitation(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request);
  if (!principal) return errorFor(request, principal.error());
  auto room = ownedRoom(context, request, *principal);
  if (!room) return errorFor(request, room.error());
  const std::string token = auth::randomToken(24);
  if (auto ok = context.store.rooms().updateInviteTokenHash(room->id, auth::sha256Hex(token),
                                                            auth::AuthService::systemNowMs());
      !ok) {
    return errorFor(request, ok.error());
  }
  return jsonResponse(200, {{"inviteToken", token}, {"invitationPath", invitationPath(room->id, token)}});
}

}  // namespace

void addRoomRoutes(http::Router& router, ApiContext& context) {
  using http::Method;
  router.add(Method::Post, "/api/v1/rooms", [&context](http::Request& r) { return create(context, r); });
  router.add(Method::Get, "/api/v1/rooms", [&context](http::Request& r) { return list(context, r); });
  router.add(Method::Get, "/api/v1/rooms/{id}", [&context](http::Request& r) { return get(context, r); });
  router.add(Method::Patch, "/api/v1/rooms/{id}", [&context](http::Request& r) { return update(context, r); });
  router.add(Method::Delete, "/api/v1/rooms/{id}", [&context](http::Request& r) { return remove(context, r); });
  router.add(Method::Post, "/api/v1/rooms/{id}/invitation",
             [&context](http::Request& r) { return newInvitation(context, r); });
}

}  // namespace dienhong::api
