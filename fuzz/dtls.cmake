dienhong_add_fuzzer(dtls
  SOURCES ${PROJECT_SOURCE_DIR}/src/media/dtls/dtls_certificate.cpp
          ${PROJECT_SOURCE_DIR}/src/media/dtls/dtls_transport.cpp
  LIBS OpenSSL::SSL OpenSSL::Crypto)
