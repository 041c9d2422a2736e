// SettingStore<T>: a console setting in force. Read from the settings table at start (T's
// defaults until an administrator first saves one), replaced as a whole by the console; readers
// get a copy, so a change takes effect on the next request without a restart. T names its
// setting and converts itself through SettingTraits<T>.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "store/store.hpp"

namespace dienhong::store {

// Gives `document` the fields of `defaults` it lacks, at any depth; what it has stays as it is
// (null included, unlike a JSON merge patch).
inline void addMissingFields(nlohmann::json& document, const nlohmann::json& defaults) {
  if (!document.is_object() || !defaults.is_object()) return;
  for (const auto& [name, value] : defaults.items()) {
    auto it = document.find(name);
    if (it == document.end()) {
      document[name] = value;
    } else {
      addMissingFields(*it, value);
    }
  }
}

// Specialised beside each setting's type: kName, toJson(const T&), fromJson(json) -> Result<T>.
template <class T>
struct SettingTraits;

template <class T>
class SettingStore {
 public:
  using Traits = SettingTraits<T>;

  explicit SettingStore(Store& store, T defaults = T()) : store_(store), value_(std::move(defaults)) {}

  // Error "invalid_setting" when the saved document cannot be read (the server must not start
  // on rules it cannot read), or a storage error.
  Result<void> load() {
    auto saved = store_.settings().find(Traits::kName);
    if (!saved) return saved.error();
    if (!saved->has_value()) return success();
    auto document = nlohmann::json::parse((*saved)->value, nullptr, /*allow_exceptions=*/false);
    addMissingFields(document, Traits::toJson(current()));  // fields a newer version added
    auto value = Traits::fromJson(document);
    if (!value) {
      return Error{"invalid_setting", "the saved setting '" + std::string(Traits::kName) +
                                          "' cannot be read: " + value.error().message};
    }
    std::lock_guard lock(mutex_);
    value_ = std::move(value.value());
    updatedAtMs_ = (*saved)->updatedAtMs;
    return success();
  }

  T current() const {
    std::lock_guard lock(mutex_);
    return value_;
  }

  int64_t updatedAtMs() const {
    std::lock_guard lock(mutex_);
    return updatedAtMs_;
  }

  // Saves the value and puts it in force. The caller validated it (Traits::fromJson).
  Result<void> save(const T& value, std::string_view actorId, int64_t nowMs) {
    Setting setting{std::string(Traits::kName), Traits::toJson(value).dump(), nowMs, std::string(actorId)};
    if (auto saved = store_.settings().put(setting); !saved) return saved.error();
    std::lock_guard lock(mutex_);
    value_ = value;
    updatedAtMs_ = nowMs;
    return success();
  }

 private:
  Store& store_;
  mutable std::mutex mutex_;
  T value_;
  int64_t updatedAtMs_ = 0;
};

}  // namespace dienhong::store
