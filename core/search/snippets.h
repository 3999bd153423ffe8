#pragma once
// Snippets: the passages of a hit that show why it matched, chosen around the query's words
// and the filtered entities' mentions, with byte-exact highlights. The matches are found
// through the index (the positions of the hit's matching terms) and only the text around the
// chosen passages is read and tokenised, so a hit costs the same in a long document as in a
// short one.
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "core/common/status.h"
#include "core/index/record_store.h"
#include "core/search/search_types.h"
#include "core/search/stem_expander.h"
#include "core/text/tokenizer.h"

namespace consulta {

/// What the snippets of one answer look for, worked out once per answer.
struct SnippetPlan {
    struct Term {
        std::string term;  ///< a positional Xapian term: a word, or an entity term (XS, XM ...)
        int key = 0;       ///< which query word or entity it stands for
    };
    std::vector<Term> terms;
    int key_count = 0;
    std::set<std::pair<EntityType, std::string>> entities;  ///< mentions to highlight
    bool include_demonyms = true;  ///< whether a demonym mentions its state
};

/// The plan for `query`: its words; its stems (Z terms), expanded to the words of the index
/// that stem alike; its title words (S terms) as body words; its entity filter terms.
SnippetPlan plan_snippets(const Xapian::Query& query, bool include_demonyms,
                          const Xapian::Database& db, StemExpander& expander,
                          std::uint64_t generation);

struct SnippetOptions {
    std::size_t count = 3;    ///< passages per hit; 0 switches snippets off
    std::size_t bytes = 240;  ///< about this many bytes each; 0 switches snippets off
};

/// At most this many positions of one term in one document are read: the passages are
/// chosen among the first ones.
inline constexpr std::size_t kMaxPositionsPerTerm = 4096;

/// Up to `count` passages of document `did` (best first): the windows holding the most
/// distinct matched words, widened to about `bytes` and cut at word boundaries (never inside a
/// UTF-8 sequence). Each snippet's text is exactly text[start, end). Without any match, one
/// passage from the start of the document. `pages` are the document's PDF pages, if any.
Result<std::vector<Snippet>> make_snippets(const Xapian::Database& db, Xapian::docid did,
                                           StoredText& text, const std::vector<PageSpan>& pages,
                                           const SnippetPlan& plan, Tokenizer& tokenizer,
                                           const SnippetOptions& options);

}  // namespace consulta
