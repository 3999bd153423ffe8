#include "core/common/status.h"

namespace consulta {

std::string_view error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::kOk: return "ok";
        case ErrorCode::kBadQuery: return "bad_query";
        case ErrorCode::kBadParameter: return "bad_parameter";
        case ErrorCode::kNotFound: return "not_found";
        case ErrorCode::kTooLarge: return "too_large";
        case ErrorCode::kConfig: return "config_error";
        case ErrorCode::kIo: return "io_error";
        case ErrorCode::kUnreadable: return "unreadable";
        case ErrorCode::kIndex: return "index_error";
        case ErrorCode::kLocked: return "index_locked";
        case ErrorCode::kOverloaded: return "overloaded";
        case ErrorCode::kShardUnavailable: return "shard_unavailable";
        case ErrorCode::kInternal: return "internal_error";
    }
    return "internal_error";
}

}  // namespace consulta
