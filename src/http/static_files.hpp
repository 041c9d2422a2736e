// StaticFiles: serves the built web client. Hashed assets (/assets/*) are cached immutably,
// everything else revalidates; unknown non-API paths fall back to index.html (client routing).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace dienhong::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // A response for GET/HEAD of a web client path; nullopt when the path is not the client's
  // (API paths, bad paths), so the caller answers with a JSON error.
  std::optional<Response> serve(const Request& request) const;

  // Percent-decodes and normalises a URL path; nullopt for traversal ("..") or control bytes.
  static std::optional<std::string> normalisePath(std::string_view rawPath);

  static std::string_view contentTypeFor(const std::filesystem::path& file);

 private:
  std::optional<Response> fileResponse(const Request& request, const std::filesystem::path& file,
                                       bool immutable) const;

  std::filesystem::path root_;
};

}  // namespace dienhong::http
