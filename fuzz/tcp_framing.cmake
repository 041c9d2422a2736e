# RFC 4571 framing of ICE-TCP streams (src/media/worker): the receive-side framer against a
# reference reader under every way of cutting the stream into reads, and the send queue's
# framing as the round trip.
set(TCP_FRAMING_FUZZ_DIR ${PROJECT_SOURCE_DIR}/src/media/worker)
dienhong_add_fuzzer(tcp_framing
  SOURCES ${TCP_FRAMING_FUZZ_DIR}/rfc4571_framer.cpp ${TCP_FRAMING_FUZZ_DIR}/framed_send_queue.cpp)
