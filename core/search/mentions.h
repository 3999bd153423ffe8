#pragma once
// Keyword-in-context rows for the mentions route and its CSV/JSONL exports.
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include <xapian.h>

#include "core/entities/gazetteer.h"
#include "core/index/document_record.h"
#include "core/search/search_types.h"

namespace consulta {

/// Which mentions of a matching document become rows.
struct MentionSelection {
    std::set<EntityType> types;                           ///< row types
    std::map<EntityType, std::set<std::string>> ids;      ///< per type: only these ids (absent = all)
    bool include_demonyms = true;                         ///< demonym mentions of states count
};

/// Whether a mention is a row under the selection.
bool selects(const MentionSelection& selection, const Mention& mention);

/// How many rows each document gives (documents with none are absent), from the entity terms'
/// postings, whose wdf is the mention count: pagination then skips whole documents without
/// reading their data or their (compressed) term lists.
std::unordered_map<Xapian::docid, std::size_t> count_rows(const Xapian::Database& db,
                                                          const MentionSelection& selection);

/// `chars` code points of context before `pos`, whitespace runs collapsed to one space.
std::string left_context(std::string_view text, std::size_t pos, std::size_t chars);

/// `chars` code points of context from `pos` on, whitespace runs collapsed to one space.
std::string right_context(std::string_view text, std::size_t pos, std::size_t chars);

/// Code-point offsets of byte offsets into one text. Walks forward from the last offset asked,
/// so a document's mentions in offset order cost one pass over its text.
class CodePointCursor {
public:
    explicit CodePointCursor(std::string_view text) : text_(text) {}
    /// The number of code points before byte `byte` (clamped to the text).
    std::uint32_t at(std::uint32_t byte);

private:
    std::string_view text_;
    std::uint32_t byte_ = 0, code_points_ = 0;
};

/// Code points in UTF-8 text: the bytes that are not continuation bytes.
std::uint32_t count_code_points(std::string_view text);

/// The row of one mention, with the document's title, kind and year and code-point offsets.
MentionRow make_row(const DocumentRecord& record, const Mention& mention,
                    const Gazetteer& gazetteer, std::size_t window, CodePointCursor& code_points);

}  // namespace consulta
