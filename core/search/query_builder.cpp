#include "core/search/query_builder.h"

#include "core/index/schema.h"
#include "core/search/query_names.h"

namespace consulta {

namespace {

// Researchers refine: "trafficking botswana" means both. Phrases, boolean operators, +/-,
// a pure NOT ("NOT botswana") and wildcards are all expected. Spelling is looked up apart,
// only when a query finds (almost) nothing: suggest().
constexpr unsigned kFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                            Xapian::QueryParser::FLAG_LOVEHATE |
                            Xapian::QueryParser::FLAG_PURE_NOT |
                            Xapian::QueryParser::FLAG_WILDCARD;
constexpr unsigned kLenientFlags = Xapian::QueryParser::FLAG_PHRASE |
                                   Xapian::QueryParser::FLAG_LOVEHATE;
// "a*" on a large vocabulary would otherwise expand to thousands of terms (reliability §3.2).
constexpr Xapian::termcount kMaxWildcardExpansion = 200;

class PrefixProcessor : public Xapian::FieldProcessor {
public:
    PrefixProcessor(QueryBuilder& builder, FacetType type) : builder_(builder), type_(type) {}
    // Xapian hands over a quoted value unquoted: state:"South Africa" arrives as South Africa.
    Xapian::Query operator()(const std::string& value) override {
        return builder_.prefix_query(type_, value);
    }

private:
    QueryBuilder& builder_;
    FacetType type_;
};

// member_of:midsa - documents that mention any member state of the mechanism.
class MemberOfProcessor : public Xapian::FieldProcessor {
public:
    explicit MemberOfProcessor(QueryBuilder& builder) : builder_(builder) {}
    Xapian::Query operator()(const std::string& value) override {
        return builder_.member_of_query(value);
    }

private:
    QueryBuilder& builder_;
};

bool is_blank(std::string_view q) {
    return q.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, const Gazetteer& gazetteer,
                           const std::string& stem_language, Tokenizer& tokenizer)
    : gazetteer_(gazetteer), tagger_(gazetteer), resolver_(db, gazetteer), stemmer_(stem_language), db_(db), tokenizer_(tokenizer) {
    parser_.set_database(db);
    parser_.set_stemmer(stemmer_);
    // As the indexer: Z+stem for words, plain terms for numbers and inside phrases.
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_AND);
    parser_.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    parser_.add_prefix("title", std::string(schema::kPrefixTitle));
    const std::pair<const char*, FacetType> prefixes[] = {
        {"state", FacetType::kState},           {"mechanism", FacetType::kMechanism},
        {"organisation", FacetType::kOrganisation}, {"organization", FacetType::kOrganisation},
        {"year", FacetType::kYear},             {"kind", FacetType::kKind},
        {"published", FacetType::kPublished}};
    for (const auto& [name, type] : prefixes) {
        parser_.add_boolean_prefix(name, (new PrefixProcessor(*this, type))->release());
    }
    parser_.add_boolean_prefix("member_of", (new MemberOfProcessor(*this))->release());
}

Xapian::Query QueryBuilder::member_of_query(const std::string& value) {
    auto query = resolver_.member_of_query({value}, include_demonyms_);
    if (!query) {
        if (!prefix_error_) prefix_error_ = "member_of: " + query.status().message();
        return Xapian::Query::MatchNothing;
    }
    return *query;
}

void QueryBuilder::set_wildcard_limits(std::size_t max_wildcards, std::size_t max_expansion) {
    caps_.max_wildcards = max_wildcards;
    parser_.set_max_expansion(static_cast<Xapian::termcount>(max_expansion),
                              Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
}

Xapian::Query QueryBuilder::prefix_query(FacetType type, const std::string& value) {
    auto terms = resolver_.terms(type, value, include_demonyms_);
    if (!terms) {
        if (!prefix_error_) {
            const bool numeric = type == FacetType::kYear || type == FacetType::kPublished;
            prefix_error_ = (numeric ? std::string(facet_type_name(type)) + ": " : std::string()) +
                            terms.status().message();
        }
        return Xapian::Query::MatchNothing;
    }
    return or_of_terms(*terms);
}

Xapian::Query QueryBuilder::parse_with(const std::string& text, unsigned flags) {
    prefix_error_.reset();
    return parser_.parse_query(text, flags);
}

Result<ParsedQuery> QueryBuilder::parse(std::string_view q, bool lenient, bool include_demonyms) {
    return parse(q, QueryOptions{lenient, include_demonyms, false});
}

Xapian::Query QueryBuilder::parse_text(const std::string& text, unsigned flags,
                                       TermSubstitutions subs) {
    std::vector<std::string> split;
    const std::string shielded =
        protect_split_words(normalise_query_text(text, tokenizer_), tokenizer_, &split);
    for (std::size_t i = 0; i < split.size(); ++i) {
        // Xapian makes "Z<stem>" of a lone word and the word itself inside a phrase; the index
        // holds the same two terms of the real word.
        const std::string placeholder = "xcqw" + std::to_string(i);
        subs[placeholder] = Xapian::Query(split[i]);
        subs[std::string(schema::kPrefixStem) + stemmer_(placeholder)] =
            Xapian::Query(std::string(schema::kPrefixStem) + stemmer_(split[i]));
    }
    const Xapian::Query parsed = parse_with(shielded, flags);
    return subs.empty() ? parsed : substitute_terms(parsed, subs);
}

std::string QueryBuilder::with_names(std::string_view q, TermSubstitutions& subs,
                                     ParsedQuery& parsed) {
    NamesInQuery names = find_names(q, tokenizer_, tagger_, gazetteer_);
    parsed.ambiguous = std::move(names.ambiguous);
    std::string out;
    std::size_t cursor = 0;
    for (NameSpan& span : names.resolved) {
        const FacetType facet = span.name.type == EntityType::kState       ? FacetType::kState
                                : span.name.type == EntityType::kMechanism ? FacetType::kMechanism
                                                                           : FacetType::kOrganisation;
        auto terms = resolver_.terms(facet, span.name.id, include_demonyms_);
        if (!terms || terms->empty()) continue;
        const std::string placeholder = "xcqe" + std::to_string(parsed.resolved.size());
        subs[std::string(schema::kPrefixStem) + stemmer_(placeholder)] = or_of_terms(*terms);
        subs[placeholder] = or_of_terms(*terms);
        const std::string_view written = q.substr(span.start, span.end - span.start);
        const bool phrase = !span.quoted && written.find_first_of(" \t\r\n") != std::string_view::npos;
        out.append(q.substr(cursor, span.start - cursor));
        out += "(";
        out += phrase ? "\"" + std::string(written) + "\"" : std::string(written);
        out += " OR " + placeholder + ")";
        cursor = span.end;
        parsed.resolved.push_back(std::move(span.name));
    }
    out.append(q.substr(cursor));
    return out;
}

Result<ParsedQuery> QueryBuilder::parse(std::string_view q, const QueryOptions& options) {
    if (is_blank(q)) return ParsedQuery{match_all(), {}, {}};
    include_demonyms_ = options.include_demonyms;
    const bool lenient = options.lenient;
    const auto problem = check_query(q, caps_, tokenizer_);
    if (problem && (problem->too_complex || !lenient)) {
        return Status{ErrorCode::kBadQuery, problem->message};
    }
    ParsedQuery parsed;
    try {
        // A lenient search of a malformed query parses it without its operators at once:
        // Xapian's own fallback would read a dangling "AND" as the word "and".
        if (problem) {
            parsed.query = parse_text(strip_query_syntax(q), kLenientFlags, {});
        } else {
            TermSubstitutions subs;
            const std::string text =
                options.resolve_names ? with_names(q, subs, parsed) : std::string(q);
            parsed.query = parse_text(text, kFlags, std::move(subs));
        }
    } catch (const Xapian::QueryParserError& e) {
        if (!lenient) return Status{ErrorCode::kBadQuery, "syntax error: " + e.get_msg()};
        parsed.resolved.clear();
        parsed.ambiguous.clear();
        try {
            parsed.query = parse_text(strip_query_syntax(q), kLenientFlags, {});
        } catch (const Xapian::QueryParserError&) {
            parsed.query = parse_text(strip_query_syntax(q), 0, {});
        }
    }
    if (prefix_error_) return Status{ErrorCode::kBadQuery, *prefix_error_};
    return parsed;
}

std::string QueryBuilder::suggest(std::string_view q) {
    std::string corrected;
    std::size_t cursor = 0;
    bool changed = false;
    for (const Token& word : query_words(q, tokenizer_)) {
        if (word.norm.empty() || db_.term_exists(word.norm) ||
            db_.term_exists("Z" + stemmer_(word.norm))) {
            continue;
        }
        const std::string better = db_.get_spelling_suggestion(word.norm);
        if (better.empty() || better == word.norm) continue;
        corrected.append(q.substr(cursor, word.start - cursor));
        corrected += better;
        cursor = word.end;
        changed = true;
    }
    if (!changed) return {};
    corrected.append(q.substr(cursor));
    return corrected;
}

}  // namespace consulta
