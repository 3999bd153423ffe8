#pragma once
// Prometheus text metrics: requests by route and status, a latency histogram per route, and
// gauges that the /metrics handler supplies (documents, generation, queue).
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace consulta {

/// Point-in-time values read when /metrics is scraped.
struct MetricsGauges {
    std::size_t documents = 0;
    std::uint64_t generation = 0;
    bool index_ok = false;
    std::size_t busy_workers = 0;
    std::size_t queued_connections = 0;
    std::size_t open_connections = 0;
};

/// Thread-safe request counters. Routes are labelled by their table name, never by the raw
/// path, so label cardinality stays bounded whatever clients send.
class Metrics {
public:
    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

    /// Records one finished request.
    void observe(std::string_view route, int status, double seconds);

    /// Records a connection turned away with 503 because the queue was full.
    void count_shed() { shed_.fetch_add(1, std::memory_order_relaxed); }

    /// The exposition text (text/plain; version=0.0.4).
    std::string render(const MetricsGauges& gauges) const;

private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Histogram> latency_;
    std::atomic<std::uint64_t> shed_{0};
};

}  // namespace consulta
