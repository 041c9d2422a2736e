// /api/v1/admin/media: the media workers' counters for monitoring (A4, G4) — sockets, ICE-TCP
// connections, datagrams nobody could route, and per room what the router and transports
// forwarded and dropped. Admin listener only, administrators only.
#include "api/routes.hpp"
#include "api/session_guard.hpp"

namespace dienhong::api {
namespace {

using nlohmann::json;

json roomJson(const media::RoomSnapshot& room) {
  const auto& r = room.router;
  const auto& t = room.transports;
  uint64_t srtpRefused = 0;
  for (uint64_t n : t.srtpRefused) srtpRefused += n;
  return {
      {"roomId", room.roomId},
      {"participants", room.participants},
      {"router",
       {{"rtpReceived", r.rtpReceived},           {"rtpForwarded", r.rtpForwarded},
        {"malformedRtp", r.malformedRtp},         {"malformedRtcp", r.malformedRtcp},
        {"unknownSsrc", r.unknownSsrc},           {"unknownPayloadType", r.unknownPayloadType},
        {"duplicates", r.duplicates},             {"rtxRecovered", r.rtxRecovered},
        {"sendFailures", r.sendFailures},         {"nacksReceived", r.nacksReceived},
        {"retransmissionsSent", r.retransmissionsSent},
        {"retransmissionsMissing", r.retransmissionsMissing},
        {"keyframeRequestsReceived", r.keyframeRequestsReceived},
        {"keyframeRequestsSent", r.keyframeRequestsSent},
        {"nacksSent", r.nacksSent},               {"transportFeedbackSent", r.transportFeedbackSent},
        {"transportFeedbackReceived", r.transportFeedbackReceived},
        {"senderReportsSent", r.senderReportsSent}, {"receiverReportsSent", r.receiverReportsSent},
        {"probePacketsSent", r.probePacketsSent}, {"layerSwitches", r.layerSwitches}}},
      {"transports",
       {{"rtpReceived", t.rtpReceived},
        {"rtcpReceived", t.rtcpReceived},
        {"rtpSent", t.rtpSent},
        {"rtcpSent", t.rtcpSent},
        {"droppedUnknownSource", t.droppedUnknownSource},
        {"droppedBeforeKeys", t.droppedBeforeKeys},
        {"droppedNotWebRtc", t.droppedNotWebRtc},
        {"srtpRefused", srtpRefused},
        {"sendRefused", t.sendRefused},
        {"stunRejected", room.stunRejected}}},
  };
}

json workerJson(const media::WorkerSnapshot& worker) {
  json rooms = json::array();
  for (const auto& room : worker.rooms) rooms.push_back(roomJson(room));
  json out = {
      {"udpPort", worker.udpPort},
      {"udp",
       {{"datagramsReceived", worker.udp.datagramsReceived},
        {"datagramsSent", worker.udp.datagramsSent},
        {"receiveCalls", worker.udp.receiveCalls},
        {"sendCalls", worker.udp.sendCalls},
        {"sendDropped", worker.udp.sendDropped},
        {"receiveTruncated", worker.udp.receiveTruncated}}},
      {"unroutable", worker.unroutable},
      {"unsendable", worker.unsendable},
      {"rooms", std::move(rooms)},
  };
  if (worker.tcp && worker.tcpPort) {
    const auto& t = *worker.tcp;
    out["tcpPort"] = *worker.tcpPort;
    out["tcp"] = {{"connectionsAccepted", t.connectionsAccepted},
                  {"connectionsOpen", t.connectionsOpen},
                  {"rejected", t.rejectedListenerFull + t.rejectedPerIpLimit},
                  {"closedFramingError", t.closedFramingError},
                  {"closedTimeout", t.closedFirstFrameTimeout + t.closedIdleTimeout},
                  {"framesReceived", t.framesReceived},
                  {"sendDropped", t.sendDropped}};
  }
  return out;
}

http::Response mediaStatus(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = auth::Permission::MonitoringView});
  if (!principal) return errorFor(request, principal.error());
  if (context.media == nullptr) return errorFor(request, Error{"not_found", "media is not running"});
  const auto snapshot = context.media->snapshot();
  json workers = json::array();
  for (const auto& worker : snapshot.workers) workers.push_back(workerJson(worker));
  return jsonResponse(200, {{"complete", snapshot.complete}, {"workers", std::move(workers)}});
}

}  // namespace

void addAdminMediaRoutes(http::Router& router, ApiContext& context) {
  router.add(http::Method::Get, "/api/v1/admin/media",
             [&context](http::Request& r) { return mediaStatus(context, r); });
}

}  // namespace dienhong::api
