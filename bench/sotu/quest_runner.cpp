#include "bench/sotu/quest_runner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace consulta::bench {

QuestRunner::QuestRunner(std::string index_dir, Xapian::doccount doccount, std::string program)
    : index_dir_(std::move(index_dir)), program_(std::move(program)), doccount_(doccount) {}

bool QuestRunner::available() const { return access(program_.c_str(), X_OK) == 0; }

std::vector<std::string> QuestRunner::args_for(const BenchQuery& query) const {
    // -c doccount: exact counts, as the plain Enquire and Consulta; the flags are Consulta's.
    return {program_, "-d", index_dir_, "-m", "10", "-c", std::to_string(doccount_),
            "-s", "english", "-o", "and", "-f", "phrase,boolean,lovehate,pure_not,wildcard",
            "-p", "title:S", query.plain_q};
}

bool QuestRunner::run(const BenchQuery& query) const {
    const std::vector<std::string> args = args_for(query);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return false;
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace consulta::bench
