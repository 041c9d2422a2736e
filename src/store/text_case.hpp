// Lower-casing usernames so that lookups are case-insensitive on both back-ends alike (SQLite's
// lower() knows ASCII only, PostgreSQL's depends on the server's locale). Covers ASCII and the
// precomposed letters of Latin-1, Latin Extended-A/-B (Vietnamese ơ/ư) and Latin Extended
// Additional (Vietnamese tones), plus basic Greek and Cyrillic. Not full Unicode case folding,
// and no normalisation: callers should pass NFC, the form browsers send.
#pragma once

#include <string>
#include <string_view>

namespace dienhong::store {

// UTF-8 in, UTF-8 out; bytes that are not valid UTF-8 are copied unchanged.
std::string lowerCase(std::string_view utf8);

// For searching people by name: lower case, and Vietnamese letters without their marks
// ("Đặng Thị Ánh" → "dang thi anh"), so that a search typed without accents still finds them.
std::string searchKey(std::string_view utf8);

}  // namespace dienhong::store
