#include "core/search/query_substitution.h"

#include <charconv>
#include <optional>
#include <string_view>
#include <vector>

namespace consulta {
namespace {

// "Query(x)" -> "x".
std::string inner_description(const Xapian::Query& q) {
    std::string d = q.get_description();
    if (d.starts_with("Query(") && d.ends_with(")")) d = d.substr(6, d.size() - 7);
    return d;
}

// Xapian 1.4 does not expose a PHRASE/NEAR window, an ELITE_SET size or a SCALE_WEIGHT factor;
// its description does, right after the first subquery: "(a@1 PHRASE 3 b@2 ...)",
// "0.5 * a@1". nullopt when the description is not in that shape.
std::optional<std::string> parameter_after_first(const Xapian::Query& q, std::string_view op) {
    const std::string node = inner_description(q);
    const std::string first = "(" + inner_description(q.get_subquery(0)) + " " + std::string(op) + " ";
    if (!node.starts_with(first)) return std::nullopt;
    const std::size_t from = first.size();
    const std::size_t to = node.find(' ', from);
    if (to == std::string::npos) return std::nullopt;
    return node.substr(from, to - from);
}

std::optional<unsigned> unsigned_of(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
    return value;
}

std::optional<double> scale_factor(const Xapian::Query& q) {
    const std::string node = inner_description(q);
    const std::size_t star = node.find(" * ");
    if (star == std::string::npos) return std::nullopt;
    try {
        std::size_t used = 0;
        const double factor = std::stod(node.substr(0, star), &used);
        if (used != star) return std::nullopt;
        return factor;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace

Xapian::Query substitute_terms(const Xapian::Query& query, const TermSubstitutions& substitutions) {
    const Xapian::Query::op type = query.get_type();
    if (type == Xapian::Query::LEAF_TERM) {
        auto term = query.get_terms_begin();
        if (term == query.get_terms_end()) return query;
        auto it = substitutions.find(*term);
        return it == substitutions.end() ? query : it->second;
    }
    const std::size_t n = query.get_num_subqueries();
    if (n == 0) return query;
    std::vector<Xapian::Query> parts;
    parts.reserve(n);
    bool changed = false;
    for (std::size_t i = 0; i < n; ++i) {
        const Xapian::Query sub = query.get_subquery(i);
        parts.push_back(substitute_terms(sub, substitutions));
        // Query has no operator==; a rebuilt branch never shares the original's description.
        if (!changed && parts.back().get_description() != sub.get_description()) changed = true;
    }
    if (!changed) return query;
    switch (type) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
            return Xapian::Query(type, parts.begin(), parts.end());
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR:
        case Xapian::Query::OP_ELITE_SET: {
            const char* name = type == Xapian::Query::OP_PHRASE ? "PHRASE"
                               : type == Xapian::Query::OP_NEAR ? "NEAR"
                                                                : "ELITE_SET";
            auto window = unsigned_of(parameter_after_first(query, name));
            if (!window) return query;
            return Xapian::Query(type, parts.begin(), parts.end(), *window);
        }
        case Xapian::Query::OP_SCALE_WEIGHT: {
            auto factor = scale_factor(query);
            if (!factor || parts.size() != 1) return query;
            return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, parts.front(), *factor);
        }
        default:
            return query;
    }
}

}  // namespace consulta
