#pragma once
// Expected failures are values: every fallible core call returns a Status or a Result<T>.
// Exceptions from Xapian, ICU and the JSON/TOML readers stop at the core boundary.

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace consulta {

/// Stable error codes. searchd maps them to HTTP statuses in one table; the strings
/// returned by error_code_name() are part of the API (the JSON "code" field).
enum class ErrorCode {
    kOk,
    kBadQuery,       ///< the query text cannot be parsed
    kBadParameter,   ///< a known parameter has a bad value
    kNotFound,       ///< unknown document, entity or route
    kTooLarge,       ///< input over a configured limit
    kConfig,         ///< a bad configuration file or entry
    kIo,             ///< a file cannot be read or written
    kUnreadable,     ///< a corpus file that cannot be decoded (encrypted PDF, binary ...)
    kIndex,          ///< the index is missing, corrupt or not a Consulta index
    kLocked,         ///< another writer holds the index lock
    kOverloaded,     ///< too many requests in flight
    kShardUnavailable,  ///< a shard of a sharded index did not answer (the message names it)
    kInternal,       ///< a bug: never caused by client input
};

/// The stable snake_case name of a code ("bad_query").
std::string_view error_code_name(ErrorCode code);

/// The outcome of an operation: ok, or a code with a human-readable message.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

    static Status ok() { return {}; }

    bool is_ok() const { return code_ == ErrorCode::kOk; }
    explicit operator bool() const { return is_ok(); }
    ErrorCode code() const { return code_; }
    const std::string& message() const { return message_; }

private:
    ErrorCode code_ = ErrorCode::kOk;
    std::string message_;
};

/// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
    Result(Status status) : status_(std::move(status)) { assert(!status_.is_ok()); }  // NOLINT
    Result(ErrorCode code, std::string message) : status_(code, std::move(message)) {}

    bool is_ok() const { return value_.has_value(); }
    explicit operator bool() const { return is_ok(); }
    const Status& status() const { return status_; }

    T& value() & { assert(value_); return *value_; }
    const T& value() const& { assert(value_); return *value_; }
    T&& value() && { assert(value_); return std::move(*value_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::optional<T> value_;
    Status status_;
};

}  // namespace consulta
