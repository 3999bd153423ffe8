#pragma once
// The only place where an HTTP status exists: API error codes, their statuses and the one
// JSON error shape of docs/api.md. Handlers speak in ApiError and ErrorCode, never in numbers.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace consulta {

/// The error codes of the API: core's codes as clients see them, plus HTTP's own.
enum class ApiCode {
    kBadRequest,        ///< malformed HTTP (httplib rejected the request line or headers)
    kBadQuery,          ///< q cannot be parsed
    kBadParameter,      ///< a known parameter has a bad value
    kUnknownParameter,  ///< a parameter the route does not accept (known_params.h)
    kAmbiguousEntity,   ///< a filter value that names several entities ("Korea")
    kNotFound,          ///< unknown document, entity, facet type or route
    kMethodNotAllowed,  ///< the route exists, not for this method
    kTooLarge,          ///< input over a configured limit
    kUriTooLong,        ///< the request line is over httplib's limit
    kRangeNotSatisfiable,
    kRequestTimeout,    ///< the request head did not arrive within the deadline (408)
    kHeadersTooLarge,   ///< the request head is over its byte or line cap (431)
    kOverloaded,   ///< too many requests queued
    kQueryTimeout,     ///< a search ran out of its time budget
    kMemoryExhausted,  ///< the daemon is over its memory bound
    kClientGone,       ///< the client closed its connection while its search ran
    kUnavailable,  ///< the index cannot be read right now
    kShardUnavailable,  ///< a shard did not answer in time; the message names it
    kInternal,     ///< a bug; never caused by client input
};

/// An error as the API reports it.
struct ApiError {
    ApiCode code = ApiCode::kInternal;
    std::string message;
    std::string parameter;  ///< the offending query parameter, when there is one
};

/// An error whose body carries fields of its own: "nearest" (unknown_parameter),
/// "candidates" (ambiguous_entity).
struct DetailedError {
    ApiError error;
    nlohmann::json details;  ///< an object merged into the error body
};

/// The stable snake_case name of a code ("bad_parameter").
std::string_view api_code_name(ApiCode code);

/// The HTTP status of a code: the one table of the daemon.
int http_status(ApiCode code);

/// The API code for a status that httplib chose itself (400, 404, 414, 416, 500...).
ApiCode api_code_for_status(int status);

/// The API view of a core Status. A bad-parameter message that starts with a parameter name
/// ("year: ...") names it; a bad-query message "... at offset N ..." keeps N.
ApiError to_api_error(const Status& status);

/// The error document: {"error": {"status", "code", "message"[, "parameter"]}}.
nlohmann::json error_json(const ApiError& error);

/// Sets the status, the JSON body and, for 503, Retry-After.
void write_error(httplib::Response& res, const ApiError& error);
void write_detailed_error(httplib::Response& res, const DetailedError& error);

/// A 405 with the methods the route does allow.
void write_method_not_allowed(httplib::Response& res, std::string_view method,
                              std::string_view allow);

/// 200 with a JSON body, dumped with invalid UTF-8 replaced rather than thrown on.
void write_json(httplib::Response& res, const nlohmann::json& body);

/// 200 with a body of the given type (static files, metrics, the OpenAPI document).
void write_body(httplib::Response& res, std::string body, std::string_view content_type);

/// 200 with a chunked body produced by `provider` (exports).
void write_stream(httplib::Response& res, std::string_view content_type,
                  httplib::ContentProviderWithoutLength provider);

/// 204 with no body (CORS preflight, OPTIONS).
void write_no_content(httplib::Response& res);

/// Makes httplib close the connection once the answer already in `res` is sent: for
/// requests whose body was never read, and for connections turned away.
void close_after(httplib::Response& res);

/// Whether a status is a success (for the access log and metrics).
bool is_success(int status);

/// The JSON dump used for every answer.
std::string dump_json(const nlohmann::json& body);

inline constexpr std::string_view kJsonType = "application/json; charset=utf-8";

}  // namespace consulta
