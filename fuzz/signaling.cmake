dienhong_add_fuzzer(signaling
  SOURCES ${PROJECT_SOURCE_DIR}/src/signaling/message_fields.cpp ${PROJECT_SOURCE_DIR}/src/common/text.cpp
          ${PROJECT_SOURCE_DIR}/src/meeting/room_code.cpp ${PROJECT_SOURCE_DIR}/src/meeting/meeting.cpp
          ${PROJECT_SOURCE_DIR}/src/meeting/room_settings.cpp
  LIBS nlohmann_json::nlohmann_json PkgConfig::SODIUM)
