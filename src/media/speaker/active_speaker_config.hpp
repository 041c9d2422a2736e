// ActiveSpeakerConfig: the settings of dominant speaker identification (active_speaker_detector.hpp),
// with defaults for meetings. Time is cut into 20 ms frames (one Opus packet each); the three
// time intervals of Volfin & Cohen (2013) are built on them:
//   immediate - the loudest frame of the last 100 ms, graded into up to 13 loudness bands (the
//               paper counts active frequency sub-bands of one frame; RFC 6464 gives only a
//               level, so louder-above-the-noise stands in for more-sub-bands-active);
//   medium    - how many of the last 10 frames (200 ms, about a syllable) were active;
//   long      - how many of the last 10 blocks of 10 frames (2 s, a phrase) were active, a block
//               being active when at least half its frames were (speech is voiced most of the
//               time; typing and clicks are not, however loud).
// A stream takes the floor only if its score beats the dominant speaker's in all three by the
// margins below. With these defaults: a first speaker needs ~4 active blocks (~0.7-0.9 s of
// speech); a noise shorter than ~0.5 s can never score on the long interval; and a new speaker
// takes over about 1.2 s after the old one falls silent, never while the old one keeps talking.
#pragma once

#include <chrono>
#include <cstdint>

namespace dienhong::media {

struct ActiveSpeakerConfig {
  std::chrono::milliseconds frameDuration{20};
  std::chrono::milliseconds decisionInterval{100};
  // Decisions look at frames this old or older, so that a packet delayed by jitter (or covering
  // 60 ms, the longest Opus packet) is counted before its frames are judged.
  int decisionLagFrames = 3;
  // A packet covers up to this many frames since the previous one (Opus packets of up to 60 ms);
  // frames beyond are silence (DTX sends nothing while quiet).
  int maxPacketFrames = 3;

  // Level to activity. RFC 6464 levels are -dBov: 0 is loudest, 127 silence.
  uint8_t quietestSpeechLevel = 70;    // anything quieter is never speech
  double noiseMarginDb = 10;           // speech must be this far above the stream's noise floor
  double noiseFloorRiseDbPerSecond = 2;
  uint8_t loudestNoiseFloorLevel = 50;  // the floor never rises above this, however loud the room
  double bandWidthDb = 2;               // loudness per immediate band
  // Honour the RFC 6464 voice activity bit once a stream has set it at least once (clients that
  // never set it are judged by level alone).
  bool useVoiceActivityFlag = true;

  // The intervals (the paper's N1, N2, N3 and its two activity thresholds).
  int immediateBands = 13;
  int immediateFrames = 5;
  int mediumFrames = 10;      // also the length of a long-interval block
  int activeFrameBands = 1;   // a frame is active with at least this many bands
  int longBlocks = 10;
  int activeBlockFrames = 5;  // a block is active with at least this many active frames

  // The speech activity score of each interval (speech_activity_score.hpp) and the margins a
  // challenger must beat the dominant speaker by (the paper's C1, C2, C3).
  double speechProbability = 0.5;
  double immediateLambda = 1.5;
  double mediumLambda = 2.0;
  double longLambda = 2.0;
  double immediateMargin = 3.0;
  double mediumMargin = 2.0;
  double longMargin = 3.5;
  // The guard against flapping. Turn-taking faster than the long interval can tell apart from a
  // change of speaker (two people trading ~1 s turns) would move the floor at every turn. So the
  // floor stays at least minDominantTime after it moved; each move between two speakers that
  // comes within flappingWindow of the previous one doubles that hold, up to
  // flappingDominantTime; a calm flappingWindow brings it back. A conversation with turns of a
  // few seconds thus switches within ~1.2 s, a rapid back-and-forth at most every 4 s. Removal
  // of the dominant stream is exempt.
  std::chrono::milliseconds minDominantTime{1000};
  std::chrono::milliseconds flappingDominantTime{4000};
  std::chrono::milliseconds flappingWindow{8000};

  // The per-stream "speaking now" indicator: on with this many active frames of the last
  // mediumFrames, off after this long without an active frame.
  int speakingOnFrames = 3;
  std::chrono::milliseconds speakingHangover{500};

  // Throws std::invalid_argument for settings outside what the fixed-size state can hold.
  void validate() const;
};

}  // namespace dienhong::media
