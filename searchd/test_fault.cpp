#include "searchd/test_fault.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace consulta {
namespace {

constexpr auto kMaxHold = std::chrono::seconds(30);

void log_line(const std::string& line) { std::fwrite(line.data(), 1, line.size(), stderr); }

}  // namespace

Result<TestFault> parse_test_fault(std::string_view text) {
    const auto colon = text.find(':');
    const std::string_view kind = text.substr(0, colon);
    const std::string_view route = colon == std::string_view::npos ? "" : text.substr(colon + 1);
    TestFault fault{FaultKind::kThrow, std::string(route)};
    if (kind == "hold") fault.kind = FaultKind::kHoldUntilStop;
    if (kind == "slow") fault.kind = FaultKind::kSlow;
    if ((kind != "throw" && kind != "hold" && kind != "slow") || route.empty() ||
        route.front() != '/') {
        return Status{ErrorCode::kConfig, "--test-fault: expected throw:ROUTE, hold:ROUTE or slow:ROUTE "
                                          "(ROUTE as docs/api.md names it), got '" +
                                              std::string(text) + "'"};
    }
    return fault;
}

void FaultInjector::before(std::string_view route) {
    if (route != fault_.route) return;
    if (fault_.kind == FaultKind::kThrow) {
        throw std::runtime_error("test fault injected into " + fault_.route);
    }
    if (fault_.kind == FaultKind::kSlow) {
        std::this_thread::sleep_for(kSlowFault);
        return;
    }
    // The line tells a test that the request is inside its handler, so that a signal sent
    // after it is certain to find the request in flight.
    log_line("consulta-searchd: test fault: holding a " + fault_.route + " request\n");
    std::unique_lock lock(mutex_);
    released_cv_.wait_for(lock, kMaxHold, [this] { return released_; });
}

void FaultInjector::release() {
    {
        std::lock_guard lock(mutex_);
        released_ = true;
    }
    released_cv_.notify_all();
}

}  // namespace consulta
