dienhong_add_fuzzer(settings
  SOURCES ${PROJECT_SOURCE_DIR}/src/auth/security_policy.cpp ${PROJECT_SOURCE_DIR}/src/auth/password_policy.cpp
          ${PROJECT_SOURCE_DIR}/src/auth/admin_access.cpp ${PROJECT_SOURCE_DIR}/src/audit/audit_policy.cpp
          ${PROJECT_SOURCE_DIR}/src/common/network_range.cpp ${PROJECT_SOURCE_DIR}/src/auth/directory.cpp
          ${PROJECT_SOURCE_DIR}/src/store/text_case.cpp ${PROJECT_SOURCE_DIR}/src/store/records.cpp
  LIBS fmt::fmt nlohmann_json::nlohmann_json OpenSSL::Crypto)
