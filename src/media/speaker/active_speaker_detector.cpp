#include "media/speaker/active_speaker_detector.hpp"

#include <algorithm>
#include <tuple>

namespace dienhong::media {

namespace {

const ActiveSpeakerConfig& validated(const ActiveSpeakerConfig& config) {
  config.validate();
  return config;
}

// Frame numbers start here rather than at 0 so that "before the first frame" is still a valid,
// positive frame number for every window.
constexpr int64_t kFirstFrame = 1'000'000;

}  // namespace

ActiveSpeakerDetector::ActiveSpeakerDetector(const ActiveSpeakerConfig& config)
    : config_(validated(config)),
      immediateScore_(config.immediateBands, config.speechProbability, config.immediateLambda),
      mediumScore_(config.mediumFrames, config.speechProbability, config.mediumLambda),
      longScore_(config.longBlocks, config.speechProbability, config.longLambda),
      hold_(config.minDominantTime) {}

int64_t ActiveSpeakerDetector::frameIndex(Clock::time_point now) {
  if (!epoch_) epoch_ = now;
  const auto elapsed = now - *epoch_;
  return kFirstFrame + elapsed / config_.frameDuration;
}

ActiveSpeakerDetector::Source* ActiveSpeakerDetector::find(AudioSourceId id) {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &sources_[it->second];
}

const ActiveSpeakerDetector::Source* ActiveSpeakerDetector::find(AudioSourceId id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &sources_[it->second];
}

void ActiveSpeakerDetector::addSource(AudioSourceId source, Clock::time_point now) {
  if (find(source)) return;
  const int64_t frame = frameIndex(now);
  index_.emplace(source, sources_.size());
  sources_.push_back(Source{source, SpeechActivityTracker(config_, frame)});
}

void ActiveSpeakerDetector::removeSource(AudioSourceId source, Clock::time_point now) {
  auto it = index_.find(source);
  if (it == index_.end()) return;
  const size_t position = it->second;
  index_.erase(it);
  if (position + 1 != sources_.size()) {
    sources_[position] = sources_.back();  // the last source fills the hole
    index_[sources_[position].id] = position;
  }
  sources_.pop_back();
  if (dominant_ != source) return;

  // Hand the floor to the most active remaining stream, most recent speech breaking ties.
  const int64_t frame = frameIndex(now) - config_.decisionLagFrames;
  Source* successor = nullptr;
  for (Source& candidate : sources_) {
    refresh(candidate, frame);
    if (candidate.tracker.lastActiveFrame() < 0) continue;
    auto rank = [](const Source& s) {
      return std::make_tuple(s.scores[2], s.scores[1], s.scores[0], s.tracker.lastActiveFrame());
    };
    if (!successor || rank(candidate) > rank(*successor)) successor = &candidate;
  }
  setDominant(successor ? std::optional(successor->id) : std::nullopt, now, true);
}

void ActiveSpeakerDetector::onAudioLevel(AudioSourceId source, uint8_t level, bool voiceActivity,
                                         Clock::time_point now) {
  Source* s = find(source);
  if (!s) {
    ++ignoredLevels_;
    return;
  }
  s->tracker.onLevel(frameIndex(now), level, voiceActivity);
  process(now);
}

void ActiveSpeakerDetector::process(Clock::time_point now) {
  if (!nextDecision_) nextDecision_ = now + config_.decisionInterval;
  if (now < *nextDecision_) return;
  decide(now);
  while (*nextDecision_ <= now) *nextDecision_ += config_.decisionInterval;
}

void ActiveSpeakerDetector::refresh(Source& source, int64_t frame) {
  source.tracker.advanceTo(frame + 1);
  source.scores[0] = immediateScore_(source.tracker.immediateBands());
  source.scores[1] = mediumScore_(source.tracker.mediumActiveFrames());
  source.scores[2] = longScore_(source.tracker.longActiveBlocks());
}

void ActiveSpeakerDetector::decide(Clock::time_point now) {
  const int64_t frame = frameIndex(now) - config_.decisionLagFrames;
  const int64_t hangoverFrames = config_.speakingHangover / config_.frameDuration;
  const Source* dominant = nullptr;
  for (Source& source : sources_) {
    refresh(source, frame);
    const auto& tracker = source.tracker;
    bool speaking = source.speaking;
    if (tracker.mediumActiveFrames() >= config_.speakingOnFrames) {
      speaking = true;
    } else if (tracker.lastActiveFrame() < 0 || tracker.closedThrough() - tracker.lastActiveFrame() > hangoverFrames) {
      speaking = false;
    }
    if (speaking != source.speaking) {
      source.speaking = speaking;
      if (speakingListener_) speakingListener_(source.id, speaking);
    }
    if (dominant_ == source.id) dominant = &source;
  }

  if (dominant && lastSwitch_ && now - *lastSwitch_ < hold_) return;
  // Without a dominant speaker, a first one must beat silence by the same margins.
  static constexpr std::array<double, 3> kSilent{};
  const std::array<double, 3>& reference = dominant ? dominant->scores : kSilent;
  const std::array<double, 3> margins{config_.immediateMargin, config_.mediumMargin, config_.longMargin};
  const Source* best = nullptr;
  double bestLead = 0;
  for (const Source& candidate : sources_) {
    if (&candidate == dominant) continue;
    bool beats = true;
    for (size_t i = 0; i < 3 && beats; ++i) beats = candidate.scores[i] - reference[i] > margins[i];
    if (!beats) continue;
    const double lead = candidate.scores[1] - reference[1];
    if (!best || lead > bestLead) {
      best = &candidate;
      bestLead = lead;
    }
  }
  if (best) setDominant(best->id, now, false);
}

void ActiveSpeakerDetector::setDominant(std::optional<AudioSourceId> next, Clock::time_point now, bool byRemoval) {
  if (next == dominant_) return;
  const auto previous = dominant_;
  if (!byRemoval && previous) {
    // A move between two speakers soon after the previous move: the floor is flapping.
    const bool quick = lastSwitch_ && now - *lastSwitch_ < config_.flappingWindow;
    hold_ = quick ? std::min(2 * hold_, config_.flappingDominantTime) : config_.minDominantTime;
  }
  dominant_ = next;
  lastSwitch_ = now;
  ++dominantChanges_;
  if (dominantListener_) dominantListener_(previous, next);
}

bool ActiveSpeakerDetector::isSpeaking(AudioSourceId source) const {
  const Source* s = find(source);
  return s && s->speaking;
}

std::optional<SpeakerActivity> ActiveSpeakerDetector::activity(AudioSourceId source) const {
  const Source* s = find(source);
  if (!s) return std::nullopt;
  SpeakerActivity a;
  a.immediateBands = s->tracker.immediateBands();
  a.mediumActiveFrames = s->tracker.mediumActiveFrames();
  a.longActiveBlocks = s->tracker.longActiveBlocks();
  a.immediateScore = s->scores[0];
  a.mediumScore = s->scores[1];
  a.longScore = s->scores[2];
  a.speaking = s->speaking;
  a.noiseFloorDb = s->tracker.noiseFloorDb();
  return a;
}

}  // namespace dienhong::media
