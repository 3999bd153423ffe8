#pragma once
#include <string_view>

namespace consulta {

/// The OpenAPI document (searchd/openapi.json), embedded in the binary at build time so the
/// daemon serves it wherever it is installed.
std::string_view openapi_document();

}  // namespace consulta
