// AudioSourceId: which audio stream an audio level belongs to, as the router chooses to number
// them (a participant's index, its audio SSRC's value). A distinct type so that it cannot be
// swapped with a level or a count.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace dienhong::media {

class AudioSourceId {
 public:
  constexpr AudioSourceId() = default;
  constexpr explicit AudioSourceId(uint32_t value) : value_(value) {}

  constexpr uint32_t value() const { return value_; }

  friend constexpr bool operator==(AudioSourceId, AudioSourceId) = default;
  friend constexpr std::strong_ordering operator<=>(AudioSourceId, AudioSourceId) = default;

 private:
  uint32_t value_ = 0;
};

}  // namespace dienhong::media

template <>
struct std::hash<dienhong::media::AudioSourceId> {
  size_t operator()(dienhong::media::AudioSourceId id) const noexcept { return std::hash<uint32_t>{}(id.value()); }
};
