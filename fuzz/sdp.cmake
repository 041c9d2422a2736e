dienhong_add_fuzzer(sdp
  SOURCES ${PROJECT_SOURCE_DIR}/src/media/sdp/sdp_parser.cpp ${PROJECT_SOURCE_DIR}/src/media/sdp/sdp_writer.cpp
  LIBS fmt::fmt)
