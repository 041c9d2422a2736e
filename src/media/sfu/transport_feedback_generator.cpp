// Transport-wide congestion control feedback toward a publisher; see
// transport_feedback_generator.hpp.
#include "media/sfu/transport_feedback_generator.hpp"

#include "common/byte_reader.hpp"

namespace dienhong::media {

namespace {

constexpr int64_t kTickMicros = TransportFeedback::kDeltaTickMicros;
constexpr int64_t kReferenceMicros = TransportFeedback::kReferenceTimeTickMicros;
constexpr int64_t kTicksPerReference = kReferenceMicros / kTickMicros;

int64_t floorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

TransportFeedbackGenerator::TransportFeedbackGenerator() : slots_(kWindow) {
  message_.reserve(kMaxPacketsPerMessage);
}

void TransportFeedbackGenerator::onPacket(SequenceNumber transportSequence, Ssrc mediaSsrc,
                                          Clock::time_point arrival) {
  const int64_t sequence = unwrapper_.unwrap(transportSequence);
  const int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(arrival.time_since_epoch()).count();
  mediaSsrc_ = mediaSsrc;
  if (!started_) {
    started_ = true;
    nextToReport_ = sequence;
    highest_ = sequence;
  }
  if (sequence < nextToReport_) return;  // reported as lost already: too late to say otherwise
  if (sequence > highest_) highest_ = sequence;
  // Never report further back than the ring remembers: older unreported packets are lost.
  if (highest_ - nextToReport_ >= static_cast<int64_t>(kWindow)) nextToReport_ = highest_ - static_cast<int64_t>(kWindow) + 1;
  if (sequence < nextToReport_) return;
  slots_[static_cast<size_t>(sequence) & (kWindow - 1)] = Slot{sequence, micros};
}

std::optional<size_t> TransportFeedbackGenerator::writeFeedback(Ssrc senderSsrc, std::span<uint8_t> out) {
  if (!pending()) return std::nullopt;
  message_.clear();
  // The reference time is that of the first packet received in the range (there is one: the
  // highest sequence number was received); the base is the first unreported number either way.
  int64_t first = nextToReport_;
  while (first <= highest_ && !received(first)) ++first;
  if (first > highest_) {
    nextToReport_ = highest_ + 1;
    return std::nullopt;
  }
  const int64_t reference = floorDiv(received(first)->arrivalMicros, kReferenceMicros);
  int64_t previousTicks = reference * kTicksPerReference;
  if (!received(nextToReport_)) {
    message_.push_back(TransportFeedbackPacket{SequenceNumber(static_cast<uint16_t>(nextToReport_)), false, 0});
  }
  int64_t last = nextToReport_;
  for (int64_t s = first; s <= highest_ && message_.size() < kMaxPacketsPerMessage; ++s) {
    const Slot* slot = received(s);
    if (!slot) continue;
    const int64_t ticks = floorDiv(slot->arrivalMicros, kTickMicros);
    const int64_t delta = ticks - previousTicks;
    // A delta that does not fit 16 bits ends this message; the next one starts a new reference.
    if (delta < TransportFeedback::kMinDeltaTicks || delta > TransportFeedback::kMaxDeltaTicks) break;
    message_.push_back(TransportFeedbackPacket{SequenceNumber(static_cast<uint16_t>(s)), true, static_cast<int32_t>(delta)});
    previousTicks = ticks;
    last = s;
  }
  // The 24-bit reference time wraps; the sender unwraps it.
  int32_t referenceTime = static_cast<int32_t>(reference & 0xFFFFFF);
  if (referenceTime > TransportFeedback::kMaxReferenceTime) referenceTime -= 1 << 24;
  const auto feedback = TransportFeedback::fromPackets(senderSsrc, mediaSsrc_, referenceTime, feedbackCount_, message_);
  if (!feedback) {
    nextToReport_ = last + 1;  // cannot happen for what was built above; never loop on it
    return std::nullopt;
  }
  ByteWriter writer(out);
  if (feedback->serializedSize() > out.size() || !feedback->serialize(writer)) return std::nullopt;
  ++feedbackCount_;
  nextToReport_ = last + 1;
  return writer.size();
}

}  // namespace dienhong::media
