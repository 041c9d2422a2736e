#include "common/text.hpp"

#include <cstdint>

namespace dienhong::text {

std::optional<size_t> countCharacters(std::string_view text, bool allowLineBreaks) {
  size_t count = 0;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return std::nullopt;
    uint32_t cp = length == 1 ? lead : lead & (0x3F >> (length - 1));
    for (size_t k = 1; k < length; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (c & 0x3F);
    }
    const bool overlong = (length == 2 && cp < 0x80) || (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    const bool lineBreak = allowLineBreaks && (cp == '\n' || cp == '\t');
    if (!lineBreak && (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))) return std::nullopt;
    i += length;
    ++count;
  }
  return count;
}

std::string firstCharacters(std::string_view utf8, size_t maxCharacters) {
  size_t characters = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    const bool startsCharacter = (static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80;
    if (startsCharacter && characters++ == maxCharacters) return std::string(utf8.substr(0, i));
  }
  return std::string(utf8);
}

std::string trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace dienhong::text
