#pragma once
// The samples file (samples.h) read back: every value of one figure, and its median and p99.
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace consulta::bench {

struct FigureKey {
    std::string corpus, section, subject, variant, metric;
    auto tie() const { return std::tie(corpus, section, subject, variant, metric); }
    bool operator<(const FigureKey& o) const { return tie() < o.tie(); }
};

struct Summary {
    std::size_t n = 0;
    double median = 0;
    double p99 = 0;  ///< nearest rank: the largest value when there are fewer than 100
    double sum = 0;
};

class SampleTable {
public:
    /// Reads "corpus section subject variant metric value" lines; false when unreadable.
    bool load(const std::string& path);

    std::optional<Summary> summary(const FigureKey& key) const;
    /// Corpora in the order they first appear in the file.
    const std::vector<std::string>& corpora() const { return corpora_; }
    /// Subjects of one section of one corpus, in the order they first appear.
    std::vector<std::string> subjects(const std::string& corpus, const std::string& section) const;

private:
    std::map<FigureKey, std::vector<double>> values_;
    std::vector<std::string> corpora_;
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> subjects_;
};

}  // namespace consulta::bench
