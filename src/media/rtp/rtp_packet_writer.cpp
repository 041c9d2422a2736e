// RTP packet serialisation, RFC 3550 §5.1 / §5.3.1 and RFC 8285 §4.2-4.3; see
// rtp_packet_writer.hpp.
#include "media/rtp/rtp_packet_writer.hpp"

#include "common/byte_reader.hpp"
#include "media/rtp/rtp_packet_view.hpp"

namespace dienhong::media {

namespace {

constexpr size_t kMaxExtensionWords = 0xFFFF;

constexpr size_t roundUpToWord(size_t size) { return (size + 3) & ~size_t{3}; }

}  // namespace

template <class Visit>
void RtpPacketWriter::forEachExtension(Visit&& visit) const {
  if (extensionsFromBlock_) {
    for (const RtpExtension& extension : block_) visit(extension);
  } else {
    for (const RtpExtension& extension : extensions_) visit(extension);
  }
}

std::optional<RtpPacketWriter::ExtensionLayout> RtpPacketWriter::extensionLayout() const {
  ExtensionLayout layout;
  if (rawProfile_) {
    if (rawExtension_.size() % 4 != 0 || rawExtension_.size() / 4 > kMaxExtensionWords) {
      return std::nullopt;
    }
    layout.present = true;
    layout.profile = *rawProfile_;
    layout.blockSize = rawExtension_.size();
    return layout;
  }

  size_t count = 0;
  size_t dataSize = 0;
  bool oneByteFits = !forceTwoByte_;
  bool twoByteFits = true;
  forEachExtension([&](const RtpExtension& extension) {
    ++count;
    dataSize += extension.data.size();
    if (extension.id == 0 || extension.id > kMaxOneByteExtensionId || extension.data.empty() ||
        extension.data.size() > kMaxOneByteExtensionSize) {
      oneByteFits = false;
    }
    if (extension.id == 0 || extension.data.size() > kMaxTwoByteExtensionSize) twoByteFits = false;
  });
  if (count == 0) return layout;  // no block at all, X bit clear
  if (!oneByteFits && !twoByteFits) return std::nullopt;

  layout.present = true;
  layout.profile = oneByteFits ? kOneByteExtensionProfile : kTwoByteExtensionProfile;
  layout.blockSize = roundUpToWord(dataSize + count * (oneByteFits ? 1 : 2));
  if (layout.blockSize / 4 > kMaxExtensionWords) return std::nullopt;
  return layout;
}

std::optional<size_t> RtpPacketWriter::size() const {
  if (payloadType_ > kMaxPayloadType || csrcs_.size() > kMaxCsrcCount) return std::nullopt;
  auto layout = extensionLayout();
  if (!layout) return std::nullopt;
  size_t total = kRtpFixedHeaderSize + csrcs_.size() * 4;
  if (layout->present) total += 4 + layout->blockSize;
  return total + payload_.size() + paddingSize_;
}

std::optional<size_t> RtpPacketWriter::write(std::span<uint8_t> out) const {
  auto expected = size();
  if (!expected || out.size() < *expected) return std::nullopt;
  const auto layout = *extensionLayout();

  ByteWriter writer(out);
  writer.u8(static_cast<uint8_t>((kRtpVersion << 6) | (paddingSize_ > 0 ? 0x20 : 0) |
                                 (layout.present ? 0x10 : 0) | csrcs_.size()));
  writer.u8(static_cast<uint8_t>((marker_ ? 0x80 : 0) | payloadType_));
  writer.u16(sequenceNumber_.value()).u32(timestamp_.value()).u32(ssrc_.value());
  csrcs_.write(writer);

  if (layout.present) {
    writer.u16(layout.profile).u16(static_cast<uint16_t>(layout.blockSize / 4));
    const size_t blockStart = writer.size();
    if (rawProfile_) {
      writer.bytes(rawExtension_);
    } else if (layout.profile == kOneByteExtensionProfile) {
      forEachExtension([&](const RtpExtension& extension) {
        writer.u8(static_cast<uint8_t>((extension.id << 4) | (extension.data.size() - 1)));
        writer.bytes(extension.data);
      });
    } else {
      forEachExtension([&](const RtpExtension& extension) {
        writer.u8(extension.id).u8(static_cast<uint8_t>(extension.data.size()));
        writer.bytes(extension.data);
      });
    }
    // Zero bytes are padding in both RFC 8285 forms (§4.1.1).
    writer.zeros(layout.blockSize - (writer.size() - blockStart));
  }

  writer.bytes(payload_);
  if (paddingSize_ > 0) writer.zeros(paddingSize_ - 1u).u8(paddingSize_);
  if (!writer.ok() || writer.size() != *expected) return std::nullopt;
  return writer.size();
}

}  // namespace dienhong::media
