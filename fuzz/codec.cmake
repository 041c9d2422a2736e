dienhong_add_fuzzer(codec
  SOURCES ${PROJECT_SOURCE_DIR}/src/media/codec/vp8_descriptor.cpp ${PROJECT_SOURCE_DIR}/src/media/codec/h264_keyframe.cpp)
