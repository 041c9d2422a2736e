// RFC 8285 element walking; see rtp_header_extensions.hpp.
#include "media/rtp/rtp_header_extensions.hpp"

namespace dienhong::media {

RtpExtensionBlock::Iterator RtpExtensionBlock::begin() const {
  Iterator it;
  it.reader_ = ByteReader(data_);
  it.form_ = form_;
  it.done_ = false;
  it.advance();
  return it;
}

void RtpExtensionBlock::Iterator::advance() {
  if (form_ == RtpExtensionForm::kOther) {
    done_ = true;
    return;
  }
  while (auto first = reader_.u8()) {
    // RFC 8285 §4.1.1: a zero byte is padding in both forms and may sit between elements.
    if (*first == 0) continue;
    size_t size = 0;
    if (form_ == RtpExtensionForm::kOneByte) {
      current_.id = static_cast<uint8_t>(*first >> 4);
      size = static_cast<size_t>(*first & 0x0F) + 1;
      // ID 15 is reserved and stops processing (§4.2); ID 0 with a non-zero length is neither
      // padding nor an element.
      if (current_.id == 15 || current_.id == 0) break;
    } else {
      current_.id = *first;
      auto length = reader_.u8();
      if (!length) break;
      size = *length;
    }
    auto data = reader_.bytes(size);
    if (!data) break;
    current_.data = *data;
    return;
  }
  done_ = true;
}

}  // namespace dienhong::media
