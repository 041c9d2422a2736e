#include "media/ice/crc32.hpp"

#include <array>

namespace dienhong::media {
namespace {

constexpr std::array<uint32_t, 256> makeTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}

constexpr std::array<uint32_t, 256> kTable = makeTable();

}  // namespace

uint32_t crc32(std::span<const uint8_t> data, uint32_t previous) {
  uint32_t c = ~previous;
  for (const uint8_t byte : data) c = kTable[(c ^ byte) & 0xFFU] ^ (c >> 8);
  return ~c;
}

}  // namespace dienhong::media
