#include "bench/sotu/check.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <set>
#include <vector>

namespace consulta::bench {

namespace {

std::string first_of(const std::set<std::string>& ids) { return ids.empty() ? "" : *ids.begin(); }

std::set<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::set<std::string> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}

bool same_weight(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(a)); }

}  // namespace

CheckResult check_query(const BenchQuery& query, Searcher& page, Searcher& all, PlainSearch& plain) {
    const PlainAnswer everything = plain.search(query.plain_q, query.plain_filter, plain.doccount());
    std::map<std::string, double> weight_of;  // plain's weight of every match, by id
    std::vector<std::string> plain_ranked;
    for (const PlainHit& hit : everything.hits) {
        const std::string id = plain.document_id(hit.docid);
        weight_of[id] = hit.weight;
        plain_ranked.push_back(id);
    }
    std::set<std::string> plain_all;
    for (const auto& [id, weight] : weight_of) plain_all.insert(id);

    SearchRequest every_hit = query.request;
    every_hit.limit = std::max<std::size_t>(plain.doccount(), 1);
    auto consulta_all = all.search(every_hit);
    auto consulta_page = page.search(query.request);
    if (!consulta_all || !consulta_page) {
        return {false, "Consulta refused the query: " +
                           (consulta_all ? consulta_page.status() : consulta_all.status()).message()};
    }
    if (consulta_all->total != everything.total || consulta_page->total != everything.total) {
        return {false, "totals differ: Consulta " + std::to_string(consulta_all->total) + " / " +
                           std::to_string(consulta_page->total) + ", plain " +
                           std::to_string(everything.total)};
    }
    std::set<std::string> ours_all;
    for (const SearchHit& hit : consulta_all->hits) ours_all.insert(hit.id);
    if (ours_all != plain_all) {
        return {false, "matching ids differ: " + std::to_string(minus(ours_all, plain_all).size()) +
                           " only in Consulta (e.g. " + first_of(minus(ours_all, plain_all)) + "), " +
                           std::to_string(minus(plain_all, ours_all).size()) +
                           " only in plain (e.g. " + first_of(minus(plain_all, ours_all)) + ")"};
    }

    // First page: the same documents, unless the boundary falls inside a run of equal scores,
    // where either side may pick any of the tied documents.
    const std::size_t n = consulta_page->hits.size();
    if (n != std::min<std::size_t>(10, plain_ranked.size())) {
        return {false, "first page has " + std::to_string(n) + " hits"};
    }
    std::set<std::string> ours_page, plain_page(plain_ranked.begin(), plain_ranked.begin() + n);
    for (const SearchHit& hit : consulta_page->hits) ours_page.insert(hit.id);
    const double boundary = n ? weight_of[plain_ranked[n - 1]] : 0;
    for (const std::set<std::string>& differing :
         {minus(ours_page, plain_page), minus(plain_page, ours_page)}) {
        for (const std::string& id : differing) {
            if (!same_weight(weight_of[id], boundary)) {
                return {false, "first page differs beyond ties: " + id + " (weight " +
                                   std::to_string(weight_of[id]) + ", boundary " +
                                   std::to_string(boundary) + ")"};
            }
        }
    }
    return {true, "ok: " + std::to_string(everything.total) + " matches, first page of " +
                      std::to_string(n) + " agrees"};
}

}  // namespace consulta::bench
