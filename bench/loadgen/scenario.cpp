#include "loadgen/scenario.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace dienhong::loadgen {
namespace {

using nlohmann::json;

Error invalid(const std::string& message) { return Error{"invalid_scenario", message}; }

// An unsigned member within [min, max], or the default when absent.
Result<uint32_t> count(const json& j, const char* key, uint32_t fallback, uint32_t min, uint32_t max) {
  if (!j.contains(key)) return fallback;
  const auto& v = j.at(key);
  if (!v.is_number_unsigned() || v.get<uint64_t>() < min || v.get<uint64_t>() > max) {
    return invalid(std::string(key) + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return static_cast<uint32_t>(v.get<uint64_t>());
}

}  // namespace

Result<Scenario> Scenario::parse(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return invalid("the scenario is not a JSON object");
  Scenario s;
  if (!j.contains("name") || !j["name"].is_string()) return invalid("name must be a string");
  s.name = j["name"].get<std::string>();
  if (j.contains("description") && j["description"].is_string()) s.description = j["description"].get<std::string>();

  auto rooms = count(j, "rooms", 1, 1, 100);
  auto endpoints = count(j, "endpointsPerRoom", 10, 2, 1000);
  auto videoPublishers = count(j, "videoPublishersPerRoom", 0, 0, 1000);
  auto shown = count(j, "shownVideos", 0, 0, 1000);
  auto warmup = count(j, "warmupSeconds", 5, 0, 3600);
  auto duration = count(j, "durationSeconds", 30, 1, 7 * 24 * 3600);
  auto speaker = count(j, "speakerPeriodMs", 4000, 100, 3'600'000);
  auto ramp = count(j, "rampMs", 100, 0, 10'000);
  auto freeze = count(j, "freezeThresholdMs", 500, 50, 10'000);
  auto connect = count(j, "connectTimeoutSeconds", 60, 5, 600);
  for (const auto* r : {&rooms, &endpoints, &videoPublishers, &shown, &warmup, &duration, &speaker, &ramp, &freeze, &connect}) {
    if (!*r) return r->error();
  }
  s.rooms = *rooms;
  s.endpointsPerRoom = *endpoints;
  s.videoPublishersPerRoom = *videoPublishers;
  s.shownVideos = *shown;
  s.warmup = std::chrono::seconds(*warmup);
  s.duration = std::chrono::seconds(*duration);
  s.speakerPeriod = std::chrono::milliseconds(*speaker);
  s.ramp = std::chrono::milliseconds(*ramp);
  s.freezeThreshold = std::chrono::milliseconds(*freeze);
  s.connectTimeout = std::chrono::seconds(*connect);

  if (j.contains("media")) {
    const auto& m = j["media"];
    if (!m.is_object()) return invalid("media must be an object");
    auto keyframe = count(m, "keyframeIntervalMs", s.media.keyframeIntervalMs, 100, 600'000);
    auto factor = count(m, "keyframeSizeFactor", s.media.keyframeSizeFactor, 1, 50);
    auto payload = count(m, "maxPayloadBytes", s.media.maxPayloadBytes, 200, 1200);
    auto audio = count(m, "audioPayloadBytes", s.media.audioPayloadBytes, 20, 400);
    for (const auto* r : {&keyframe, &factor, &payload, &audio}) {
      if (!*r) return r->error();
    }
    s.media.keyframeIntervalMs = *keyframe;
    s.media.keyframeSizeFactor = *factor;
    s.media.maxPayloadBytes = *payload;
    s.media.audioPayloadBytes = *audio;
    if (m.contains("audioDtx")) {
      if (!m["audioDtx"].is_boolean()) return invalid("media.audioDtx must be true or false");
      s.media.audioDtx = m["audioDtx"].get<bool>();
    }
    if (m.contains("layers")) {
      if (!m["layers"].is_array() || m["layers"].empty() || m["layers"].size() > 3) {
        return invalid("media.layers must list one to three layers");
      }
      s.media.layers.clear();
      for (const auto& l : m["layers"]) {
        if (!l.is_object() || !l.contains("rid") || !l["rid"].is_string()) return invalid("each layer needs a rid");
        for (const char* key : {"width", "height", "bitrateBps"}) {
          if (!l.contains(key)) return invalid(std::string("each layer needs ") + key);
        }
        auto width = count(l, "width", 0, 16, 4096);
        auto height = count(l, "height", 0, 16, 4096);
        auto bitrate = count(l, "bitrateBps", 0, 10'000, 20'000'000);
        auto fps = count(l, "framesPerSecond", 30, 1, 60);
        for (const auto* r : {&width, &height, &bitrate, &fps}) {
          if (!*r) return r->error();
        }
        const auto rid = l["rid"].get<std::string>();
        if (rid.empty() || rid.size() > 16) return invalid("a rid has 1 to 16 characters");
        s.media.layers.push_back({rid, static_cast<uint16_t>(*width), static_cast<uint16_t>(*height), *bitrate, *fps});
      }
    }
  }
  return s;
}

Result<Scenario> Scenario::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return invalid("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str());
}

}  // namespace dienhong::loadgen
