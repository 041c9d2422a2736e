dienhong_add_fuzzer(proof_of_work
  SOURCES ${PROJECT_SOURCE_DIR}/src/auth/proof_of_work.cpp ${PROJECT_SOURCE_DIR}/src/auth/tokens.cpp
  LIBS fmt::fmt PkgConfig::SODIUM)
