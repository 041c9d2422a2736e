// Checks for text that people typed and others will read (names, chat): valid UTF-8 without
// control characters, measured in characters rather than bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dienhong::text {

// Code points of valid UTF-8 (no overlongs, no surrogates) without C0/C1 controls, except line
// feed and tab when `allowLineBreaks`; nullopt otherwise.
std::optional<size_t> countCharacters(std::string_view text, bool allowLineBreaks = false);
// The first `maxCharacters` code points of valid UTF-8 (as countCharacters accepts): a cut that
// never splits a character.
std::string firstCharacters(std::string_view utf8, size_t maxCharacters);
// Without leading and trailing spaces, tabs and line breaks.
std::string trim(std::string_view text);

}  // namespace dienhong::text
