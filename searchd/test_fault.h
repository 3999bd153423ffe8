#pragma once
// Testing only: a fault injected into one route's handler, so that the tests can reach what no
// client request can: the 500 answer of a handler that throws, and a stop while requests are
// still inside a handler. Off unless consulta-searchd is started with --test-fault.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace consulta {

/// What the fault does to the requests of its route.
enum class FaultKind {
    kThrow,          ///< the handler throws std::runtime_error instead of answering
    kHoldUntilStop,  ///< the request waits until the server is told to stop, then is answered
    kSlow,           ///< the request takes kSlowFault longer, then is answered
};

/// A fault on one route, named as the route table names it ("/v1/stats").
struct TestFault {
    FaultKind kind = FaultKind::kThrow;
    std::string route;
};

/// How much longer a request under FaultKind::kSlow takes.
inline constexpr std::chrono::milliseconds kSlowFault{100};

/// "throw:/v1/stats", "hold:/v1/search" or "slow:/v1/search". kConfig with a message for anything else.
Result<TestFault> parse_test_fault(std::string_view text);

/// Applies a TestFault in front of its route's handler. Thread-safe.
class FaultInjector {
public:
    explicit FaultInjector(TestFault fault) : fault_(std::move(fault)) {}

    /// Runs before the handler of `route`: throws, holds until release() (at most 30 s, so a
    /// forgotten stop cannot hang a test run), sleeps kSlowFault, or returns at once for any
    /// other route.
    void before(std::string_view route);

    /// Lets held requests go on; called when the server stops.
    void release();

private:
    TestFault fault_;
    std::mutex mutex_;
    std::condition_variable released_cv_;
    bool released_ = false;
};

}  // namespace consulta
