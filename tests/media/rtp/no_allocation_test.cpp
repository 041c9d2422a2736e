#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "support/allocation_counter.hpp"
#include "media/rtp/audio_level_extension.hpp"
#include "media/rtp/rtp_packet_editor.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/rtp/rtp_packet_writer.hpp"
#include "media/rtp/transport_sequence_number_extension.hpp"
#include "test_bytes.hpp"

namespace dienhong::media {
namespace {

TEST(RtpForwardingPath, ParsesEditsAndWritesWithoutAllocating) {
  auto packet = test::hex(
      "b1 e0 1a 2b 00 01 5f 90 4a 3b 2c 1d 00 00 00 63"
      "be de 00 03 10 9e 31 00 05 40 30 00 00 00 00 00"
      "90 80 00 9d 01 2a 00 00 03");
  std::vector<uint8_t> out(1500);
  const uint64_t before = dienhong::test::allocationsOnThisThread();

  auto view = RtpPacketView::parse(packet);
  size_t elements = 0;
  for (const RtpExtension& e : view->extensions()) elements += e.data.size();
  for (Ssrc csrc : view->csrcs()) elements += csrc.value() != 0;
  auto level = AudioLevelExtension::parse(*view->extension(1));
  auto editor = RtpPacketEditor::parse(packet);
  editor->setSsrc(Ssrc(7));
  editor->setSequenceNumber(SequenceNumber(8));
  editor->setTimestamp(RtpTimestamp(9));
  const bool rewritten =
      editor->rewriteExtension(3, TransportSequenceNumberExtension{SequenceNumber(10)});
  RtpPacketWriter writer;
  writer.setSsrc(Ssrc(1)).setExtensions(editor->view().extensions()).setPayload(view->payload());
  auto size = writer.write(out);

  const uint64_t allocations = dienhong::test::allocationsOnThisThread() - before;
  EXPECT_EQ(allocations, 0U);
  EXPECT_EQ(elements, 5U);  // 1 + 2 + 1 extension bytes, one CSRC
  EXPECT_EQ(level->level, 30);
  EXPECT_TRUE(rewritten);
  EXPECT_TRUE(size);
}

}  // namespace
}  // namespace dienhong::media
