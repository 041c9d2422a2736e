#include "media/speaker/active_speaker_config.hpp"

#include <stdexcept>

#include "media/speaker/speech_activity_tracker.hpp"

namespace dienhong::media {

void ActiveSpeakerConfig::validate() const {
  constexpr int kMax = SpeechActivityTracker::kRingSize;
  auto require = [](bool ok, const char* what) {
    if (!ok) throw std::invalid_argument(what);
  };
  require(frameDuration.count() > 0, "frame duration must be positive");
  require(decisionInterval.count() > 0, "decision interval must be positive");
  require(decisionLagFrames >= 0 && decisionLagFrames <= 8, "decision lag must be within [0, 8] frames");
  require(maxPacketFrames >= 1 && maxPacketFrames <= 8, "packet span must be within [1, 8] frames");
  require(immediateBands >= 1 && immediateBands <= 64, "immediate bands must be within [1, 64]");
  require(immediateFrames >= 1 && immediateFrames <= kMax / 2, "immediate frames out of range");
  require(mediumFrames >= 1 && mediumFrames <= kMax / 2, "medium frames out of range");
  require(longBlocks >= 1 && longBlocks <= kMax, "long blocks out of range");
  require(activeFrameBands >= 1 && activeFrameBands <= immediateBands, "active frame bands out of range");
  require(activeBlockFrames >= 1 && activeBlockFrames <= mediumFrames, "active block frames out of range");
  require(speakingOnFrames >= 1 && speakingOnFrames <= mediumFrames, "speaking frames out of range");
  require(bandWidthDb > 0, "band width must be positive");
  require(minDominantTime.count() >= 0 && flappingDominantTime >= minDominantTime,
          "the flapping hold must be at least the minimum hold");
}

}  // namespace dienhong::media
