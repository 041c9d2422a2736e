# libFuzzer targets for the RTP and RTCP wire formats (src/media/rtp, src/media/rtcp): each
# asserts the parse -> serialise -> parse round trip, not only the absence of crashes.
file(GLOB dienhong_rtp_fuzz_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/media/rtp/*.cpp)
file(GLOB dienhong_rtcp_fuzz_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/media/rtcp/*.cpp)
dienhong_add_fuzzer(rtp SOURCES ${dienhong_rtp_fuzz_sources})
dienhong_add_fuzzer(rtcp SOURCES ${dienhong_rtcp_fuzz_sources})
