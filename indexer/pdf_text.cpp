#include "indexer/pdf_text.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>

#include "core/text/encoding.h"

namespace consulta {

namespace {

// poppler writes every syntax warning of a damaged file to stderr; the indexer reports what
// matters itself ("not a readable PDF"), so its log stays readable.
void ignore_poppler_message(const std::string&, void*) {}

void silence_poppler() {
    static std::once_flag once;
    std::call_once(once,
                   [] { poppler::set_debug_error_function(ignore_poppler_message, nullptr); });
}

std::string to_std_string(const poppler::ustring& text) {
    const poppler::byte_array utf8 = text.to_utf8();
    return std::string(utf8.begin(), utf8.end());
}

bool is_trailing_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Page text as the index keeps it: LF line ends, no form feeds (the separator marks pages),
// no NULs from unmapped glyphs, no trailing blank lines, valid UTF-8.
std::string clean_page_text(std::string raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\r') {
            if (i + 1 >= raw.size() || raw[i + 1] != '\n') out += '\n';
        } else if (c != '\f' && c != '\0') {
            out += c;
        }
    }
    while (!out.empty() && is_trailing_space(out.back())) out.pop_back();
    if (!is_valid_utf8(out)) out = decode_to_utf8(out).text;
    return out;
}

std::string trim(std::string s) {
    const auto not_space = [](char c) { return !is_trailing_space(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    while (!s.empty() && is_trailing_space(s.back())) s.pop_back();
    return s;
}

Status not_readable() {
    return {ErrorCode::kUnreadable, "not a readable PDF (truncated or damaged)"};
}

Result<PdfText> extract(std::string_view bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return not_readable();
    silence_poppler();
    // load_from_raw_data does not copy: `bytes` outlives the document within this function.
    const std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!document) return not_readable();
    // A document that opens without a password (an owner password only restricts printing or
    // copying) is read; one that needs the user password cannot be.
    if (document->is_locked()) {
        return Status{ErrorCode::kUnreadable, "encrypted PDF (needs a password to open)"};
    }
    const int page_count = document->pages();
    if (page_count <= 0) return not_readable();

    PdfText out;
    out.title = trim(to_std_string(document->get_title()));
    if (!is_valid_utf8(out.title)) out.title = decode_to_utf8(out.title).text;
    out.pages.reserve(static_cast<std::size_t>(page_count));
    for (int i = 0; i < page_count; ++i) {
        if (i > 0) out.text += kPdfPageSeparator;
        PageSpan span;
        span.number = i + 1;
        span.start = static_cast<std::uint32_t>(out.text.size());
        const std::unique_ptr<poppler::page> page(document->create_page(i));
        if (page) {
            // Reading order, as pdftotext without -layout: the physical layout pads columns
            // with runs of spaces that would split phrases and snippets.
            out.text += clean_page_text(to_std_string(
                page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout)));
        }
        span.end = static_cast<std::uint32_t>(out.text.size());
        out.pages.push_back(span);
    }
    return out;
}

}  // namespace

Result<PdfText> extract_pdf_text(std::string_view bytes) {
    try {
        return extract(bytes);
    } catch (const std::exception& e) {
        return Status{ErrorCode::kUnreadable, std::string("PDF could not be read: ") + e.what()};
    } catch (...) {
        return not_readable();
    }
}

}  // namespace consulta
