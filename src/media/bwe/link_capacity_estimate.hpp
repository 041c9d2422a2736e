// LinkCapacityEstimate: the "average max bitrate" of draft-ietf-rmcat-gcc-02 §5.5, the receive
// rate measured each time the path was found over-used, averaged, with its variance. While the
// measured throughput stays within three standard deviations of it we are near the link's
// capacity and the rate controller increases additively; once the throughput leaves that band the
// capacity has changed and the average is forgotten, so the controller increases
// multiplicatively again. Averaged in kbit/s: the variance is normalised by the average, so its
// clamp ([0.4, 2.5] kbit/s) only has the intended width at that scale.
#pragma once

#include <cstdint>
#include <optional>

namespace dienhong::media {

class LinkCapacityEstimate {
 public:
  // A rate measured when over-use was detected.
  void onOveruse(int64_t bitrate) { update(bitrate, 0.05); }
  // A rate a probe proved: trusted more than one over-use sample.
  void onProbe(int64_t bitrate) { update(bitrate, 0.5); }
  void reset() { estimateKbps_.reset(); }

  bool known() const { return estimateKbps_.has_value(); }
  std::optional<int64_t> estimate() const;
  int64_t upperBound() const;  // only meaningful when known()
  int64_t lowerBound() const;

 private:
  void update(int64_t bitrate, double alpha);
  double spreadKbps() const;

  std::optional<double> estimateKbps_;
  double deviation_ = 0.4;
};

}  // namespace dienhong::media
