// Fuzz target: the parts of an HTTP request that our own code parses (Beast parses the framing):
// the URL path normaliser of the static file server (with its percent-decoding) and Cookie headers.
// Properties asserted, not only the absence of crashes: a normalised path is a fixed point of
// normalisation, starts with '/', and has no "..", control bytes or backslashes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/message.hpp"
#include "http/static_files.hpp"

using dienhong::http::Request;
using dienhong::http::StaticFiles;

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  if (auto path = StaticFiles::normalisePath(input)) {
    check(!path->empty() && path->front() == '/');
    check(path->find("/../") == std::string::npos && !path->ends_with("/.."));
    check(path->find('\\') == std::string::npos);
    for (unsigned char c : *path) check(c >= 0x20 && c != 0x7f);
    auto again = StaticFiles::normalisePath(*path);
    // A decoded '%' may start a new escape; only paths without '%' must be fixed points.
    if (path->find('%') == std::string::npos) check(again && *again == *path);
  }

  Request request;
  request.headers = {{"Cookie", std::string(input)}};
  if (auto cookie = request.cookie("__Host-dh_session")) check(cookie->size() <= size);
  return 0;
}
