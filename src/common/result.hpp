// Result<T>: the one error-as-value type of the code base (C++20 has no std::expected).
// Expected failures (bad input, refused auth, limits, storage errors) travel as an Error with a
// stable snake_case code that APIs and clients key on; the message is for logs and operators and
// is never shown to an end user verbatim.
#pragma once

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace dienhong {

struct Error {
  std::string code;     // stable identifier, e.g. "invalid_credentials"
  std::string message;  // human-readable detail for logs
  // Numbers a client may show beside the code's own text (attemptsLeft, lockedUntilMs).
  std::vector<std::pair<std::string, int64_t>> facts = {};
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(state_); }
  const T& value() const& { assert(ok()); return std::get<0>(state_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(state_)); }
  const Error& error() const { assert(!ok()); return std::get<1>(state_); }
  T value_or(T fallback) const& { return ok() ? std::get<0>(state_) : std::move(fallback); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)

  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

inline Result<void> success() { return {}; }

}  // namespace dienhong
