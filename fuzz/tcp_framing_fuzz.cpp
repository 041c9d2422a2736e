// Fuzz target: RFC 4571 framing of ICE-TCP streams (RFC 6544 §3) — Rfc4571Framer, which cuts
// the received byte stream into packets, and FramedSendQueue, which frames packets for sending.
// Input: two bytes that choose how the stream is cut into reads, then the stream. Properties
// asserted, not only the absence of crashes:
//  - however the stream is cut into reads, the framer returns the same frames and the same
//    error as a plain reference reader, and holds back exactly the bytes of an incomplete frame;
//  - a broken stream (zero or oversize LENGTH) stops for good, at the same place;
//  - the frames, queued in a FramedSendQueue and written out in arbitrary partial writes, are
//    exactly the bytes that were parsed, and parse again to the same frames (round trip).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "media/worker/framed_send_queue.hpp"
#include "media/worker/rfc4571_framer.hpp"

using namespace dienhong::media;

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

struct Parsed {
  std::vector<std::vector<uint8_t>> frames;
  Rfc4571Framer::Error error = Rfc4571Framer::Error::kNone;
  size_t consumed = 0;  // bytes of the complete frames
};

// The reference reader: RFC 4571 §2 read the obvious way.
Parsed reference(std::span<const uint8_t> stream) {
  Parsed out;
  size_t at = 0;
  while (stream.size() - at >= 2) {
    const size_t length = static_cast<size_t>(stream[at]) << 8 | stream[at + 1];
    if (length == 0) {
      out.error = Rfc4571Framer::Error::kEmptyFrame;
      break;
    }
    if (length > Rfc4571Framer::kMaxFrameBytes) {
      out.error = Rfc4571Framer::Error::kOversizeFrame;
      break;
    }
    if (stream.size() - at - 2 < length) break;
    out.frames.emplace_back(stream.begin() + static_cast<long>(at + 2),
                            stream.begin() + static_cast<long>(at + 2 + length));
    at += 2 + length;
  }
  out.consumed = at;
  return out;
}

// A small deterministic generator for read and write sizes.
struct Cuts {
  uint32_t state;
  size_t next(size_t max) {
    state = state * 1103515245U + 12345U;
    return 1 + (state >> 8) % max;
  }
};

// The listener's way: read into writable(), commit, take every complete frame.
Parsed throughFramer(std::span<const uint8_t> stream, Cuts cuts, size_t maxRead) {
  Rfc4571Framer framer;
  Parsed out;
  size_t at = 0;
  while (at < stream.size() && framer.error() == Rfc4571Framer::Error::kNone) {
    const auto room = framer.writable();
    // Drained after every read, the buffer always has room for more than a whole frame.
    check(room.size() > Rfc4571Framer::kHeaderBytes + Rfc4571Framer::kMaxFrameBytes);
    const size_t count = std::min({cuts.next(maxRead), room.size(), stream.size() - at});
    std::copy_n(stream.begin() + static_cast<long>(at), count, room.begin());
    framer.commit(count);
    at += count;
    while (auto frame = framer.next()) {
      out.frames.emplace_back(frame->begin(), frame->end());
      out.consumed += Rfc4571Framer::kHeaderBytes + frame->size();
    }
  }
  out.error = framer.error();
  if (out.error == Rfc4571Framer::Error::kNone) {
    check(framer.buffered() == stream.size() - out.consumed);
  } else {
    check(framer.writable().empty() && !framer.next() && framer.append(stream) == 0);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint32_t seed = static_cast<uint32_t>(data[0]) << 8 | data[1];
  const std::span<const uint8_t> stream(data + 2, size - 2);

  const Parsed expected = reference(stream);
  for (const size_t maxRead : {size_t{1}, size_t{7}, size_t{1502}, Rfc4571Framer::kBufferBytes}) {
    const Parsed got = throughFramer(stream, Cuts{seed}, maxRead);
    check(got.frames == expected.frames && got.error == expected.error && got.consumed == expected.consumed);
  }

  // Round trip through the send side: queue every frame, write the ring out in partial writes.
  FramedSendQueue queue(1 + seed % (4 * (Rfc4571Framer::kHeaderBytes + Rfc4571Framer::kMaxFrameBytes)));
  Cuts writes{seed ^ 0x5A5AU};
  std::vector<uint8_t> written;
  for (const auto& frame : expected.frames) {
    if (!queue.push(frame)) {
      // Full: only when the frame really does not fit; drain and retry, as the socket would.
      check(queue.size() + Rfc4571Framer::kHeaderBytes + frame.size() > queue.capacity());
      while (!queue.empty()) {
        const auto pending = queue.pending();
        check(pending.count >= 1 && pending.bytes() == queue.size());
        const size_t count = std::min(writes.next(2048), pending.parts[0].size());
        written.insert(written.end(), pending.parts[0].begin(), pending.parts[0].begin() + static_cast<long>(count));
        queue.consume(count);
      }
      if (!queue.push(frame)) {
        check(Rfc4571Framer::kHeaderBytes + frame.size() > queue.capacity());
        return 0;  // this queue is smaller than the frame: nothing to compare
      }
    }
  }
  while (!queue.empty()) {
    const auto pending = queue.pending();
    written.insert(written.end(), pending.parts[0].begin(), pending.parts[0].end());
    queue.consume(pending.parts[0].size());
  }
  check(written.size() == expected.consumed);
  check(std::equal(written.begin(), written.end(), stream.begin()));
  const Parsed again = reference(written);
  check(again.frames == expected.frames && again.error == Rfc4571Framer::Error::kNone &&
        again.consumed == written.size());
  return 0;
}
