#pragma once
// The parameter and result structs of the search service. searchd parses HTTP into the
// requests and renders the results as JSON (search_json.h); consulta-search does the same
// from a command line. No Xapian type appears here.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/entities/mention.h"

namespace consulta {

/// The facet (and filter) types of the API.
enum class FacetType : std::uint8_t { kState, kMechanism, kOrganisation, kYear, kKind, kPublished };

inline constexpr FacetType kAllFacetTypes[] = {FacetType::kState, FacetType::kMechanism,
                                               FacetType::kOrganisation, FacetType::kYear,
                                               FacetType::kKind, FacetType::kPublished};

std::string_view facet_type_name(FacetType type);          ///< "state", ..., "published"
std::optional<FacetType> parse_facet_type(std::string_view name);

/// Filters: values of one facet are OR'd, different facets AND'd. Values are as the client
/// wrote them (ids, names, aliases, "2000..2010"); the searcher resolves them and answers
/// kBadParameter naming the facet when one cannot be resolved.
using Filters = std::map<FacetType, std::vector<std::string>>;

/// A name typed in q that was read as an entity too ("Eswatini" -> state SZ).
struct ResolvedName {
    std::string text;                    ///< as written in q
    EntityType type = EntityType::kState;
    std::string id, label;
};

/// A filter value as the gazetteer read it: "Swaziland" -> SZ, "Eswatini".
struct ResolvedFilter {
    std::string value;                   ///< as the client wrote it
    std::string id, label;
};

/// A name typed in q that several entities share ("Korea"): it stays a word.
struct AmbiguousName {
    std::string text;
    EntityType type = EntityType::kState;
    std::vector<std::pair<std::string, std::string>> candidates;  ///< id, label
};

enum class SortOrder : std::uint8_t { kRelevance, kYearAscending, kYearDescending, kTitle };

struct SearchRequest {
    std::string q;                       ///< Xapian query syntax; empty matches every document
    Filters filters;
    std::vector<FacetType> facets{std::begin(kAllFacetTypes), std::end(kAllFacetTypes)};
    std::size_t facet_limit = 10;        ///< values per facet; 0 = all
    std::size_t offset = 0;
    std::size_t limit = 10;              ///< 0 = counts and facets only
    SortOrder sort = SortOrder::kRelevance;
    bool lenient = false;                ///< on a syntax error, fall back instead of kBadQuery
    bool debug = false;                  ///< fill SearchResponse::parsed_query
    bool include_demonyms = true;        ///< false: state filters/facets ignore demonym mentions
    std::vector<std::string> member_of;  ///< mechanisms: documents mentioning any member state
    bool cooccurrence = false;           ///< also count every facet under all filters
    bool resolve_names = true;           ///< names in q also match their entity's mentions
};

struct Snippet {
    std::string text;
    std::uint32_t start = 0, end = 0;    ///< the snippet's byte range in the document text
    int page = 0;                        ///< PDF page of the first highlight, 0 when not a PDF
    std::vector<int> pages;              ///< {first, last} page when the snippet crosses a page break
    std::vector<std::pair<std::uint32_t, std::uint32_t>> highlights;  ///< [start, end) in `text`
};

struct SearchHit {
    std::string id, title, kind, publisher;
    int published = 0;
    double score = 0;
    std::size_t rank = 0;                ///< 1-based, over the whole result list
    std::vector<Snippet> snippets;
    std::map<EntityType, std::vector<std::string>> entities;  ///< ids per type, sorted
};

/// One row of the search export: a hit with its mention counts per entity.
struct ExportHit {
    std::string id, title, kind, publisher;
    int published = 0;
    double score = 0;
    std::map<EntityType, std::vector<std::pair<std::string, std::size_t>>> mentions;  ///< id, count
};

struct FacetValue {
    std::string value, label;
    std::size_t count = 0;
};

struct SearchResponse {
    SearchRequest request;
    std::size_t total = 0;               ///< exact
    double took_ms = 0;
    std::uint64_t generation = 0;
    std::optional<std::string> suggestion;
    std::vector<SearchHit> hits;
    std::map<FacetType, std::vector<FacetValue>> facets;
    std::map<FacetType, std::vector<FacetType>> facet_filters;  ///< filters applied to each facet's counts
    std::string parsed_query;            ///< Query::get_description(), under debug
    /// Under cooccurrence: each facet counted over the matches of every filter, its own
    /// included (how many of the `total` documents carry each value).
    std::map<FacetType, std::vector<FacetValue>> cooccurrence;
    std::vector<ResolvedName> resolved;  ///< names of q read as entities (resolve_names)
    std::vector<AmbiguousName> ambiguous;  ///< names of q left as words, with their candidates
    std::map<FacetType, std::vector<ResolvedFilter>> resolved_filters;  ///< state, mechanism, organisation
};

struct FacetValuesRequest {
    FacetType type = FacetType::kState;
    std::string q;
    Filters filters;
    std::string prefix;                  ///< matches the start of a word of label, id or alias
    std::size_t limit = 20;              ///< 0 = all
    bool include_demonyms = true;
    bool resolve_names = true;           ///< names in q also match their entity's mentions
};

struct FacetValuesResponse {
    FacetType type = FacetType::kState;
    std::size_t total_values = 0;        ///< values matching the prefix, before the limit
    std::vector<FacetValue> values;
    std::uint64_t generation = 0;
};

struct MentionView {
    std::uint32_t start = 0, end = 0;
    std::string text;
    MentionForm form = MentionForm::kName;
    int page = 0;
};

struct EntityMentions {
    std::string id, name;
    std::vector<MentionView> mentions;
};

struct DocumentView {
    std::string id, title, kind, publisher, path, format;
    int published = 0;
    std::size_t bytes = 0;
    std::uint64_t generation = 0;
    std::map<EntityType, std::vector<EntityMentions>> entities;  ///< by count desc, then id
    std::optional<std::string> text;     ///< when asked for
};

struct MentionsRequest {
    Filters filters;                     ///< state, mechanism, organisation, year
    std::string q;
    std::vector<std::string> docs;       ///< restrict to these document ids
    std::vector<EntityType> types;       ///< rows of these types; empty = see api.md
    std::size_t window = 60;             ///< characters of context each side
    std::size_t offset = 0;
    std::optional<std::size_t> limit = 50;  ///< nullopt = every row (exports)
    bool include_demonyms = true;
    bool resolve_names = true;           ///< names in q also match their entity's mentions
    std::vector<std::string> member_of;  ///< mechanisms: documents mentioning a member; their rows
};

struct MentionRow {
    std::string doc;
    EntityType type = EntityType::kState;
    std::string entity, label;
    MentionForm form = MentionForm::kName;
    std::uint32_t start = 0, end = 0;
    std::string text, left, right;
    int page = 0;                        ///< 0 when not a PDF
    std::string title, kind;             ///< of the document
    int published = 0;                   ///< publication year of the document, 0 when unknown
    std::uint32_t char_start = 0, char_end = 0;  ///< code-point offsets of start and end
};

struct YearCount {
    int year = 0;
    std::size_t documents = 0, mentions = 0;
};

struct EntityView {
    EntityType type = EntityType::kState;
    std::string id, name, kind, region;
    std::vector<std::string> aliases;
    std::vector<std::string> members;     ///< mechanism: member states
    std::vector<std::string> mechanisms;  ///< state: mechanisms it belongs to
    int established = 0;
    std::size_t documents = 0, mentions = 0;
    std::vector<YearCount> by_year;       ///< by publication year of the documents
    std::uint64_t generation = 0;
};

struct IndexStats {
    std::size_t documents = 0;
    std::map<EntityType, std::size_t> mentions;
    std::uint64_t index_bytes = 0;
    std::uint64_t generation = 0;
    std::string indexed_at;
    bool has_pages = false;               ///< some document is a PDF (CSV gets a page column)
};

// --- Cross-tabs --------------------------------------------------------------------------------

/// What a cross-tab cell counts: documents, or mentions of the entity axis (api.md).
enum class CrosstabMeasure : std::uint8_t { kDocuments, kMentions };

struct CrosstabRequest {
    FacetType rows = FacetType::kState;
    FacetType cols = FacetType::kYear;
    CrosstabMeasure measure = CrosstabMeasure::kDocuments;
    std::string q;
    Filters filters;
    std::vector<std::string> member_of;
    bool include_demonyms = true;
    bool resolve_names = true;           ///< names in q also match their entity's mentions
};

struct CrosstabValue {
    std::string id, label;
    std::size_t total = 0;
};

/// The member list a member_of value stood for, with where (and when) it was read.
struct MembershipView {
    std::string mechanism, name, source;
    std::vector<std::string> members;
};

struct CrosstabResponse {
    CrosstabRequest request;
    std::vector<CrosstabValue> rows, cols;
    std::vector<std::vector<std::size_t>> cells;  ///< cells[row][col]
    std::size_t total = 0;               ///< the grand total (each document or mention once)
    std::size_t documents = 0;           ///< documents matching q and the filters
    std::vector<MembershipView> member_of;
    std::uint64_t generation = 0;
};

// --- Concordance ---------------------------------------------------------------------------

/// The order of concordance lines: by document then offset, or by the Nth word left or right.
enum class ConcordanceSort : std::uint8_t { kDocument, kL1, kL2, kL3, kR1, kR2, kR3 };

struct ConcordanceRequest {
    std::string q;                       ///< a word, a phrase (words in a row) or word* wildcards
    Filters filters;
    std::vector<std::string> member_of;
    std::vector<std::string> docs;
    std::size_t window = 60;
    std::size_t offset = 0;
    std::optional<std::size_t> limit = 50;  ///< nullopt = every line (exports)
    ConcordanceSort sort = ConcordanceSort::kDocument;
    bool include_demonyms = true;
};

struct ConcordanceRow {
    std::string doc, title, kind;
    int published = 0;
    std::uint32_t start = 0, end = 0, char_start = 0, char_end = 0;
    std::string text, left, right;
    int page = 0;
    std::vector<std::string> left_words, right_words;  ///< folded words, nearest first (up to 3)
};

}  // namespace consulta
