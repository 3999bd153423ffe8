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

/// The row of one mention.
MentionRow make_row(const DocumentRecord& record, const Mention& mention,
                    const Gazetteer& gazetteer, std::size_t window);

}  // namespace consulta
