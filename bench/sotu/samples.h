#pragma once
// One line per measured sample, tab-separated, appended to the run's samples file:
//   corpus  section  subject  variant  metric  value
// bench_report reads them back and computes medians, p99 and ratios.
#include <cstdio>
#include <string>

namespace consulta::bench {

class SampleWriter {
public:
    SampleWriter(const std::string& path, std::string corpus)
        : file_(std::fopen(path.c_str(), "a")), corpus_(std::move(corpus)) {}
    SampleWriter(const SampleWriter&) = delete;
    SampleWriter& operator=(const SampleWriter&) = delete;
    ~SampleWriter() {
        if (file_) std::fclose(file_);
    }
    bool ok() const { return file_ != nullptr; }

    void add(const std::string& section, const std::string& subject, const std::string& variant,
             const std::string& metric, double value) {
        std::fprintf(file_, "%s\t%s\t%s\t%s\t%s\t%.6g\n", corpus_.c_str(), section.c_str(),
                     subject.c_str(), variant.c_str(), metric.c_str(), value);
    }

private:
    std::FILE* file_;
    std::string corpus_;
};

}  // namespace consulta::bench
