// Fuzz target: RTP packets (RFC 3550 §5.1, RFC 8285 header extensions) and the header extension
// values the SFU reads. Properties asserted, not only the absence of crashes:
//  - a packet that parses can always be written again by RtpPacketWriter, and the re-parsed
//    packet has the same header fields, CSRCs, extension elements, payload and padding;
//  - in-place edits (SSRC, sequence number, timestamp, payload type, marker) are seen by a fresh
//    parse and leave every other byte alone;
//  - each extension value that parses serialises back to a value that parses equal.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "common/byte_reader.hpp"
#include "media/rtp/abs_send_time_extension.hpp"
#include "media/rtp/audio_level_extension.hpp"
#include "media/rtp/mid_extension.hpp"
#include "media/rtp/rtp_packet_editor.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/rtp/rtp_packet_writer.hpp"
#include "media/rtp/rtp_stream_id_extension.hpp"
#include "media/rtp/transport_sequence_number_extension.hpp"

using namespace dienhong;
using namespace dienhong::media;

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

bool sameBytes(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

bool sameExtensions(const RtpExtensionBlock& a, const RtpExtensionBlock& b) {
  auto ia = a.begin();
  auto ib = b.begin();
  for (; ia != a.end() && ib != b.end(); ++ia, ++ib) {
    if (!(*ia == *ib)) return false;
  }
  return ia == a.end() && ib == b.end();
}

template <class Extension>
void valueRoundTrip(std::span<const uint8_t> data) {
  auto first = Extension::parse(data);
  if (!first) return;
  std::array<uint8_t, 256> out{};
  ByteWriter writer(out);
  first->serialize(writer);
  check(writer.ok());
  auto second = Extension::parse(writer.written());
  check(second && *second == *first);
}

void extensionValues(const RtpExtension& extension) {
  valueRoundTrip<AudioLevelExtension>(extension.data);
  valueRoundTrip<TransportSequenceNumberExtension>(extension.data);
  valueRoundTrip<AbsSendTimeExtension>(extension.data);
  valueRoundTrip<MidExtension>(extension.data);
  valueRoundTrip<RidExtension>(extension.data);
  valueRoundTrip<RepairedRidExtension>(extension.data);
}

void editInPlace(std::vector<uint8_t> bytes) {
  const std::vector<uint8_t> before = bytes;
  auto editor = RtpPacketEditor::parse(bytes);
  check(editor.has_value());
  const auto view = editor->view();
  const Ssrc ssrc(~view.ssrc().value());
  const SequenceNumber sequence = view.sequenceNumber() + 1;
  const RtpTimestamp timestamp = view.timestamp() + 3000;
  const uint8_t payloadType = static_cast<uint8_t>((view.payloadType() + 1) & 0x7F);
  editor->setSsrc(ssrc);
  editor->setSequenceNumber(sequence);
  editor->setTimestamp(timestamp);
  check(editor->setPayloadType(payloadType));
  editor->setMarker(!view.marker());
  for (const RtpExtension& extension : view.extensions()) {
    // Rewrite the first element of each ID with its own bytes reversed.
    auto target = editor->mutableExtension(extension.id);
    check(target.has_value());
    std::vector<uint8_t> reversed(target->rbegin(), target->rend());
    check(editor->rewriteExtension(extension.id, reversed));
  }

  auto reparsed = RtpPacketView::parse(bytes);
  check(reparsed.has_value());
  check(reparsed->ssrc() == ssrc && reparsed->sequenceNumber() == sequence);
  check(reparsed->timestamp() == timestamp && reparsed->payloadType() == payloadType);
  check(reparsed->marker() != view.marker());
  check(editor->view().ssrc() == ssrc && editor->view().marker() == reparsed->marker());
  check(reparsed->headerSize() == view.headerSize() &&
        reparsed->paddingSize() == view.paddingSize());
  // Only the fixed header (bytes 1-11) and extension data may differ; never the payload.
  check(sameBytes(std::span(bytes).subspan(view.headerSize()),
                  std::span(before).subspan(view.headerSize())));
  check(bytes[0] == before[0]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> input(data, size);
  auto first = RtpPacketView::parse(input);
  if (!first) return 0;

  for (const RtpExtension& extension : first->extensions()) {
    extensionValues(extension);
    check(first->extension(extension.id).has_value());
  }

  RtpPacketWriter writer;
  writer.setMarker(first->marker())
      .setPayloadType(first->payloadType())
      .setSequenceNumber(first->sequenceNumber())
      .setTimestamp(first->timestamp())
      .setSsrc(first->ssrc())
      .setCsrcs(first->csrcs())
      .setPayload(first->payload())
      .setPaddingSize(static_cast<uint8_t>(first->paddingSize()));
  const bool raw =
      first->hasExtensionBlock() && first->extensions().form() == RtpExtensionForm::kOther;
  if (raw) {
    writer.setRawExtension(first->extensions().profile(), first->extensions().data());
  } else {
    writer.setExtensions(first->extensions());
  }
  auto expected = writer.size();
  check(expected.has_value());  // everything a packet can carry, the writer can write
  std::vector<uint8_t> out(*expected);
  check(writer.write(out) == expected);

  auto second = RtpPacketView::parse(out);
  check(second.has_value());
  check(second->marker() == first->marker() && second->payloadType() == first->payloadType());
  check(second->sequenceNumber() == first->sequenceNumber());
  check(second->timestamp() == first->timestamp() && second->ssrc() == first->ssrc());
  check(second->csrcs() == first->csrcs());
  check(sameExtensions(second->extensions(), first->extensions()));
  if (raw) {
    check(second->extensions().profile() == first->extensions().profile());
    check(sameBytes(second->extensions().data(), first->extensions().data()));
  }
  check(sameBytes(second->payload(), first->payload()));
  check(second->paddingSize() == first->paddingSize());
  // The writer's output is canonical: never longer than the input (it only drops element
  // padding, a redundant two-byte form and empty blocks) and a fixed point of parse + write.
  check(out.size() <= size);
  RtpPacketWriter again = writer;
  if (!raw) again.setExtensions(second->extensions());
  again.setCsrcs(second->csrcs()).setPayload(second->payload());
  std::vector<uint8_t> twice(out.size());
  check(again.write(twice) == out.size() && twice == out);

  editInPlace(std::vector<uint8_t>(input.begin(), input.end()));
  return 0;
}
