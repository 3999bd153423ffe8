#pragma once
// Names of states, mechanisms and organisations typed in the search box ("Eswatini",
// "North Korea", "Bali Process"), found with the entity tagger itself so that the search box
// reads a name exactly as the indexer tagged it in the documents.
#include <string>
#include <string_view>
#include <vector>

#include "core/entities/entity_tagger.h"
#include "core/entities/gazetteer.h"
#include "core/search/search_types.h"
#include "core/text/tokenizer.h"

namespace consulta {

/// A name of q and the span of q it replaces: one operand, a run of plain word operands
/// ("North Korea"), or a whole quoted phrase ("\"Bali Process\"").
struct NameSpan {
    ResolvedName name;
    std::size_t start = 0, end = 0;  ///< bytes of q
    bool quoted = false;             ///< the span is one "phrase", quotes included
};

struct NamesInQuery {
    std::vector<NameSpan> resolved;        ///< in q order, never overlapping
    std::vector<AmbiguousName> ambiguous;  ///< in q order, each text once
};

/// The names in q. Not looked for: prefixed values (state:..., title:...), +/- operands,
/// operands of NEAR/ADJ, a name that is only part of a phrase, demonyms ("Mauritian") and
/// years. A name the tagger would tag but that ambiguous_names.h lists ("Guinea") is
/// ambiguous, as is a listed word the tagger never tags ("Korea", "Congo").
NamesInQuery find_names(std::string_view q, Tokenizer& tokenizer, const EntityTagger& tagger,
                        const Gazetteer& gazetteer);

}  // namespace consulta
