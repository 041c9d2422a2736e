// ActiveSpeakerDetector: dominant speaker identification for a room, after Volfin & Cohen,
// "Dominant speaker identification for multipoint videoconferencing", Computer Speech and
// Language 27 (2013) 895-910 - the method Jitsi Videobridge also builds on.
//
// Why this method: the loudest-stream rule switches on every cough, and a plain hold-time on top
// of it trades flapping for sluggishness. Volfin & Cohen judge each stream on three time scales
// at once (speech_activity_tracker.hpp): immediate (is it talking now?), medium (has it been
// talking for a syllable?) and long (for a phrase?), each turned into a likelihood-ratio score of
// speech against non-speech (speech_activity_score.hpp). The floor moves only to a stream that
// beats the dominant speaker on all three by a margin, so that
//   - a transient (cough, door, keyboard) wins the immediate and perhaps the medium interval but
//     never the long one;
//   - two people talking over each other do not trade the floor: the one holding it keeps it
//     while it keeps talking (on the long interval the challenger cannot pull ahead);
//   - when the dominant speaker stops, a challenger who keeps talking wins all three within
//     about a second;
//   - silence changes nothing: no one beats the dominant speaker.
// Among several challengers that qualify, the one furthest ahead on the medium interval wins.
// Turn-taking too quick for the intervals to tell from a change of speaker is damped by a hold
// that grows while the floor keeps moving (active_speaker_config.hpp).
//
// The SFU feeds the RFC 6464 level of every audio packet (onAudioLevel) and calls process() on
// a timer (say every 100 ms) so that decisions continue while everyone is silent (DTX sends
// nothing). Decisions run every decisionInterval. Events are delivered synchronously from
// onAudioLevel / process / removeSource through the listeners. Per stream the state is fixed-size;
// only addSource allocates.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "media/speaker/active_speaker_config.hpp"
#include "media/speaker/audio_source_id.hpp"
#include "media/speaker/speech_activity_score.hpp"
#include "media/speaker/speech_activity_tracker.hpp"

namespace dienhong::media {

// One stream's standing, for statistics and debugging.
struct SpeakerActivity {
  int immediateBands = 0;
  int mediumActiveFrames = 0;
  int longActiveBlocks = 0;
  double immediateScore = 0;
  double mediumScore = 0;
  double longScore = 0;
  bool speaking = false;
  double noiseFloorDb = 0;
};

class ActiveSpeakerDetector {
 public:
  using Clock = std::chrono::steady_clock;
  using DominantSpeakerListener =
      std::function<void(std::optional<AudioSourceId> previous, std::optional<AudioSourceId> current)>;
  using SpeakingListener = std::function<void(AudioSourceId source, bool speaking)>;

  // Throws std::invalid_argument for an invalid configuration.
  explicit ActiveSpeakerDetector(const ActiveSpeakerConfig& config = {});
  // Its streams refer to its configuration: it stays where it was made.
  ActiveSpeakerDetector(const ActiveSpeakerDetector&) = delete;
  ActiveSpeakerDetector& operator=(const ActiveSpeakerDetector&) = delete;

  void setDominantSpeakerListener(DominantSpeakerListener listener) { dominantListener_ = std::move(listener); }
  void setSpeakingListener(SpeakingListener listener) { speakingListener_ = std::move(listener); }

  // Adding a source twice is harmless.
  void addSource(AudioSourceId source, Clock::time_point now);
  // Removing the dominant speaker hands the floor to the stream with the most recent speech
  // activity (none if no remaining stream has ever been active).
  void removeSource(AudioSourceId source, Clock::time_point now);

  // One received audio packet's RFC 6464 level (0 loudest .. 127 silence, -dBov) and voice
  // activity bit. Levels of unknown sources are counted and ignored.
  void onAudioLevel(AudioSourceId source, uint8_t level, bool voiceActivity, Clock::time_point now);
  // Runs a decision if one is due.
  void process(Clock::time_point now);

  std::optional<AudioSourceId> dominantSpeaker() const { return dominant_; }
  bool isSpeaking(AudioSourceId source) const;
  std::optional<SpeakerActivity> activity(AudioSourceId source) const;
  size_t sourceCount() const { return sources_.size(); }
  int64_t ignoredLevels() const { return ignoredLevels_; }
  int64_t dominantChanges() const { return dominantChanges_; }

 private:
  struct Source {
    AudioSourceId id;
    SpeechActivityTracker tracker;
    bool speaking = false;
    std::array<double, 3> scores{};  // immediate, medium, long
  };

  int64_t frameIndex(Clock::time_point now);
  void decide(Clock::time_point now);
  void refresh(Source& source, int64_t frame);
  void setDominant(std::optional<AudioSourceId> next, Clock::time_point now, bool byRemoval);
  Source* find(AudioSourceId id);
  const Source* find(AudioSourceId id) const;

  ActiveSpeakerConfig config_;
  SpeechActivityScore immediateScore_;
  SpeechActivityScore mediumScore_;
  SpeechActivityScore longScore_;
  std::vector<Source> sources_;
  std::unordered_map<AudioSourceId, size_t> index_;
  std::optional<AudioSourceId> dominant_;
  std::optional<Clock::time_point> epoch_;
  std::optional<Clock::time_point> nextDecision_;
  std::optional<Clock::time_point> lastSwitch_;
  std::chrono::milliseconds hold_;
  DominantSpeakerListener dominantListener_;
  SpeakingListener speakingListener_;
  int64_t ignoredLevels_ = 0;
  int64_t dominantChanges_ = 0;
};

}  // namespace dienhong::media
