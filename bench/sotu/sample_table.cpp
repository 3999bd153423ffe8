#include "bench/sotu/sample_table.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace consulta::bench {

bool SampleTable::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::stringstream ss(line);
        for (std::string field; std::getline(ss, field, '\t');) fields.push_back(field);
        if (fields.size() != 6) continue;  // a truncated line from an interrupted run
        FigureKey key{fields[0], fields[1], fields[2], fields[3], fields[4]};
        if (std::find(corpora_.begin(), corpora_.end(), key.corpus) == corpora_.end()) {
            corpora_.push_back(key.corpus);
        }
        auto& subjects = subjects_[{key.corpus, key.section}];
        if (std::find(subjects.begin(), subjects.end(), key.subject) == subjects.end()) {
            subjects.push_back(key.subject);
        }
        values_[key].push_back(std::strtod(fields[5].c_str(), nullptr));
    }
    return true;
}

std::optional<Summary> SampleTable::summary(const FigureKey& key) const {
    const auto it = values_.find(key);
    if (it == values_.end() || it->second.empty()) return std::nullopt;
    std::vector<double> v = it->second;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    const double median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    const auto rank = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(n)));
    double sum = 0;
    for (double x : v) sum += x;
    return Summary{n, median, v[std::min(n - 1, rank - 1)], sum};
}

std::vector<std::string> SampleTable::subjects(const std::string& corpus,
                                               const std::string& section) const {
    const auto it = subjects_.find({corpus, section});
    return it == subjects_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace consulta::bench
