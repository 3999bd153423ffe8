#include "searchd/errors.h"

#include <charconv>
#include <memory>
#include <string_view>

namespace consulta {

std::string_view api_code_name(ApiCode code) {
    switch (code) {
        case ApiCode::kBadRequest: return "bad_request";
        case ApiCode::kBadQuery: return "bad_query";
        case ApiCode::kBadParameter: return "bad_parameter";
        case ApiCode::kUnknownParameter: return "unknown_parameter";
        case ApiCode::kAmbiguousEntity: return "ambiguous_entity";
        case ApiCode::kNotFound: return "not_found";
        case ApiCode::kMethodNotAllowed: return "method_not_allowed";
        case ApiCode::kTooLarge: return "too_large";
        case ApiCode::kUriTooLong: return "uri_too_long";
        case ApiCode::kRangeNotSatisfiable: return "range_not_satisfiable";
        case ApiCode::kRequestTimeout: return "request_timeout";
        case ApiCode::kHeadersTooLarge: return "headers_too_large";
        case ApiCode::kOverloaded: return "overloaded";
        case ApiCode::kQueryTimeout: return "query_timeout";
        case ApiCode::kMemoryExhausted: return "memory_exhausted";
        case ApiCode::kClientGone: return "client_gone";
        case ApiCode::kUnavailable: return "unavailable";
        case ApiCode::kShardUnavailable: return "shard_unavailable";
        case ApiCode::kInternal: return "internal_error";
    }
    return "internal_error";
}

int http_status(ApiCode code) {
    switch (code) {
        case ApiCode::kBadRequest: return 400;
        case ApiCode::kBadQuery: return 400;
        case ApiCode::kBadParameter: return 400;
        case ApiCode::kUnknownParameter: return 400;
        case ApiCode::kAmbiguousEntity: return 400;
        case ApiCode::kNotFound: return 404;
        case ApiCode::kMethodNotAllowed: return 405;
        case ApiCode::kTooLarge: return 413;
        case ApiCode::kUriTooLong: return 414;
        case ApiCode::kRangeNotSatisfiable: return 416;
        case ApiCode::kRequestTimeout: return 408;
        case ApiCode::kHeadersTooLarge: return 431;
        case ApiCode::kOverloaded: return 503;
        case ApiCode::kQueryTimeout: return 503;
        case ApiCode::kMemoryExhausted: return 503;
        case ApiCode::kClientGone: return 503;
        case ApiCode::kUnavailable: return 503;
        case ApiCode::kShardUnavailable: return 503;
        case ApiCode::kInternal: return 500;
    }
    return 500;
}

ApiCode api_code_for_status(int status) {
    switch (status) {
        case 404: return ApiCode::kNotFound;
        case 405: return ApiCode::kMethodNotAllowed;
        case 413: return ApiCode::kTooLarge;
        case 414: return ApiCode::kUriTooLong;
        case 416: return ApiCode::kRangeNotSatisfiable;
        case 503: return ApiCode::kOverloaded;
        default: return status < 500 ? ApiCode::kBadRequest : ApiCode::kInternal;
    }
}

namespace {

ApiCode api_code_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::kBadQuery: return ApiCode::kBadQuery;
        case ErrorCode::kBadParameter: return ApiCode::kBadParameter;
        case ErrorCode::kNotFound: return ApiCode::kNotFound;
        case ErrorCode::kTooLarge: return ApiCode::kTooLarge;
        case ErrorCode::kOverloaded: return ApiCode::kOverloaded;
        case ErrorCode::kShardUnavailable: return ApiCode::kShardUnavailable;
        // The index vanished or is being replaced: the client may retry, it did nothing wrong.
        case ErrorCode::kIndex:
        case ErrorCode::kLocked: return ApiCode::kUnavailable;
        default: return ApiCode::kInternal;
    }
}

// The parameters a core message may name at its start ("year: expected ...").
constexpr std::string_view kParameterNames[] = {
    "q",         "state",  "mechanism", "organisation", "year",  "kind",
    "published", "facets", "sort",      "offset",       "limit", "facet_limit",
    "prefix",    "window", "type",      "doc",          "format",
    "member_of", "measure", "rows",     "cols",      "resolve"};

std::string leading_parameter(std::string_view message) {
    const auto colon = message.find(':');
    if (colon == std::string_view::npos) return {};
    const auto head = message.substr(0, colon);
    for (auto name : kParameterNames) {
        if (head == name) return std::string(name);
    }
    return {};
}

}  // namespace

ApiError to_api_error(const Status& status) {
    ApiError error{api_code_for(status.code()), status.message(), {}};
    if (error.code == ApiCode::kBadParameter) error.parameter = leading_parameter(status.message());
    if (error.code == ApiCode::kTooLarge) error.parameter = "q";
    // Internal details (paths, exception text) are for the log, not for the client.
    if (error.code == ApiCode::kInternal) error.message = "internal error";
    if (error.code == ApiCode::kUnavailable) error.message = "the index cannot be read right now";
    return error;
}

nlohmann::json error_json(const ApiError& error) {
    nlohmann::json body = {{"status", http_status(error.code)},
                           {"code", api_code_name(error.code)},
                           {"message", error.message}};
    if (!error.parameter.empty()) body["parameter"] = error.parameter;
    if (error.code == ApiCode::kBadQuery) {
        // "syntax error: 'AND' at offset 4 ...": docs/api.md promises the offset as a field.
        static constexpr std::string_view kAt = "at offset ";
        const auto at = error.message.find(kAt);
        if (at != std::string::npos) {
            const char* first = error.message.data() + at + kAt.size();
            const char* last = error.message.data() + error.message.size();
            std::size_t offset = 0;
            if (std::from_chars(first, last, offset).ec == std::errc{}) body["offset"] = offset;
        }
    }
    return {{"error", std::move(body)}};
}

std::string dump_json(const nlohmann::json& body) {
    // Document data is stored as the indexer read it; never let one bad byte turn into a throw.
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write_error(httplib::Response& res, const ApiError& error) {
    res.status = http_status(error.code);
    res.set_content(dump_json(error_json(error)), std::string(kJsonType));
    if (res.status == 503) res.set_header("Retry-After", "1");
}

void write_detailed_error(httplib::Response& res, const DetailedError& error) {
    nlohmann::json body = error_json(error.error);
    if (error.details.is_object()) body["error"].update(error.details);
    res.status = http_status(error.error.code);
    res.set_content(dump_json(body), std::string(kJsonType));
}

void write_method_not_allowed(httplib::Response& res, std::string_view method,
                              std::string_view allow) {
    write_error(res, {ApiCode::kMethodNotAllowed,
                      std::string(method) + " is not allowed here; use " + std::string(allow),
                      {}});
    res.set_header("Allow", std::string(allow));
}

void write_json(httplib::Response& res, const nlohmann::json& body) {
    res.status = 200;
    res.set_content(dump_json(body), std::string(kJsonType));
}

void write_body(httplib::Response& res, std::string body, std::string_view content_type) {
    res.status = 200;
    res.set_content(std::move(body), std::string(content_type));
}

void write_stream(httplib::Response& res, std::string_view content_type,
                  httplib::ContentProviderWithoutLength provider) {
    res.status = 200;
    res.set_chunked_content_provider(std::string(content_type), std::move(provider));
}

void write_no_content(httplib::Response& res) { res.status = 204; }

void close_after(httplib::Response& res) {
    res.set_header("Connection", "close");
    // httplib 0.11.4 keeps a connection open unless the request asked to close it or a write
    // failed. A sized provider that delivers the whole body and then reports failure is the
    // one way to close after a complete answer.
    auto body = std::make_shared<std::string>(std::move(res.body));
    res.body.clear();
    if (body->empty()) *body = "\n";  // a sized provider needs at least one byte
    const std::string type = res.get_header_value("Content-Type");
    res.headers.erase("Content-Type");  // set_content_provider adds it again
    res.set_content_provider(
        body->size(), type,
        [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            sink.write(body->data() + offset, length);
            return false;
        });
}

bool is_success(int status) { return status >= 200 && status < 400; }

}  // namespace consulta
