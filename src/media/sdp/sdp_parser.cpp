#include "media/sdp/sdp_parser.hpp"

#include <charconv>

#include <fmt/format.h>

namespace dienhong::media::sdp {
namespace {

// Thrown only inside this file and caught in parse(): keeps the many small checks readable.
struct ParseError {
  std::string message;
};

[[noreturn]] void fail(size_t line, std::string_view what) {
  throw ParseError{fmt::format("line {}: {}", line, what)};
}

template <class T>
T number(std::string_view text, size_t line, std::string_view what, T max) {
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value > max) {
    fail(line, fmt::format("{} must be a number up to {}", what, max));
  }
  return static_cast<T>(value);
}

std::pair<std::string_view, std::string_view> splitFirst(std::string_view text, char separator) {
  const size_t at = text.find(separator);
  if (at == std::string_view::npos) return {text, {}};
  return {text.substr(0, at), text.substr(at + 1)};
}

// Every field between separators, empty ones included ("a;;b" → "a", "", "b").
std::vector<std::string_view> splitAll(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  for (size_t pos = 0;;) {
    const size_t at = text.find(separator, pos);
    out.push_back(text.substr(pos, at == std::string_view::npos ? std::string_view::npos : at - pos));
    if (at == std::string_view::npos) return out;
    pos = at + 1;
  }
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t space = text.find(' ', pos);
    const size_t end = space == std::string_view::npos ? text.size() : space;
    if (end > pos) out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// RFC 8866 token characters; mids and rids are tokens (RFC 8843 §5.1, RFC 8851 §10).
bool isToken(std::string_view text) {
  if (text.empty() || text.size() > 255) return false;
  for (char c : text) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    std::string_view("!#$%&'*+-.^_`{|}~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

std::string token(std::string_view text, size_t line, std::string_view what) {
  if (!isToken(text)) fail(line, fmt::format("{} is not a valid token", what));
  return std::string(text);
}

std::optional<Direction> directionNamed(std::string_view name) {
  if (name == "sendrecv") return Direction::SendRecv;
  if (name == "sendonly") return Direction::SendOnly;
  if (name == "recvonly") return Direction::RecvOnly;
  if (name == "inactive") return Direction::Inactive;
  return std::nullopt;
}

Setup setupNamed(std::string_view name, size_t line) {
  if (name == "actpass") return Setup::ActPass;
  if (name == "active") return Setup::Active;
  if (name == "passive") return Setup::Passive;
  if (name == "holdconn") return Setup::HoldConn;
  fail(line, "setup must be actpass, active, passive or holdconn");
}

Fingerprint fingerprint(std::string_view value, size_t line) {
  auto [algorithm, hash] = splitFirst(value, ' ');
  if (algorithm.empty() || hash.empty() || hash.find(' ') != std::string_view::npos) {
    fail(line, "fingerprint must be '<algorithm> <hex:pairs>'");
  }
  return {std::string(algorithm), std::string(hash)};
}

std::vector<std::vector<std::string>> simulcastStreams(std::string_view list, size_t line) {
  std::vector<std::vector<std::string>> streams;
  for (std::string_view stream : splitAll(list, ';')) {
    std::vector<std::string> alternatives;
    for (std::string_view rid : splitAll(stream, ',')) {
      const std::string_view bare = !rid.empty() && rid.front() == '~' ? rid.substr(1) : rid;
      if (!isToken(bare)) fail(line, "simulcast rid is not a valid token");
      alternatives.emplace_back(rid);
    }
    streams.push_back(std::move(alternatives));
  }
  return streams;
}

class Parser {
 public:
  explicit Parser(const ParseLimits& limits) : limits_(limits) {}

  SessionDescription run(std::string_view text) {
    if (text.size() > limits_.maxBytes) fail(0, fmt::format("SDP larger than {} bytes", limits_.maxBytes));
    size_t lineNumber = 0;
    bool seenVersion = false;
    for (size_t pos = 0; pos < text.size();) {
      const size_t newline = text.find('\n', pos);
      std::string_view line = text.substr(pos, newline == std::string_view::npos ? std::string_view::npos : newline - pos);
      pos = newline == std::string_view::npos ? text.size() : newline + 1;
      ++lineNumber;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) continue;
      if (line.size() > limits_.maxLineLength) fail(lineNumber, "line too long");
      for (unsigned char c : line) {
        if ((c < 0x20 && c != '\t') || c == 0x7f) fail(lineNumber, "control character");
      }
      if (line.size() < 2 || line[1] != '=' || line[0] < 'a' || line[0] > 'z') {
        fail(lineNumber, "expected <type>=<value>");
      }
      const char type = line[0];
      const std::string_view value = line.substr(2);
      if (!seenVersion) {
        if (type != 'v' || value != "0") fail(lineNumber, "SDP must start with v=0");
        seenVersion = true;
        continue;
      }
      line_ = lineNumber;
      onLine(type, value, line);
    }
    if (!seenVersion) fail(0, "empty SDP");
    return std::move(description_);
  }

 private:
  MediaSection* current() { return description_.media.empty() ? nullptr : &description_.media.back(); }

  void onLine(char type, std::string_view value, std::string_view whole) {
    switch (type) {
      case 'o': description_.origin = std::string(value); return;
      case 's': description_.sessionName = std::string(value); return;
      case 't': description_.timing = std::string(value); return;
      case 'm': onMedia(value); return;
      case 'a': onAttribute(value); return;
      case 'c':
        if (auto* m = current()) {
          m->connection = std::string(value);
          return;
        }
        break;
      default: break;
    }
    auto& lines = current() != nullptr ? current()->otherLines : description_.otherLines;
    bounded(lines.size());
    lines.emplace_back(whole);
  }

  void bounded(size_t count) const {
    if (count >= limits_.maxItemsPerSection) fail(line_, "too many lines of one kind");
  }

  void onMedia(std::string_view value) {
    if (description_.media.size() >= limits_.maxMediaSections) fail(line_, "too many media sections");
    const auto parts = words(value);
    if (parts.size() < 3) fail(line_, "m= needs <media> <port> <proto> <formats>");
    MediaSection m;
    m.kindName = std::string(parts[0]);
    m.kind = parts[0] == "audio" ? MediaKind::Audio
             : parts[0] == "video" ? MediaKind::Video
             : parts[0] == "application" ? MediaKind::Application
                                          : MediaKind::Other;
    m.port = number<uint16_t>(parts[1], line_, "port", 65535);
    m.protocol = std::string(parts[2]);
    for (size_t i = 3; i < parts.size(); ++i) {
      if (m.formats.size() >= limits_.maxCodecsPerSection) fail(line_, "too many formats");
      m.formats.emplace_back(parts[i]);
    }
    description_.media.push_back(std::move(m));
  }

  Codec& codecFor(MediaSection& m, std::string_view ptText) {
    const auto pt = number<uint8_t>(ptText, line_, "payload type", 127);
    for (auto& c : m.codecs) {
      if (c.payloadType == pt) return c;
    }
    if (m.codecs.size() >= limits_.maxCodecsPerSection) fail(line_, "too many codecs");
    Codec& added = m.codecs.emplace_back();
    added.payloadType = pt;
    return added;
  }

  void onAttribute(std::string_view value) {
    const auto [name, rest] = splitFirst(value, ':');
    const bool hasValue = value.find(':') != std::string_view::npos;
    MediaSection* m = current();
    if (m == nullptr) {
      onSessionAttribute(name, rest, hasValue);
      return;
    }
    if (auto direction = directionNamed(value)) {
      m->direction = direction;
    } else if (name == "mid" && hasValue) {
      m->mid = token(rest, line_, "mid");
    } else if (name == "ice-ufrag" && hasValue) {
      m->iceUfrag = std::string(rest);
    } else if (name == "ice-pwd" && hasValue) {
      m->icePwd = std::string(rest);
    } else if (name == "fingerprint" && hasValue) {
      m->fingerprint = fingerprint(rest, line_);
    } else if (name == "setup" && hasValue) {
      m->setup = setupNamed(rest, line_);
    } else if (value == "rtcp-mux") {
      m->rtcpMux = true;
    } else if (value == "rtcp-rsize") {
      m->rtcpRsize = true;
    } else if (name == "msid" && hasValue) {
      m->msid = std::string(rest);
    } else if (name == "rtpmap" && hasValue) {
      onRtpmap(*m, rest);
    } else if (name == "fmtp" && hasValue) {
      auto [pt, params] = splitFirst(rest, ' ');
      // RFC 8866 §6.15: a=fmtp:<format> <format specific parameters>; without parameters the
      // line says nothing, and keeping it would make a codec entry no serialiser writes back.
      if (params.empty()) fail(line_, "fmtp needs parameters");
      codecFor(*m, pt).fmtp = std::string(params);
    } else if (name == "rtcp-fb" && hasValue && !rest.starts_with("* ")) {
      auto [pt, feedback] = splitFirst(rest, ' ');
      if (feedback.empty()) fail(line_, "rtcp-fb needs a feedback type");
      Codec& codec = codecFor(*m, pt);
      bounded(codec.feedback.size());
      codec.feedback.emplace_back(feedback);
    } else if (name == "extmap" && hasValue) {
      onExtmap(*m, rest);
    } else if (name == "rid" && hasValue) {
      onRid(*m, rest);
    } else if (name == "simulcast" && hasValue) {
      onSimulcast(*m, rest);
    } else if (name == "ssrc" && hasValue) {
      auto [ssrcText, attribute] = splitFirst(rest, ' ');
      auto [attrName, attrValue] = splitFirst(attribute, ':');
      if (attrName.empty()) fail(line_, "ssrc needs an attribute");
      bounded(m->ssrcs.size());
      m->ssrcs.push_back({number<uint32_t>(ssrcText, line_, "ssrc", 0xFFFFFFFFU), std::string(attrName),
                          std::string(attrValue)});
    } else if (name == "ssrc-group" && hasValue) {
      const auto parts = words(rest);
      if (parts.empty()) fail(line_, "ssrc-group needs semantics");
      SsrcGroup group{std::string(parts[0]), {}};
      for (size_t i = 1; i < parts.size(); ++i) group.ssrcs.push_back(number<uint32_t>(parts[i], line_, "ssrc", 0xFFFFFFFFU));
      bounded(m->ssrcGroups.size());
      m->ssrcGroups.push_back(std::move(group));
    } else if (name == "candidate" && hasValue) {
      bounded(m->candidates.size());
      m->candidates.emplace_back(rest);
    } else {
      bounded(m->otherAttributes.size());
      m->otherAttributes.push_back({std::string(name), std::string(rest), hasValue});
    }
  }

  void onSessionAttribute(std::string_view name, std::string_view rest, bool hasValue) {
    auto& d = description_;
    if (name == "group" && hasValue && rest.starts_with("BUNDLE")) {
      const auto parts = words(rest);
      if (parts[0] != "BUNDLE") fail(line_, "unknown group semantics");
      d.bundleMids.clear();
      for (size_t i = 1; i < parts.size(); ++i) d.bundleMids.push_back(token(parts[i], line_, "BUNDLE mid"));
    } else if (name == "ice-ufrag" && hasValue) {
      d.iceUfrag = std::string(rest);
    } else if (name == "ice-pwd" && hasValue) {
      d.icePwd = std::string(rest);
    } else if (name == "ice-lite" && !hasValue) {
      d.iceLite = true;
    } else if (name == "fingerprint" && hasValue) {
      d.fingerprint = fingerprint(rest, line_);
    } else if (name == "setup" && hasValue) {
      d.setup = setupNamed(rest, line_);
    } else if (name == "extmap-allow-mixed" && !hasValue) {
      d.extmapAllowMixed = true;
    } else {
      bounded(d.otherAttributes.size());
      d.otherAttributes.push_back({std::string(name), std::string(rest), hasValue});
    }
  }

  void onRtpmap(MediaSection& m, std::string_view rest) {
    auto [pt, encoding] = splitFirst(rest, ' ');
    const auto parts = splitAll(encoding, '/');
    if (parts.size() < 2 || parts.size() > 3 || parts[0].empty()) {
      fail(line_, "rtpmap must be '<pt> <name>/<clock rate>[/<channels>]'");
    }
    Codec& codec = codecFor(m, pt);
    codec.name = std::string(parts[0]);
    codec.clockRate = number<uint32_t>(parts[1], line_, "clock rate", 10'000'000);
    codec.channels = parts.size() == 3 ? number<uint32_t>(parts[2], line_, "channels", 255) : 0;
    if (parts.size() == 3 && codec.channels == 0) fail(line_, "channels must be at least 1");
  }

  void onExtmap(MediaSection& m, std::string_view rest) {
    auto [idPart, uri] = splitFirst(rest, ' ');
    auto [idText, directionText] = splitFirst(idPart, '/');
    Extmap extmap;
    extmap.id = number<uint16_t>(idText, line_, "extmap id", 4096);
    if (extmap.id == 0) fail(line_, "extmap id must be 1–14 or 16–255, 4096 max");
    if (idPart.find('/') != std::string_view::npos) {
      extmap.direction = directionNamed(directionText);
      if (!extmap.direction) fail(line_, "unknown extmap direction");
    }
    if (uri.empty()) fail(line_, "extmap needs a URI");
    extmap.uri = std::string(uri);
    bounded(m.extmaps.size());
    m.extmaps.push_back(std::move(extmap));
  }

  void onRid(MediaSection& m, std::string_view rest) {
    const auto parts = words(rest);
    if (parts.size() < 2 || parts.size() > 3) fail(line_, "rid must be '<id> send|recv [params]'");
    Rid rid;
    rid.id = token(parts[0], line_, "rid");
    if (parts[1] == "send") rid.direction = Direction::SendOnly;
    else if (parts[1] == "recv") rid.direction = Direction::RecvOnly;
    else fail(line_, "rid direction must be send or recv");
    if (parts.size() == 3) rid.params = std::string(parts[2]);
    bounded(m.rids.size());
    m.rids.push_back(std::move(rid));
  }

  void onSimulcast(MediaSection& m, std::string_view rest) {
    const auto parts = words(rest);
    if (parts.size() != 2 && parts.size() != 4) fail(line_, "simulcast must be 'send|recv <list> [recv|send <list>]'");
    Simulcast simulcast;
    for (size_t i = 0; i < parts.size(); i += 2) {
      auto& target = parts[i] == "send" ? simulcast.send : parts[i] == "recv" ? simulcast.recv : simulcast.send;
      if ((parts[i] != "send" && parts[i] != "recv") || !target.empty()) fail(line_, "bad simulcast direction");
      target = simulcastStreams(parts[i + 1], line_);
    }
    m.simulcast = std::move(simulcast);
  }

  const ParseLimits& limits_;
  SessionDescription description_;
  size_t line_ = 0;
};

}  // namespace

Result<SessionDescription> parse(std::string_view text, const ParseLimits& limits) {
  try {
    return Parser(limits).run(text);
  } catch (const ParseError& e) {
    return Error{"invalid_sdp", e.message};
  }
}

}  // namespace dienhong::media::sdp
