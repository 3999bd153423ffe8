#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/index/document_record.h"

namespace consulta {

/// A corpus file turned into text.
struct SourceDocument {
    std::string id;                  ///< file name without extension
    std::filesystem::path path;
    std::string format;              ///< "txt", "md", "html", "pdf"
    std::string text;                ///< valid UTF-8; offsets of mentions refer to it
    std::vector<PageSpan> pages;     ///< PDF only: the bytes of each page
    std::string source_encoding;     ///< "UTF-8", "windows-1252" ...
    std::size_t replaced = 0;        ///< invalid byte sequences replaced by U+FFFD
    std::string first_heading;       ///< first non-empty line (HTML: <title> or first heading), for untitled files
};

/// True for the extensions the indexer reads: .txt .md .html .htm .pdf (case-insensitive).
bool is_supported_source(const std::filesystem::path& file);

/// Reads one corpus file. Text files are decoded with decode_to_utf8() (kept byte for byte
/// when valid UTF-8); HTML loses tags, scripts and styles; PDF is read page by page with
/// poppler-cpp. A file that cannot be read (binary, encrypted or truncated PDF, permission
/// denied, over `max_bytes`) is kUnreadable with a reason a person understands.
Result<SourceDocument> read_source(const std::filesystem::path& file, std::size_t max_bytes);

/// The same, from the file's bytes already read with read_regular_file().
Result<SourceDocument> read_source(const std::filesystem::path& file, std::string bytes);

/// The bytes of a regular file, never through a symbolic link (O_NOFOLLOW) and never blocking
/// on a FIFO or device (O_NONBLOCK, then fstat); kUnreadable over `max_bytes`.
Result<std::string> read_regular_file(const std::filesystem::path& file, std::size_t max_bytes);

}  // namespace consulta
