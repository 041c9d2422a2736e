// Lower-casing usernames (see text_case.hpp).
#include "store/text_case.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace dienhong::store {

namespace {

char32_t lowerCodePoint(char32_t c) {
  const auto even = [c] { return (c % 2 == 0) ? c + 1 : c; };
  const auto odd = [c] { return (c % 2 == 1) ? c + 1 : c; };
  if (c >= U'A' && c <= U'Z') return c + 32;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 32;  // À–Þ, except ×
  if (c >= 0x100 && c <= 0x12F) return even();   // Ā–į
  if (c >= 0x132 && c <= 0x137) return even();   // Ĳ–ķ (İ has no one-letter lower case)
  if (c >= 0x139 && c <= 0x148) return odd();    // Ĺ–ň
  if (c >= 0x14A && c <= 0x177) return even();   // Ŋ–ŷ
  if (c == 0x178) return 0xFF;                   // Ÿ
  if (c >= 0x179 && c <= 0x17E) return odd();    // Ź–ž
  if (c == 0x1A0 || c == 0x1AF) return c + 1;    // Ơ, Ư
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;  // Greek Α–Ϋ
  if (c >= 0x400 && c <= 0x40F) return c + 80;                // Cyrillic Ѐ–Џ
  if (c >= 0x410 && c <= 0x42F) return c + 32;                // Cyrillic А–Я
  if (c >= 0x1E00 && c <= 0x1E95) return even();              // Ḁ–ẕ
  if (c >= 0x1EA0 && c <= 0x1EFF) return even();              // Ạ–ỿ: Vietnamese tones
  return c;
}

// Decodes one UTF-8 sequence at text[at]; nullopt when it is not well-formed.
std::optional<char32_t> decode(std::string_view text, std::size_t at, std::size_t& length) {
  const auto byte = [&](std::size_t i) { return static_cast<uint8_t>(text[at + i]); };
  const uint8_t lead = byte(0);
  char32_t c = 0;
  if (lead < 0x80) {
    length = 1;
    return lead;
  }
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    c = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    c = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    c = lead & 0x07;
  } else {
    return std::nullopt;
  }
  if (at + length > text.size()) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return std::nullopt;
    c = (c << 6) | (byte(i) & 0x3F);
  }
  constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kMinimum[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
  return c;
}

void encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// The lower-case Vietnamese letters with marks, by the letter they are written on.
constexpr std::pair<char, std::u32string_view> kVietnameseMarks[] = {
    {'a', U"àáảãạăằắẳẵặâầấẩẫậ"}, {'e', U"èéẻẽẹêềếểễệ"},       {'i', U"ìíỉĩị"},
    {'o', U"òóỏõọôồốổỗộơờớởỡợ"}, {'u', U"ùúủũụưừứửữự"}, {'y', U"ỳýỷỹỵ"},
    {'d', U"đ"},
};

char32_t withoutMarks(char32_t c) {
  if (c < 0xC0) return c;
  for (const auto& [base, marked] : kVietnameseMarks) {
    if (marked.find(c) != std::u32string_view::npos) return static_cast<char32_t>(base);
  }
  return c;
}

template <class Map>
std::string mapCodePoints(std::string_view utf8, Map map) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t at = 0; at < utf8.size();) {
    std::size_t length = 1;
    if (auto c = decode(utf8, at, length)) {
      encode(map(*c), out);
      at += length;
    } else {
      out.push_back(utf8[at]);
      ++at;
    }
  }
  return out;
}

}  // namespace

std::string searchKey(std::string_view utf8) {
  return mapCodePoints(utf8, [](char32_t c) { return withoutMarks(lowerCodePoint(c)); });
}

std::string lowerCase(std::string_view utf8) { return mapCodePoints(utf8, lowerCodePoint); }

}  // namespace dienhong::store
