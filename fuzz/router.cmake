# fuzz_router: a Router with one publisher (simulcast video by rid, audio by mid, video by
# announced SSRCs) and two subscribers, fed random publisher RTP and RTCP, subscriber RTCP and
# timer ticks (fuzz/router_fuzz.cpp). The sources of dh_media_sfu and what it builds on,
# compiled with the fuzzer flags.
file(GLOB dienhong_router_fuzz_sources CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/src/media/rtp/*.cpp
  ${PROJECT_SOURCE_DIR}/src/media/rtcp/*.cpp
  ${PROJECT_SOURCE_DIR}/src/media/codec/*.cpp
  ${PROJECT_SOURCE_DIR}/src/media/bwe/*.cpp
  ${PROJECT_SOURCE_DIR}/src/media/speaker/*.cpp
  ${PROJECT_SOURCE_DIR}/src/media/sfu/*.cpp)
dienhong_add_fuzzer(router SOURCES ${dienhong_router_fuzz_sources})
