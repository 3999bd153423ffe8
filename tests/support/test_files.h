#pragma once
// Small file helpers shared by the tests: a temporary folder per test and whole-file reads.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace consulta::test_support {

/// Copies every file of `from` into `to` (created if missing): a corpus the test may change.
inline void copy_files(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::filesystem::create_directories(to);
    for (const auto& entry : std::filesystem::directory_iterator(from)) {
        std::filesystem::copy(entry.path(), to / entry.path().filename());
    }
}

/// A fresh, uniquely named folder under /tmp, removed with everything in it on destruction.
class TempDir {
public:
    TempDir() {
        char pattern[] = "/tmp/consulta-test-XXXXXX";
        const char* made = mkdtemp(pattern);
        path_ = made ? made : "/tmp/consulta-test-unavailable";
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// The bytes of a file ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace consulta::test_support
