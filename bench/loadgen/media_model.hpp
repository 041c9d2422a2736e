// What a simulated endpoint sends: the simulcast layers of its camera and its microphone, sized
// like a browser's (Chromium's VP8 simulcast defaults and Opus at 20 ms frames).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dienhong::loadgen {

struct VideoLayer {
  std::string rid;
  uint16_t width = 0;
  uint16_t height = 0;
  uint32_t bitrateBps = 0;
  uint32_t framesPerSecond = 30;
};

struct MediaModel {
  std::vector<VideoLayer> layers = {
      {"l", 320, 180, 150'000, 30},
      {"m", 640, 360, 500'000, 30},
      {"h", 1280, 720, 1'500'000, 30},
  };
  uint32_t keyframeIntervalMs = 3000;
  uint32_t keyframeSizeFactor = 5;  // a keyframe is this many times a delta frame
  uint32_t maxPayloadBytes = 1100;  // RTP payload per packet (Chromium stays near 1200 on the wire)
  uint32_t audioPayloadBytes = 80;  // Opus at ~32 kbit/s in 20 ms frames
  uint32_t audioFrameMs = 20;
  // Opus DTX (RFC 7587 usedtx=1): while silent, one comfort-noise packet every 400 ms instead of
  // 50 a second, as LiveKit's and Jitsi's clients publish. Chromium's default is off.
  bool audioDtx = false;
};

}  // namespace dienhong::loadgen
