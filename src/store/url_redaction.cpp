// Keeping passwords out of messages (see url_redaction.hpp).
#include "store/url_redaction.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>

namespace dienhong::store {

namespace {

constexpr std::string_view kMask = "***";

struct Span {
  std::size_t begin;
  std::size_t end;
};

// Where the passwords sit in url: the user-info one and any ?password= / &password= value.
std::vector<Span> passwordSpans(std::string_view url) {
  std::vector<Span> spans;
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return spans;
  const std::size_t authorityBegin = scheme + 3;
  const std::size_t authorityEnd = std::min(url.find_first_of("/?#", authorityBegin), url.size());
  const std::string_view authority = url.substr(authorityBegin, authorityEnd - authorityBegin);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    if (const std::size_t colon = authority.substr(0, at).find(':');
        colon != std::string_view::npos) {
      spans.push_back({authorityBegin + colon + 1, authorityBegin + at});
    }
  }
  const std::size_t query = url.find('?', authorityEnd);
  if (query == std::string_view::npos) return spans;
  std::size_t begin = query + 1;
  while (begin < url.size()) {
    std::size_t end = url.find('&', begin);
    if (end == std::string_view::npos) end = url.size();
    const std::string_view param = url.substr(begin, end - begin);
    if (param.starts_with("password=")) spans.push_back({begin + 9, end});
    begin = end + 1;
  }
  return spans;
}

std::optional<int> hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

std::string percentDecode(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const auto high = hexDigit(text[i + 1]);
      const auto low = hexDigit(text[i + 2]);
      if (high && low) {
        decoded.push_back(static_cast<char>(*high * 16 + *low));
        i += 2;
        continue;
      }
    }
    decoded.push_back(text[i]);
  }
  return decoded;
}

}  // namespace

std::string redactUrl(std::string_view url) {
  std::string redacted;
  std::size_t copied = 0;
  for (const Span& span : passwordSpans(url)) {
    redacted.append(url.substr(copied, span.begin - copied));
    redacted.append(kMask);
    copied = span.end;
  }
  redacted.append(url.substr(copied));
  return redacted;
}

std::vector<std::string> passwordsIn(std::string_view url) {
  std::vector<std::string> secrets;
  for (const Span& span : passwordSpans(url)) {
    const std::string_view raw = url.substr(span.begin, span.end - span.begin);
    if (raw.empty()) continue;
    secrets.emplace_back(raw);
    if (std::string decoded = percentDecode(raw); decoded != raw && !decoded.empty()) {
      secrets.push_back(std::move(decoded));
    }
  }
  return secrets;
}

std::string scrubSecrets(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    for (std::size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kMask.size())) {
      text.replace(at, secret.size(), kMask);
    }
  }
  return text;
}

}  // namespace dienhong::store
