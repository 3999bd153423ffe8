// Runs one command and reports what it cost, from wait4's rusage: wall seconds, user and
// system CPU seconds and peak resident memory. (GNU time would do, but it is not on every
// Debian machine, and this also bounds the run in time.)
//
// usage: bench_rusage --timeout SECONDS --out FILE -- COMMAND [ARGS...]
// Writes "wall_s W user_s U sys_s S maxrss_kb M exit E" to FILE, apart from the command's own
// output, which passes through. Exit status: the command's, or 124 when it ran out of time.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds(const timeval& tv) { return tv.tv_sec + tv.tv_usec / 1e6; }

}  // namespace

int main(int argc, char** argv) {
    double timeout = 3600;
    std::string out_file;
    int first = -1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--timeout" && i + 1 < argc) timeout = std::atof(argv[++i]);
        else if (arg == "--out" && i + 1 < argc) out_file = argv[++i];
        else if (arg == "--") { first = i + 1; break; }
    }
    if (first < 0 || first >= argc || timeout <= 0 || out_file.empty()) {
        std::fprintf(stderr, "usage: bench_rusage --timeout SECONDS --out FILE -- COMMAND [ARGS...]\n");
        return 2;
    }
    const auto start = Clock::now();
    const pid_t pid = fork();
    if (pid < 0) { std::perror("fork"); return 2; }
    if (pid == 0) {
        execvp(argv[first], argv + first);
        std::perror(argv[first]);
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    bool timed_out = false;
    // Polls rather than sleeping on a signal: 2 ms granularity is nothing next to runs of
    // seconds, and the loop is bounded by the timeout.
    for (;;) {
        const pid_t done = wait4(pid, &status, WNOHANG, &usage);
        if (done == pid) break;
        if (done < 0) { std::perror("wait4"); return 2; }
        if (std::chrono::duration<double>(Clock::now() - start).count() > timeout) {
            kill(pid, SIGKILL);
            wait4(pid, &status, 0, &usage);
            timed_out = true;
            break;
        }
        const timespec pause{0, 2'000'000};
        nanosleep(&pause, nullptr);
    }
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    const int code = timed_out ? 124 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE* out = std::fopen(out_file.c_str(), "w");
    if (!out) { std::perror(out_file.c_str()); return 2; }
    std::fprintf(out, "wall_s %.3f user_s %.3f sys_s %.3f maxrss_kb %ld exit %d\n", wall,
                 seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_maxrss, code);
    std::fclose(out);
    return code;
}
