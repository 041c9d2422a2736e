#include "http/static_files.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

#include <fmt/format.h>

#include "http/url_decode.hpp"

namespace dienhong::http {
namespace {

namespace fs = std::filesystem;

}  // namespace

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {}

std::optional<std::string> StaticFiles::normalisePath(std::string_view rawPath) {
  if (rawPath.empty() || rawPath.front() != '/') return std::nullopt;
  const auto decodedOr = percentDecode(rawPath, /*plusAsSpace=*/false);
  if (!decodedOr) return std::nullopt;
  const std::string& decoded = *decodedOr;
  for (unsigned char c : decoded) {
    if (c < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
  }
  std::string out;
  size_t pos = 1;
  while (pos <= decoded.size()) {
    const size_t slash = decoded.find('/', pos);
    const size_t end = slash == std::string::npos ? decoded.size() : slash;
    const std::string_view segment(decoded.data() + pos, end - pos);
    if (segment == "..") return std::nullopt;
    if (!segment.empty() && segment != ".") {
      out += '/';
      out += segment;
    }
    if (slash == std::string::npos) break;
    pos = slash + 1;
  }
  return out.empty() ? "/" : out;
}

std::string_view StaticFiles::contentTypeFor(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".webp") return "image/webp";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".wasm") return "application/wasm";
  return "application/octet-stream";
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (request.method != Method::Get && request.method != Method::Head) return std::nullopt;
  const auto path = normalisePath(request.path);
  if (!path || path->starts_with("/api/")) return std::nullopt;

  const bool isAsset = path->starts_with("/assets/");
  const fs::path candidate = root_ / path->substr(1);
  std::error_code ec;
  if (*path != "/" && fs::is_regular_file(candidate, ec)) {
    return fileResponse(request, candidate, isAsset);
  }
  // A missing asset is a real 404: answering index.html there would hide broken builds.
  if (isAsset || fs::path(*path).has_extension()) return std::nullopt;
  return fileResponse(request, root_ / "index.html", false);
}

std::optional<Response> StaticFiles::fileResponse(const Request& request, const fs::path& file,
                                                  bool immutable) const {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return std::nullopt;
  const auto mtime = fs::last_write_time(file, ec);
  if (ec) return std::nullopt;
  const std::string etag =
      fmt::format("\"{:x}-{:x}\"", size, mtime.time_since_epoch().count());

  Response response;
  response.setHeader("ETag", etag);
  response.setHeader("Cache-Control",
                     immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.contentType = std::string(contentTypeFor(file));
  if (request.header("If-None-Match") == etag) {
    response.status = 304;
    return response;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return response;
}

}  // namespace dienhong::http
