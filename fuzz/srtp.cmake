# fuzz_srtp: SRTP/SRTCP receive path and protect/unprotect round trip (fuzz/srtp_fuzz.cpp).
# The sources of dh_media_srtp (src/media/srtp/CMakeLists.txt), compiled with the fuzzer flags.
set(srtp_src ${PROJECT_SOURCE_DIR}/src/media/srtp)
dienhong_add_fuzzer(srtp
  SOURCES ${srtp_src}/aes_ctr.cpp ${srtp_src}/aes_gcm.cpp ${srtp_src}/hmac_sha1.cpp
          ${srtp_src}/srtp_key_derivation.cpp ${srtp_src}/srtp_master_key.cpp
          ${srtp_src}/srtp_receive_context.cpp ${srtp_src}/srtp_send_context.cpp
          ${srtp_src}/srtp_session.cpp ${srtp_src}/srtp_transform.cpp
  LIBS OpenSSL::Crypto)
