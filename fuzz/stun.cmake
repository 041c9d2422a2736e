# STUN parser/writer round trip and the ICE-lite agent (src/media/ice).
set(STUN_FUZZ_DIR ${PROJECT_SOURCE_DIR}/src/media/ice)
dienhong_add_fuzzer(stun
  SOURCES ${STUN_FUZZ_DIR}/crc32.cpp ${STUN_FUZZ_DIR}/ice_credentials.cpp
          ${STUN_FUZZ_DIR}/ice_lite_agent.cpp ${STUN_FUZZ_DIR}/packet_demux.cpp
          ${STUN_FUZZ_DIR}/stun_crypto.cpp ${STUN_FUZZ_DIR}/stun_message_view.cpp
          ${STUN_FUZZ_DIR}/stun_message_writer.cpp ${STUN_FUZZ_DIR}/transport_address.cpp
          ${STUN_FUZZ_DIR}/xor_mapped_address.cpp
  LIBS OpenSSL::Crypto)
