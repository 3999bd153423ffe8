#pragma once
// One page of GET /v1/documents/{id}: a window of its text and of its mentions, so that no
// answer grows with the document (a 16 MB text with 10^6 mentions is read a page at a time).
#include <cstddef>

#include <nlohmann/json.hpp>

#include "core/search/search_types.h"

namespace consulta {

struct DocumentPageRequest {
    bool with_text = false;
    std::size_t text_offset = 0;       ///< bytes; moved forward to a UTF-8 character start
    std::size_t text_limit = kDefaultTextBytes;
    std::size_t mentions_offset = 0;   ///< in the order of the answer: type, entity, start
    std::size_t mentions_limit = kDefaultMentions;

    static constexpr std::size_t kDefaultTextBytes = 1u << 20, kMaxTextBytes = 4u << 20;
    static constexpr std::size_t kDefaultMentions = 2000, kMaxMentions = 10000;
};

/// The answer for `view` (every mention, the whole text if asked for) cut to `page`: entities
/// keep their full `count`, their `mentions` hold only those of the page; `mentions_total`,
/// `mentions_offset` and `mentions_next` (null after the last page) say where it is; with
/// text, `text_offset` and `text_next` (null at the end) likewise.
nlohmann::json document_page_json(DocumentView view, const DocumentPageRequest& page);

}  // namespace consulta
