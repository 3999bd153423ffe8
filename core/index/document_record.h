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

/// The page number that holds byte `offset`, or 0 when there are no pages.
int page_of(const std::vector<PageSpan>& pages, std::uint32_t offset);
inline int page_of(const DocumentRecord& record, std::uint32_t offset) {
    return page_of(record.pages, offset);
}

/// How a document's text is laid out in its Xapian values (record_store.h): the text in
/// chunks of `chunk_bytes`, and for every `map_stride`-th body token the byte where it starts,
/// `map_positions` tokens to a value. Written by the indexer, read back by every reader, so a
/// later change of the constants does not misread an older document.
struct TextLayout {
    std::uint32_t text_bytes = 0;
    std::uint32_t token_count = 0;   ///< body tokens
    std::uint32_t body_start = 1;    ///< the Xapian position of body token 0
    std::uint32_t chunk_bytes = 4096;
    std::uint32_t map_positions = 8192;
    std::uint32_t map_stride = 16;
    friend bool operator==(const TextLayout&, const TextLayout&) = default;
};

/// The document data: what a hit shows without reading the text.
struct DocumentHeader {
    DocumentMeta meta;
    std::vector<PageSpan> pages;  ///< empty unless PDF
    TextLayout layout;
    friend bool operator==(const DocumentHeader&, const DocumentHeader&) = default;
};

/// Serialises a header for Xapian's document data (a compact binary layout).
std::string serialise_header(const DocumentHeader& header);

/// Parses document data written by serialise_header(); kIndex when it is not one.
Result<DocumentHeader> parse_header(std::string_view data);

}  // namespace consulta
