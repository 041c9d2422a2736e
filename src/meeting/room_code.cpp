#include "meeting/room_code.hpp"

#include <sodium.h>

namespace dienhong::meeting {

std::string generateRoomCode() {
  // Uniform over 100000000..999999999 (libsodium rejects the biased tail).
  return std::to_string(100'000'000 + randombytes_uniform(900'000'000));
}

std::string formatRoomCode(std::string_view code) {
  std::string out;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i > 0 && i % 3 == 0) out.push_back(' ');
    out.push_back(code[i]);
  }
  return out;
}

std::optional<std::string> normalizeRoomCode(std::string_view typed) {
  std::string digits;
  for (char c : typed) {
    if (c >= '0' && c <= '9') {
      if (digits.size() == kRoomCodeDigits) return std::nullopt;
      digits.push_back(c);
    } else if (c != ' ' && c != '-' && c != '.') {
      return std::nullopt;
    }
  }
  if (digits.size() != kRoomCodeDigits || digits[0] == '0') return std::nullopt;
  return digits;
}

}  // namespace dienhong::meeting
