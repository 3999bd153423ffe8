#include "core/index/document_builder.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/index/record_store.h"
#include "core/index/schema.h"
#include "core/text/normalizer.h"

namespace consulta {

namespace {

// Title words are also body words, and a gap keeps phrases from spanning title and body.
constexpr Xapian::termpos kBodyPositionGap = 100;

std::string join_sorted(const std::set<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) {
        if (!out.empty()) out += '\n';
        out += id;
    }
    return out;
}

}  // namespace

bool is_spelling_word(std::string_view term) {
    // Letters only, at least 3 bytes: numbers and fragments make poor suggestions.
    if (term.size() < 3 || term.size() > 40) return false;
    return std::none_of(term.begin(), term.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '\'' || c == '.' || c == ',';
    });
}

DocumentBuilder::DocumentBuilder(DocumentBuilderOptions options)
    : options_(std::move(options)), stemmer_(options_.stem_language) {}

const std::string& DocumentBuilder::stem(const std::string& word) {
    auto it = stem_cache_.find(word);
    if (it != stem_cache_.end()) return it->second;
    if (stem_cache_.size() > 200000) stem_cache_.clear();  // bound memory on huge vocabularies
    return stem_cache_.emplace(word, stemmer_(word)).first->second;
}

void DocumentBuilder::add_text_terms(Xapian::Document& doc, const TokenStream& tokens,
                                     std::string_view prefix, Xapian::termpos first_position) {
    std::string term(prefix);
    std::string stemmed("Z");
    stemmed += prefix;
    const std::size_t prefix_len = term.size();
    const std::size_t stemmed_len = stemmed.size();
    for (const Token& token : tokens) {
        if (token.norm.empty()) continue;
        term.resize(prefix_len);
        term += token.norm;
        doc.add_posting(term, first_position + token.position);
        // As TermGenerator's STEM_SOME: stemmed forms for words, not for numbers.
        if (token.kind == TokenKind::kWord) {
            stemmed.resize(stemmed_len);
            stemmed += stem(token.norm);
            doc.add_term(stemmed);
        }
    }
}

Xapian::Document DocumentBuilder::build(const DocumentRecord& record, const TokenStream& title,
                                        const TokenStream& body, std::string_view content_hash) {
    Xapian::Document doc;
    const DocumentMeta& meta = record.meta;
    doc.add_boolean_term(schema::id_term(meta.id));

    add_text_terms(doc, title, schema::kPrefixTitle, 1);
    add_text_terms(doc, title, "", 1);
    const Xapian::termpos body_start =
        (title.empty() ? 1 : title.back().position + 1) + kBodyPositionGap;
    add_text_terms(doc, body, "", body_start);

    // Entity terms carry the mention count as wdf, so ranking and statistics can use it.
    // Each entity term also carries the position of every mention's first token (with no wdf
    // of its own), so a snippet finds the filtered entity's mentions through the index.
    auto position_of = [&](std::uint32_t offset) -> std::optional<Xapian::termpos> {
        auto it = std::lower_bound(body.begin(), body.end(), offset,
                                   [](const Token& t, std::uint32_t off) { return t.end <= off; });
        if (it == body.end()) return std::nullopt;
        return body_start + it->position;
    };
    std::map<std::string, Xapian::termcount> entity_counts;
    std::set<std::string> facet_ids[4];
    std::set<std::string> named_states;
    for (const Mention& m : record.mentions) {
        const bool counted = m.type != EntityType::kState || m.form != MentionForm::kDemonym ||
                             options_.count_demonyms;
        const auto position = position_of(m.start);
        if (m.type == EntityType::kState && m.form != MentionForm::kDemonym) {
            const std::string term = std::string(schema::kPrefixStateNamed) + m.entity;
            ++entity_counts[term];
            if (position) doc.add_posting(term, *position, 0);
            named_states.insert(m.entity);
        }
        if (!counted) continue;
        const std::string term = std::string(schema::entity_prefix(m.type)) + m.entity;
        ++entity_counts[term];
        if (position) doc.add_posting(term, *position, 0);
        facet_ids[static_cast<int>(m.type)].insert(m.entity);
    }
    for (const auto& [term, count] : entity_counts) doc.add_term(term, count);
    for (EntityType type : kAllEntityTypes) {
        doc.add_value(schema::entity_slot(type), join_sorted(facet_ids[static_cast<int>(type)]));
    }
    doc.add_value(schema::kSlotStatesNamed, join_sorted(named_states));
    const std::string rest = std::string(1, schema::kFacetSectionSeparator) +
                             join_sorted(facet_ids[1]) + schema::kFacetSectionSeparator +
                             join_sorted(facet_ids[2]) + schema::kFacetSectionSeparator +
                             join_sorted(facet_ids[3]) + schema::kFacetSectionSeparator +
                             meta.kind + schema::kFacetSectionSeparator +
                             (meta.published > 0 ? std::to_string(meta.published) : std::string());
    doc.add_value(schema::kSlotFacets, join_sorted(facet_ids[0]) + rest);
    doc.add_value(schema::kSlotFacetsNamed, join_sorted(named_states) + rest);

    if (!meta.kind.empty()) {
        doc.add_boolean_term(std::string(schema::kPrefixKind) + meta.kind);
        doc.add_value(schema::kSlotKind, meta.kind);
    }
    if (meta.published > 0) {
        doc.add_boolean_term(std::string(schema::kPrefixPublished) + std::to_string(meta.published));
        doc.add_value(schema::kSlotPublished, Xapian::sortable_serialise(meta.published));
    }
    if (!meta.format.empty()) doc.add_boolean_term(std::string(schema::kPrefixFormat) + meta.format);
    doc.add_value(schema::kSlotContentHash, std::string(content_hash));
    doc.add_value(schema::kSlotDocId, meta.id);
    doc.add_value(schema::kSlotTitleKey, normalise_term(meta.title));
    store_record(record, body, body_start, doc, options_.text_dictionary.get());
    return doc;
}

}  // namespace consulta
