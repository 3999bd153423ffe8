#include "bench/sotu/query_set.h"

#include "core/index/schema.h"

namespace consulta::bench {

std::vector<BenchQuery> query_set() {
    std::vector<BenchQuery> out;
    auto text = [&](std::string q, std::string url) {
        BenchQuery query;
        query.label = q;
        query.url_query = std::move(url);
        query.request.q = q;
        query.plain_q = std::move(q);
        out.push_back(std::move(query));
    };
    text("war", "q=war");
    text("trade AND tariff", "q=trade%20AND%20tariff");
    text("\"foreign relations\"", "q=%22foreign%20relations%22");
    text("tax OR tariff OR trade OR budget OR debt",
         "q=tax%20OR%20tariff%20OR%20trade%20OR%20budget%20OR%20debt");
    text("congress NOT senate", "q=congress%20NOT%20senate");

    // Filters alone are a search: Consulta resolves "US" through the gazetteer, plain Xapian
    // is handed the term the indexer writes for it (with demonyms counted, as by default).
    BenchQuery filter;
    filter.label = "state=US";
    filter.url_query = "state=US";
    filter.request.filters[FacetType::kState] = {"US"};
    filter.plain_filter = std::string(schema::kPrefixState) + "US";
    out.push_back(std::move(filter));
    return out;
}

}  // namespace consulta::bench
