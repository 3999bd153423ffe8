#pragma once
// A small HTML-to-text converter for corpus pages: enough HTML to read reports saved from the
// web, not a browser. Text offsets of mentions refer to the text it returns.

#include <string>
#include <string_view>

#include "core/text/encoding.h"

namespace consulta {

/// The readable content of an HTML page.
struct HtmlText {
    /// Valid UTF-8 when the input was: tags, comments, <script>, <style> and <template> removed,
    /// entities decoded (&nbsp; as a plain space), runs of whitespace collapsed to one space, block
    /// elements (p, div, li, h1-h6, tr, table ...) on lines of their own, table cells separated by
    /// a tab. The title comes first, as a paragraph of its own.
    std::string text;
    std::string title;     ///< the first <title>, whitespace collapsed; "" when there is none
    std::string first_h1;  ///< the text of the first <h1>, whitespace collapsed; "" when none
};

/// Extracts the text of an HTML document that is already valid UTF-8 (see decode_html_bytes()).
/// Never throws; malformed markup (unclosed tags, comments or quotes) loses no text before it.
HtmlText html_to_text(std::string_view html);

/// The charset an HTML document declares in its first 4 KB, in <meta charset="..."> or
/// <meta http-equiv="Content-Type" content="text/html; charset=...">, lower-cased; "" when none.
std::string declared_html_charset(std::string_view html);

/// Decodes the bytes of an HTML file. Valid UTF-8 is kept as it is. Otherwise a declared charset
/// that ICU knows is used (ISO-8859-1 and US-ASCII read as windows-1252, as browsers do), and
/// failing that decode_to_utf8() detects one. Never throws.
DecodedText decode_html_bytes(std::string_view bytes);

}  // namespace consulta
