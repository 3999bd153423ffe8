#pragma once
// How the report writes figures: numbers to three significant figures or so, counts whole,
// ratios with ×, "—" for a figure the run did not produce; medians and p99 from the table.
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "bench/sotu/sample_table.h"

namespace consulta::bench {

inline std::string num(std::optional<double> v) {
    if (!v || !std::isfinite(*v)) return "—";
    char buf[32];
    const double a = std::fabs(*v);
    std::snprintf(buf, sizeof buf, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", *v);
    return buf;
}

/// Counts (matches, files, error answers) are whole numbers and shown so.
inline std::string whole(std::optional<double> v) {
    if (!v || !std::isfinite(*v)) return "—";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", *v);
    return buf;
}

inline std::string times(std::optional<double> v) { return v ? num(v) + "×" : "—"; }

inline std::optional<double> ratio(std::optional<double> a, std::optional<double> b) {
    if (!a || !b || *b == 0) return std::nullopt;
    return *a / *b;
}

inline std::optional<double> median_of(const SampleTable& t, const FigureKey& key, double scale = 1) {
    auto s = t.summary(key);
    if (!s) return std::nullopt;
    return s->median * scale;
}

inline std::optional<double> p99_of(const SampleTable& t, const FigureKey& key, double scale = 1) {
    auto s = t.summary(key);
    if (!s) return std::nullopt;
    return s->p99 * scale;
}

/// "median / p99" of one figure.
inline std::string median_p99(const SampleTable& t, const FigureKey& key, double scale = 1) {
    return num(median_of(t, key, scale)) + " / " + num(p99_of(t, key, scale));
}

}  // namespace consulta::bench
