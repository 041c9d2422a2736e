// Room codes: the ID people read out on the phone or type from an invitation (F4). Nine decimal
// digits shown in groups of three ("482 915 306"), never starting with 0 so that no spreadsheet
// or phone keypad drops a digit. A code is not a secret: rooms are private (see meeting.hpp), and
// the invitation link carries a separate unguessable token.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dienhong::meeting {

inline constexpr size_t kRoomCodeDigits = 9;

// A fresh random code (the caller retries on the rare collision).
std::string generateRoomCode();
// "482915306" -> "482 915 306".
std::string formatRoomCode(std::string_view code);
// What a person typed — spaces, dashes and dots between the digits are fine — as the bare code;
// nullopt when it is not nine digits with a non-zero first digit.
std::optional<std::string> normalizeRoomCode(std::string_view typed);

}  // namespace dienhong::meeting
