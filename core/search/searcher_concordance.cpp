// Searcher::concordance: keyword-in-context lines for any word, phrase or wildcard. The
// matches are found through the position lists of the pattern's terms; only the text around
// each match is read back (StoredText), and its words give the sort keys L1..R3.
#include <algorithm>
#include <set>

#include "core/index/document_record.h"
#include "core/index/record_store.h"
#include "core/index/schema.h"
#include "core/search/concordance.h"
#include "core/search/filter_terms.h"
#include "core/search/mentions.h"
#include "core/search/searcher.h"
#include "core/search/searcher_impl.h"

namespace consulta {
namespace {

// Bytes of text read on each side of a match for its sort words, beyond the context window.
constexpr std::uint32_t kSortContextBytes = 512;
constexpr std::size_t kSortWords = 3;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Body token numbers at which each pattern word's terms occur in one document.
std::vector<std::set<std::uint32_t>> word_positions(const Xapian::Database& db, Xapian::docid did,
                                                    const std::vector<std::vector<std::string>>& terms,
                                                    const TextLayout& layout) {
    std::vector<std::set<std::uint32_t>> positions(terms.size());
    for (std::size_t w = 0; w < terms.size(); ++w) {
        for (const std::string& term : terms[w]) {
            for (auto p = db.positionlist_begin(did, term); p != db.positionlist_end(did, term);
                 ++p) {
                if (*p < layout.body_start) continue;  // a title word
                const Xapian::termpos token = *p - layout.body_start;
                if (token < layout.token_count) positions[w].insert(token);
            }
        }
    }
    return positions;
}

// The byte range of body tokens [first, last].
Result<std::pair<std::uint32_t, std::uint32_t>> token_bytes(StoredText& stored,
                                                            Tokenizer& tokenizer,
                                                            std::uint32_t first,
                                                            std::uint32_t last) {
    const TextLayout& l = stored.layout();
    auto from = stored.checkpoint(first);
    if (!from) return from.status();
    std::uint32_t end = l.text_bytes;
    const std::uint64_t after = std::uint64_t{last} + l.map_stride;
    if (after < l.token_count) {
        auto to = stored.checkpoint(static_cast<std::uint32_t>(after));
        if (!to) return to.status();
        end = to->byte;
    }
    auto text = stored.text(from->byte, end);
    if (!text) return text.status();
    std::optional<std::uint32_t> start, stop;
    for (const Token& t : tokenizer.tokenize(*text)) {
        const std::uint32_t position = t.position + from->token;
        if (position == first) start = t.start + from->byte;
        if (position == last) {
            stop = t.end + from->byte;
            break;
        }
    }
    if (!start || !stop) {
        return Status{ErrorCode::kIndex, "token " + std::to_string(first) +
                                             " not found where the position map puts it"};
    }
    return std::pair{*start, *stop};
}

// The context and sort words on each side of [start, end).
Status add_context(StoredText& stored, Tokenizer& tokenizer, std::size_t window,
                   ConcordanceRow& row) {
    const std::uint32_t reach = static_cast<std::uint32_t>(4 * window + 8) + kSortContextBytes;
    const std::uint32_t lo = row.start > reach ? row.start - reach : 0;
    auto before = stored.text(lo, row.start);
    if (!before) return before.status();
    std::string_view left(*before);
    while (lo > 0 && !left.empty() && is_continuation(left.front())) left.remove_prefix(1);
    row.left = left_context(left, left.size(), window);
    const TokenStream left_tokens = tokenizer.tokenize(left);
    // A word cut by the slice's start is not a sort word.
    const std::size_t usable = lo > 0 && !left_tokens.empty() && left_tokens.front().start == 0
                                   ? left_tokens.size() - 1
                                   : left_tokens.size();
    for (std::size_t i = 0; i < std::min(kSortWords, usable); ++i) {
        row.left_words.push_back(left_tokens[left_tokens.size() - 1 - i].norm);
    }

    const std::uint32_t text_bytes = stored.layout().text_bytes;
    const std::uint32_t hi = std::min<std::uint64_t>(std::uint64_t{row.end} + reach, text_bytes);
    auto after = stored.text(row.end, hi);
    if (!after) return after.status();
    std::string_view right(*after);
    while (hi < text_bytes && !right.empty() && is_continuation(right.back())) right.remove_suffix(1);
    row.right = right_context(right, 0, window);
    const TokenStream right_tokens = tokenizer.tokenize(right);
    const std::size_t right_usable =
        hi < text_bytes && !right_tokens.empty() && right_tokens.back().end == right.size()
            ? right_tokens.size() - 1
            : right_tokens.size();
    for (std::size_t i = 0; i < std::min(kSortWords, right_usable); ++i) {
        row.right_words.push_back(right_tokens[i].norm);
    }
    return {};
}

}  // namespace

Status Searcher::concordance(const ConcordanceRequest& request,
                             const std::function<bool(const ConcordanceRow&)>& row,
                             std::size_t* total) {
    std::size_t emitted = 0;
    return guarded(
        impl_->db, "concordance",
        [&]() -> Status {
            Impl& impl = *impl_;
            auto words = parse_pattern(request.q, impl.tokenizer);
            if (!words) return words.status();
            auto terms = pattern_terms(*words, impl.db);
            if (!terms) return terms.status();
            auto base = impl.with_member_of(pattern_query(*terms), request.member_of,
                                            request.include_demonyms);
            if (!base) return base.status();
            Xapian::Query query = *base;
            if (!request.docs.empty()) {
                std::vector<std::string> ids;
                for (const std::string& id : request.docs) ids.push_back(schema::id_term(id));
                query = Xapian::Query(Xapian::Query::OP_FILTER, query, or_of_terms(ids));
            }
            auto filtered = impl.filtered_query(query, request.filters, request.include_demonyms);
            if (!filtered) return filtered.status();

            std::vector<ConcordanceRow> lines;
            const Xapian::MSet matches = impl.all_matches_by_id(*filtered);
            for (auto item = matches.begin(); item != matches.end(); ++item) {
                const Xapian::Document doc = item.get_document();
                auto header = parse_header(doc.get_data());
                if (!header) return header.status();
                StoredText stored(doc, header->layout, impl.db);
                const auto positions = word_positions(impl.db, *item, *terms, header->layout);
                std::uint32_t counted_to = 0, code_points = 0;
                for (std::uint32_t p : positions.front()) {
                    bool in_row = true;
                    for (std::size_t w = 1; w < positions.size() && in_row; ++w) {
                        in_row = positions[w].count(p + static_cast<std::uint32_t>(w)) > 0;
                    }
                    if (!in_row) continue;
                    const auto last = p + static_cast<std::uint32_t>(positions.size() - 1);
                    auto bytes = token_bytes(stored, impl.tokenizer, p, last);
                    if (!bytes) return bytes.status();
                    ConcordanceRow line;
                    line.doc = header->meta.id;
                    line.title = header->meta.title;
                    line.kind = header->meta.kind;
                    line.published = header->meta.published;
                    line.start = bytes->first;
                    line.end = bytes->second;
                    auto skipped = stored.text(counted_to, line.start);
                    if (!skipped) return skipped.status();
                    code_points += count_code_points(*skipped);
                    counted_to = line.start;
                    auto text = stored.text(line.start, line.end);
                    if (!text) return text.status();
                    line.text = *text;
                    line.char_start = code_points;
                    line.char_end = code_points + count_code_points(line.text);
                    line.page = page_of(header->pages, line.start);
                    if (Status s = add_context(stored, impl.tokenizer, request.window, line); !s) {
                        return s;
                    }
                    lines.push_back(std::move(line));
                }
            }
            sort_lines(lines, request.sort);
            if (total) *total = lines.size();
            const std::size_t first = std::min(request.offset, lines.size());
            const std::size_t last =
                request.limit ? std::min(lines.size(), first + *request.limit) : lines.size();
            for (std::size_t i = first; i < last; ++i) {
                ++emitted;
                if (!row(lines[i])) return {};
            }
            return {};
        },
        [&] { return emitted == 0; });
}

}  // namespace consulta
