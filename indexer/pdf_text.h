#pragma once
// PDF text extraction with poppler-cpp, page by page, keeping where each page's text lies.

#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/index/document_record.h"

namespace consulta {

/// The text of a PDF and the byte range of each page in it.
struct PdfText {
    /// Valid UTF-8: the pages' text in reading order, joined by kPdfPageSeparator.
    std::string text;
    /// One span per page, in order, numbered from 1; the separator belongs to no page.
    std::vector<PageSpan> pages;
    std::string title;  ///< the document's Title metadata, trimmed; "" when it has none
};

/// Put between the text of two pages: a form feed on a line of its own, as pdftotext does, so
/// that a snippet never runs words of two pages together.
inline constexpr std::string_view kPdfPageSeparator = "\n\f\n";

/// Extracts the text of a PDF held in memory. kUnreadable ("encrypted PDF ...", "not a readable
/// PDF (truncated or damaged)") when poppler cannot open it or it needs a password. Never throws;
/// poppler's own diagnostics are silenced.
Result<PdfText> extract_pdf_text(std::string_view bytes);

}  // namespace consulta
