// SpeechActivityTracker: one audio stream's recent speech activity, from the RFC 6464 audio level
// (and voice activity bit) of each packet, on the frame / block timeline of Volfin & Cohen's three
// intervals (active_speaker_config.hpp). Per packet it grades the level into loudness bands above
// the stream's noise floor; frames are closed in time order, packets or not (silence sends
// nothing under DTX), into fixed rings with running counts, so that the immediate, medium and
// long activity are read in constant time. Fixed size: no allocation after construction.
//
// The noise floor is a slow minimum tracker: it follows a quieter level within ~200 ms and rises
// by at most 2 dB/s, so a fan or a noisy room is learnt in seconds while the pauses of speech keep
// pulling the floor back down; it is capped so that a loud room never hides a speaker.
#pragma once

#include <array>
#include <cstdint>

#include "media/speaker/active_speaker_config.hpp"

namespace dienhong::media {

class SpeechActivityTracker {
 public:
  static constexpr int kRingSize = 64;

  // `config` must outlive the tracker; `firstFrame` is the frame the stream appeared in.
  SpeechActivityTracker(const ActiveSpeakerConfig& config, int64_t firstFrame);

  // One packet's level and voice activity bit, in frame `frame`. A packet for a frame already
  // judged is ignored.
  void onLevel(int64_t frame, uint8_t level, bool voiceActivity);

  // Closes every frame before `frame`.
  void advanceTo(int64_t frame);

  // Read after advanceTo: the loudest band of the last immediateFrames frames, the active frames
  // among the last mediumFrames, the active blocks among the last longBlocks (the block in
  // progress counting once it has enough active frames).
  int immediateBands() const;
  int mediumActiveFrames() const { return mediumCount_; }
  int longActiveBlocks() const;

  // The last closed frame that was active, or -1 if none ever was.
  int64_t lastActiveFrame() const { return lastActiveFrame_; }
  int64_t closedThrough() const { return closedThrough_; }
  double noiseFloorDb() const { return noiseFloor_; }
  int64_t lateLevels() const { return late_; }

 private:
  static size_t slot(int64_t index) { return static_cast<size_t>(((index % kRingSize) + kRingSize) % kRingSize); }
  int bands(uint8_t level, bool voiceActivity) const;
  void updateNoiseFloor(double loudness, int64_t frame);
  void closeFrame(int64_t frame, uint8_t value);
  void reset(int64_t frame);

  const ActiveSpeakerConfig* config_;  // a pointer, so that trackers can be assigned
  std::array<uint8_t, kRingSize> frames_{};   // band count of each closed frame
  std::array<uint8_t, kRingSize> pending_{};  // band count so far of frames not yet closed
  std::array<uint8_t, kRingSize> blocks_{};   // 1 for each complete active block
  int64_t closedThrough_;
  int64_t lastPacketFrame_;
  int64_t lastActiveFrame_ = -1;
  int64_t currentBlock_;
  int blockCount_ = 0;  // active frames in the block in progress
  int mediumCount_ = 0;
  int longCount_ = 0;   // active complete blocks among the last longBlocks - 1
  double noiseFloor_ = -1;  // loudness (127 - level) in dB; negative until the first packet
  bool voiceActivitySeen_ = false;
  int64_t late_ = 0;
};

}  // namespace dienhong::media
