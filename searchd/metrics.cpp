#include "searchd/metrics.h"

#include <sstream>

namespace consulta {

void Metrics::observe(std::string_view route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{std::string(route), status}];
    Histogram& h = latency_[std::string(route)];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::render(const MetricsGauges& gauges) const {
    std::ostringstream out;
    out << "# HELP consulta_http_requests_total HTTP requests by route and status.\n"
           "# TYPE consulta_http_requests_total counter\n";
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_) {
        out << "consulta_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
            << "\"} " << count << "\n";
    }
    out << "# HELP consulta_http_request_duration_seconds Time from request line to last byte.\n"
           "# TYPE consulta_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        const std::string label = "route=\"" + route + "\"";
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out << "consulta_http_request_duration_seconds_bucket{" << label << ",le=\""
                << kBuckets[i] << "\"} " << h.buckets[i] << "\n";
        }
        out << "consulta_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} "
            << h.count << "\n";
        out << "consulta_http_request_duration_seconds_sum{" << label << "} " << h.sum << "\n";
        out << "consulta_http_request_duration_seconds_count{" << label << "} " << h.count << "\n";
    }
    out << "# HELP consulta_http_shed_total Connections answered 503 because the queue was full.\n"
           "# TYPE consulta_http_shed_total counter\n"
           "consulta_http_shed_total "
        << shed_.load(std::memory_order_relaxed) << "\n";
    out << "# HELP consulta_index_up Whether the index could be read for this scrape.\n"
           "# TYPE consulta_index_up gauge\n"
           "consulta_index_up "
        << (gauges.index_ok ? 1 : 0) << "\n";
    out << "# HELP consulta_index_documents Documents in the index.\n"
           "# TYPE consulta_index_documents gauge\n"
           "consulta_index_documents "
        << gauges.documents << "\n";
    out << "# HELP consulta_index_generation Index generation as this daemon sees it.\n"
           "# TYPE consulta_index_generation gauge\n"
           "consulta_index_generation "
        << gauges.generation << "\n";
    out << "# HELP consulta_workers_busy Worker threads serving a connection.\n"
           "# TYPE consulta_workers_busy gauge\n"
           "consulta_workers_busy "
        << gauges.busy_workers << "\n";
    out << "# HELP consulta_connections_queued Connections waiting for a worker.\n"
           "# TYPE consulta_connections_queued gauge\n"
           "consulta_connections_queued "
        << gauges.queued_connections << "\n";
    out << "# HELP consulta_connections_open Client connections open (waiting or served).\n"
           "# TYPE consulta_connections_open gauge\n"
           "consulta_connections_open "
        << gauges.open_connections << "\n";
    return out.str();
}

}  // namespace consulta
