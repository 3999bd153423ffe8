#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace consulta {

/// The document id of a file whose name without extension is `stem`. The stem is the id as it
/// is, except for the bytes a URL path or a JSON string cannot carry as they are: control
/// bytes (0x00-0x1F, 0x7F), the backslash and every byte of an invalid UTF-8 sequence become
/// %HH (upper-case hex), so "a\tb" is "a%09b" and "caf\xE9" is "caf%E9". A '%' already in a
/// name is kept: "a%09b.txt" and "a<TAB>b.txt" side by side share an id, and the second in
/// path order is skipped as a duplicate, named in the summary.
std::string document_id_for(std::string_view stem);

/// A path as one printable line for the summary: the same escapes as document ids.
std::string printable_path(const std::filesystem::path& path);

}  // namespace consulta
