dienhong_add_fuzzer(signaling
  SOURCES ${PROJECT_SOURCE_DIR}/src/signaling/message_fields.cpp
  LIBS nlohmann_json::nlohmann_json)
