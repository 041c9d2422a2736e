// Request and Response: the control plane's own HTTP message types, so that Beast stays inside
// src/http and handlers (src/api) are plain functions that are easy to unit-test.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dienhong::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

std::string_view toString(Method method);
bool isStateChanging(Method method);

// Which listener a request arrived on: the administration API exists only on the admin port (S2.1).
enum class ListenerKind { Public, Admin };

struct Header {
  std::string name;
  std::string value;
};

struct Request {
  Method method = Method::Get;
  std::string path;   // percent-decoded path, no query
  std::string query;  // raw query string without '?'
  std::vector<Header> headers;
  std::string body;
  std::string clientAddress;
  std::string requestId;
  ListenerKind listener = ListenerKind::Public;
  std::map<std::string, std::string, std::less<>> params;  // route parameters, e.g. {id}

  // Case-insensitive header lookup; the first match.
  std::optional<std::string_view> header(std::string_view name) const;
  std::optional<std::string_view> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string contentType;
  std::string body;
  std::vector<Header> headers;

  void setHeader(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;

  static Response json(int status, std::string body);
  static Response noContent();
};

// The one error shape of the API: {"error":{"code","message","requestId"}} (S4.3). The message is a
// fixed English sentence chosen by the caller, never an exception text or other internal detail.
// facts: numbers beside the code (attemptsLeft…), added to the error object as they are.
Response errorResponse(int status, std::string_view code, std::string_view message,
                       std::string_view requestId,
                       const std::vector<std::pair<std::string, int64_t>>& facts = {});

}  // namespace dienhong::http
