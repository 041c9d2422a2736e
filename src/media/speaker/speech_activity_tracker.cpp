#include "media/speaker/speech_activity_tracker.hpp"

#include <algorithm>
#include <cmath>

namespace dienhong::media {

namespace {

constexpr double kMaxLoudness = 127;
// How much of the way to a quieter level the floor moves per packet (~200 ms at 50 packets/s).
constexpr double kFloorFallPerPacket = 0.1;
// Frames kept pending ahead of the last closed one; older ones are closed as a packet arrives.
constexpr int64_t kPendingFrames = 16;

}  // namespace

SpeechActivityTracker::SpeechActivityTracker(const ActiveSpeakerConfig& config, int64_t firstFrame)
    : config_(&config),
      closedThrough_(firstFrame - 1),
      lastPacketFrame_(firstFrame - 1),
      currentBlock_(firstFrame / config.mediumFrames) {}

void SpeechActivityTracker::updateNoiseFloor(double loudness, int64_t frame) {
  const double cap = kMaxLoudness - config_->loudestNoiseFloorLevel;
  if (noiseFloor_ < 0) {
    noiseFloor_ = std::min(loudness, cap);
    return;
  }
  if (loudness < noiseFloor_) {
    noiseFloor_ += (loudness - noiseFloor_) * kFloorFallPerPacket;
  } else {
    const double seconds = std::clamp(static_cast<double>(frame - lastPacketFrame_), 0.0, 50.0) *
                           static_cast<double>(config_->frameDuration.count()) / 1000.0;
    noiseFloor_ = std::min({noiseFloor_ + config_->noiseFloorRiseDbPerSecond * seconds, loudness, cap});
  }
}

int SpeechActivityTracker::bands(uint8_t level, bool voiceActivity) const {
  if (config_->useVoiceActivityFlag && voiceActivitySeen_ && !voiceActivity) return 0;
  const double loudness = kMaxLoudness - std::min<uint8_t>(level, 127);
  const double threshold = std::max(kMaxLoudness - config_->quietestSpeechLevel, noiseFloor_ + config_->noiseMarginDb);
  if (loudness < threshold) return 0;
  const int graded = 1 + static_cast<int>(std::floor((loudness - threshold) / config_->bandWidthDb));
  return std::min(graded, config_->immediateBands);
}

void SpeechActivityTracker::onLevel(int64_t frame, uint8_t level, bool voiceActivity) {
  if (frame <= closedThrough_) {
    ++late_;
    return;
  }
  if (frame - closedThrough_ > kPendingFrames) advanceTo(frame - kPendingFrames);
  if (voiceActivity) voiceActivitySeen_ = true;
  // The level is judged against the floor as it was, then teaches the floor.
  const int value = bands(level, voiceActivity);
  updateNoiseFloor(kMaxLoudness - std::min<uint8_t>(level, 127), frame);
  // The packet speaks for the frames since the previous packet, up to maxPacketFrames.
  const int64_t from = std::max({lastPacketFrame_ + 1, frame - config_->maxPacketFrames + 1, closedThrough_ + 1});
  for (int64_t f = std::min(from, frame); f <= frame; ++f) {
    pending_[slot(f)] = static_cast<uint8_t>(std::max<int>(pending_[slot(f)], value));
  }
  lastPacketFrame_ = std::max(lastPacketFrame_, frame);
}

void SpeechActivityTracker::reset(int64_t frame) {
  frames_.fill(0);
  pending_.fill(0);
  blocks_.fill(0);
  mediumCount_ = 0;
  longCount_ = 0;
  blockCount_ = 0;
  closedThrough_ = frame - 1;
  currentBlock_ = frame / config_->mediumFrames;
}

void SpeechActivityTracker::closeFrame(int64_t frame, uint8_t value) {
  const int64_t block = frame / config_->mediumFrames;
  if (block != currentBlock_) {
    // Frames close one by one, so this is the next block: the previous one is complete.
    const int64_t leaving = currentBlock_ - (config_->longBlocks - 1);
    const uint8_t active = blockCount_ >= config_->activeBlockFrames ? 1 : 0;
    if (config_->longBlocks > 1) {
      longCount_ -= blocks_[slot(leaving)];
      blocks_[slot(currentBlock_)] = active;
      longCount_ += active;
    }
    currentBlock_ = block;
    blockCount_ = 0;
  }
  const bool active = value >= config_->activeFrameBands;
  const uint8_t leavingValue = frames_[slot(frame - config_->mediumFrames)];
  if (leavingValue >= config_->activeFrameBands) --mediumCount_;
  frames_[slot(frame)] = value;
  if (active) {
    ++mediumCount_;
    ++blockCount_;
    lastActiveFrame_ = frame;
  }
  closedThrough_ = frame;
}

void SpeechActivityTracker::advanceTo(int64_t frame) {
  if (frame - 1 <= closedThrough_) return;
  // After a long silence nothing of the windows survives: start over rather than close frame by
  // frame (a stream may be silent for an hour).
  const int64_t span = static_cast<int64_t>(config_->mediumFrames) * (config_->longBlocks + 1) + kRingSize;
  if (frame - 1 - closedThrough_ > span) reset(frame - kPendingFrames);
  for (int64_t f = closedThrough_ + 1; f < frame; ++f) {
    const uint8_t value = pending_[slot(f)];
    pending_[slot(f)] = 0;
    closeFrame(f, value);
  }
}

int SpeechActivityTracker::immediateBands() const {
  int loudest = 0;
  for (int i = 0; i < config_->immediateFrames; ++i) loudest = std::max<int>(loudest, frames_[slot(closedThrough_ - i)]);
  return loudest;
}

int SpeechActivityTracker::longActiveBlocks() const {
  const int partial = blockCount_ >= config_->activeBlockFrames ? 1 : 0;
  if (config_->longBlocks == 1) return partial;
  return longCount_ + partial;
}

}  // namespace dienhong::media
