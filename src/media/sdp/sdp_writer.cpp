#include "media/sdp/sdp_writer.hpp"

#include <fmt/format.h>

namespace dienhong::media::sdp {

std::string_view toString(Direction direction) {
  switch (direction) {
    case Direction::SendRecv: return "sendrecv";
    case Direction::SendOnly: return "sendonly";
    case Direction::RecvOnly: return "recvonly";
    case Direction::Inactive: return "inactive";
  }
  return "inactive";
}

std::string_view toString(Setup setup) {
  switch (setup) {
    case Setup::ActPass: return "actpass";
    case Setup::Active: return "active";
    case Setup::Passive: return "passive";
    case Setup::HoldConn: return "holdconn";
  }
  return "actpass";
}

const Codec* MediaSection::codec(uint8_t payloadType) const {
  for (const auto& c : codecs) {
    if (c.payloadType == payloadType) return &c;
  }
  return nullptr;
}

namespace {

class Writer {
 public:
  void line(std::string_view text) {
    out_ += text;
    out_ += "\r\n";
  }
  template <class... Args>
  void line(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(out_), format, std::forward<Args>(args)...);
    out_ += "\r\n";
  }
  void attribute(const Attribute& a) {
    if (a.hasValue) line("a={}:{}", a.name, a.value);
    else line("a={}", a.name);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

std::string joinStreams(const std::vector<std::vector<std::string>>& streams) {
  std::string out;
  for (size_t i = 0; i < streams.size(); ++i) {
    if (i != 0) out += ';';
    for (size_t j = 0; j < streams[i].size(); ++j) {
      if (j != 0) out += ',';
      out += streams[i][j];
    }
  }
  return out;
}

void writeMedia(Writer& w, const MediaSection& m) {
  std::string mline = fmt::format("m={} {} {}", m.kindName, m.port, m.protocol);
  for (const auto& f : m.formats) mline += " " + f;
  w.line(mline);
  if (!m.connection.empty()) w.line("c={}", m.connection);
  for (const auto& other : m.otherLines) w.line(other);
  if (m.mid) w.line("a=mid:{}", *m.mid);
  if (m.direction) w.line("a={}", toString(*m.direction));
  if (m.iceUfrag) w.line("a=ice-ufrag:{}", *m.iceUfrag);
  if (m.icePwd) w.line("a=ice-pwd:{}", *m.icePwd);
  if (m.fingerprint) w.line("a=fingerprint:{} {}", m.fingerprint->algorithm, m.fingerprint->value);
  if (m.setup) w.line("a=setup:{}", toString(*m.setup));
  if (m.rtcpMux) w.line("a=rtcp-mux");
  if (m.rtcpRsize) w.line("a=rtcp-rsize");
  if (m.msid) w.line("a=msid:{}", *m.msid);
  for (const auto& e : m.extmaps) {
    if (e.direction) w.line("a=extmap:{}/{} {}", e.id, toString(*e.direction), e.uri);
    else w.line("a=extmap:{} {}", e.id, e.uri);
  }
  for (const auto& c : m.codecs) {
    if (!c.name.empty()) {
      if (c.channels != 0) w.line("a=rtpmap:{} {}/{}/{}", c.payloadType, c.name, c.clockRate, c.channels);
      else w.line("a=rtpmap:{} {}/{}", c.payloadType, c.name, c.clockRate);
    }
    for (const auto& fb : c.feedback) w.line("a=rtcp-fb:{} {}", c.payloadType, fb);
    if (!c.fmtp.empty()) w.line("a=fmtp:{} {}", c.payloadType, c.fmtp);
  }
  for (const auto& r : m.rids) {
    const char* dir = r.direction == Direction::RecvOnly ? "recv" : "send";
    if (r.params.empty()) w.line("a=rid:{} {}", r.id, dir);
    else w.line("a=rid:{} {} {}", r.id, dir, r.params);
  }
  if (m.simulcast) {
    std::string value;
    if (!m.simulcast->send.empty()) value += "send " + joinStreams(m.simulcast->send);
    if (!m.simulcast->recv.empty()) value += (value.empty() ? "" : " ") + std::string("recv ") + joinStreams(m.simulcast->recv);
    w.line("a=simulcast:{}", value);
  }
  for (const auto& g : m.ssrcGroups) {
    std::string value = g.semantics;
    for (uint32_t s : g.ssrcs) value += " " + std::to_string(s);
    w.line("a=ssrc-group:{}", value);
  }
  for (const auto& s : m.ssrcs) {
    if (s.value.empty()) w.line("a=ssrc:{} {}", s.ssrc, s.attribute);
    else w.line("a=ssrc:{} {}:{}", s.ssrc, s.attribute, s.value);
  }
  for (const auto& c : m.candidates) w.line("a=candidate:{}", c);
  for (const auto& a : m.otherAttributes) w.attribute(a);
}

}  // namespace

std::string serialize(const SessionDescription& d) {
  Writer w;
  w.line("v=0");
  w.line("o={}", d.origin);
  w.line("s={}", d.sessionName);
  for (const auto& other : d.otherLines) w.line(other);
  w.line("t={}", d.timing);
  if (!d.bundleMids.empty()) {
    std::string value = "BUNDLE";
    for (const auto& mid : d.bundleMids) value += " " + mid;
    w.line("a=group:{}", value);
  }
  if (d.iceLite) w.line("a=ice-lite");
  if (d.iceUfrag) w.line("a=ice-ufrag:{}", *d.iceUfrag);
  if (d.icePwd) w.line("a=ice-pwd:{}", *d.icePwd);
  if (d.fingerprint) w.line("a=fingerprint:{} {}", d.fingerprint->algorithm, d.fingerprint->value);
  if (d.setup) w.line("a=setup:{}", toString(*d.setup));
  if (d.extmapAllowMixed) w.line("a=extmap-allow-mixed");
  for (const auto& a : d.otherAttributes) w.attribute(a);
  for (const auto& m : d.media) writeMedia(w, m);
  return w.take();
}

}  // namespace dienhong::media::sdp
