#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/entities/mention.h"

namespace consulta {

/// A page of a PDF: text bytes [start, end) of the extracted text belong to page `number` (1-based).
struct PageSpan {
    int number = 1;
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    friend bool operator==(const PageSpan&, const PageSpan&) = default;
};

/// What the catalogue and the file say about a document.
struct DocumentMeta {
    std::string id;          ///< file name without extension
    std::string title;
    std::string kind;        ///< "report", "workshop record", "case study", "presentation", or ""
    std::string publisher;
    int published = 0;       ///< publication year, 0 when unknown
    std::string path;        ///< path relative to the corpus root's parent: "corpus/004_....txt"
    std::string format;      ///< "txt", "md", "html", "pdf"
    std::string source_encoding;  ///< "UTF-8", "windows-1252" ...
    friend bool operator==(const DocumentMeta&, const DocumentMeta&) = default;
};

/// Everything stored for one document: the API answers documents, snippets and mentions from it.
struct DocumentRecord {
    DocumentMeta meta;
    std::string text;                 ///< the text that offsets refer to (valid UTF-8)
    std::vector<PageSpan> pages;      ///< empty unless PDF
    std::vector<Mention> mentions;    ///< sorted by start
    friend bool operator==(const DocumentRecord&, const DocumentRecord&) = default;
};

/// The page number that holds byte `offset`, or 0 when the record has no pages.
int page_of(const DocumentRecord& record, std::uint32_t offset);

/// Serialises a record for Xapian's document data (JSON).
std::string serialise_record(const DocumentRecord& record);

/// Parses document data written by serialise_record().
Result<DocumentRecord> parse_record(std::string_view data);

}  // namespace consulta
