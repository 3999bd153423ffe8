#include "bench/sotu/layout_check.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>
#include <vector>

namespace consulta::bench {

namespace {

bool same_score(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(a)); }

std::set<std::string> ids_of(const std::vector<SearchHit>& hits, std::size_t from, std::size_t to) {
    std::set<std::string> ids;
    for (std::size_t i = from; i < to; ++i) ids.insert(hits[i].id);
    return ids;
}

// Hit by hit: the same scores; within each run of equal scores the same documents, but for
// the run the page ends in (either side may cut it at another of the tied documents).
std::string page_difference(const std::vector<SearchHit>& ref, const std::vector<SearchHit>& ours) {
    if (ref.size() != ours.size()) {
        return "first page has " + std::to_string(ours.size()) + " hits, not " + std::to_string(ref.size());
    }
    for (std::size_t i = 0; i < ref.size(); ++i) {
        if (!same_score(ref[i].score, ours[i].score)) {
            return "hit " + std::to_string(i + 1) + " scores " + std::to_string(ours[i].score) +
                   ", not " + std::to_string(ref[i].score) + " (" + ref[i].id + ")";
        }
    }
    for (std::size_t start = 0, end = 0; start < ref.size(); start = end) {
        end = start + 1;
        while (end < ref.size() && same_score(ref[end].score, ref[start].score)) ++end;
        if (end < ref.size() && ids_of(ref, start, end) != ids_of(ours, start, end)) {
            return "hits " + std::to_string(start + 1) + "-" + std::to_string(end) +
                   " (equal scores) are other documents, e.g. " + ours[start].id + " for " + ref[start].id;
        }
    }
    return {};
}

std::string facet_difference(const SearchResponse& ref, const SearchResponse& ours) {
    for (const auto& [type, values] : ref.facets) {
        const auto it = ours.facets.find(type);
        const std::vector<FacetValue> none;
        const std::vector<FacetValue>& other = it == ours.facets.end() ? none : it->second;
        bool same = values.size() == other.size();
        for (std::size_t i = 0; same && i < values.size(); ++i) {
            same = values[i].value == other[i].value && values[i].count == other[i].count;
        }
        if (!same) {
            std::string why = "facet " + std::string(facet_type_name(type)) + " differs:";
            for (std::size_t i = 0; i < std::max(values.size(), other.size()); ++i) {
                const bool a = i < values.size(), b = i < other.size();
                if (a && b && values[i].value == other[i].value && values[i].count == other[i].count) continue;
                why += " #" + std::to_string(i + 1) + " " +
                       (b ? other[i].value + "=" + std::to_string(other[i].count) : "none") + ", one database " +
                       (a ? values[i].value + "=" + std::to_string(values[i].count) : "none") + ";";
            }
            return why;
        }
    }
    if (ours.facets.size() != ref.facets.size()) return "other facets";
    return {};
}

}  // namespace

LayoutCheck same_answers(const BenchQuery& query, LayoutSearchers reference, LayoutSearchers layout,
                         std::size_t every) {
    SearchRequest every_hit = query.request;
    every_hit.limit = std::max<std::size_t>(every, 1);
    every_hit.facets.clear();
    auto ref_all = reference.all.search(every_hit);
    auto ref_page = reference.page.search(query.request);
    auto our_all = layout.all.search(every_hit);
    auto our_page = layout.page.search(query.request);
    LayoutCheck c;
    for (const auto* r : {&ref_all, &ref_page, &our_all, &our_page}) {
        if (!*r) {
            c.refused = true;
            c.message = "Consulta refused the query: " + r->status().message();
            return c;
        }
    }
    std::vector<std::string> why;
    c.total = our_all->total == ref_all->total && our_page->total == ref_page->total;
    if (!c.total) {
        why.push_back("totals differ: " + std::to_string(our_page->total) + ", one database " +
                      std::to_string(ref_page->total));
    }
    const auto ours = ids_of(our_all->hits, 0, our_all->hits.size());
    const auto ref = ids_of(ref_all->hits, 0, ref_all->hits.size());
    c.ids = ours == ref;
    if (!c.ids) {
        std::vector<std::string> only;
        std::set_symmetric_difference(ours.begin(), ours.end(), ref.begin(), ref.end(),
                                      std::back_inserter(only));
        why.push_back("matching ids differ: " + std::to_string(only.size()) + " on one side only (e.g. " +
                      only.front() + ")");
    }
    const std::string page = page_difference(ref_page->hits, our_page->hits);
    c.page = page.empty();
    if (!c.page) why.push_back(page);
    const std::string facets = facet_difference(*ref_page, *our_page);
    c.facets = facets.empty();
    if (!c.facets) why.push_back(facets);
    if (why.empty()) {
        c.message = "ok: " + std::to_string(ref_page->total) + " matches, first page and facets as one database";
    }
    for (const std::string& w : why) c.message += (c.message.empty() ? "" : "; ") + w;
    return c;
}

}  // namespace consulta::bench
