// The ceiling for indexing: Xapian's own TermGenerator, set up as the issue asks (positions,
// English stemmer, STEM_SOME), one document per .txt file with its Q<id> term, one commit.
// The document data is the file name only: the plain indexer stores no text, so the index
// size shows what the terms and positions alone cost.
//
// usage: bench_plain_indexer --corpus DIR --db DIR              (a new database, every file)
//        bench_plain_indexer --corpus DIR --db DIR --update ID... (replace_document of those)
// Prints "documents N bytes B" on stdout.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Indexes one file under its id (the file name without .txt); returns its size.
std::size_t index_file(Xapian::WritableDatabase& db, Xapian::TermGenerator& tg,
                       const fs::path& path) {
    const std::string text = read_file(path);
    const std::string id_term = "Q" + path.stem().string();
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(text);
    doc.add_boolean_term(id_term);
    doc.set_data(path.filename().string());
    db.replace_document(id_term, doc);
    return text.size();
}

}  // namespace

int main(int argc, char** argv) {
    fs::path corpus, db_dir;
    std::vector<std::string> update;
    bool updating = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--corpus" && i + 1 < argc) corpus = argv[++i];
        else if (arg == "--db" && i + 1 < argc) db_dir = argv[++i];
        else if (arg == "--update") updating = true;
        else if (updating) update.push_back(arg);
    }
    if (corpus.empty() || db_dir.empty() || (updating && update.empty())) {
        std::fprintf(stderr, "usage: bench_plain_indexer --corpus DIR --db DIR [--update ID...]\n");
        return 2;
    }
    try {
        std::vector<fs::path> files;
        if (updating) {
            for (const std::string& id : update) files.push_back(corpus / (id + ".txt"));
        } else {
            for (const auto& entry : fs::directory_iterator(corpus)) {
                if (entry.path().extension() == ".txt") files.push_back(entry.path());
            }
            std::sort(files.begin(), files.end());
        }
        Xapian::WritableDatabase db(
            db_dir.string(), updating ? Xapian::DB_OPEN : Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem("english"));
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        std::size_t bytes = 0;
        for (const fs::path& file : files) bytes += index_file(db, tg, file);
        db.commit();
        std::printf("documents %zu bytes %zu\n", files.size(), bytes);
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "bench_plain_indexer: %s\n", e.get_description().c_str());
        return 3;
    }
    return 0;
}
