#include "indexer/corpus_indexer.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

#include "core/entities/entity_tagger.h"
#include "core/entities/gazetteer.h"
#include "core/index/content_hash.h"
#include "core/index/document_builder.h"
#include "core/index/index_writer.h"
#include "core/index/schema.h"
#include "core/text/tokenizer.h"
#include "indexer/catalog.h"
#include "indexer/source_reader.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

struct CorpusFile {
    std::string id;
    fs::path path;
};

Result<std::string> read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status{ErrorCode::kUnreadable, "cannot open file"};
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return Status{ErrorCode::kUnreadable, "read error"};
    return std::move(buffer).str();
}

// Every supported file under the corpus folder, in path order; two files with one id cannot
// both be documents, so the later one is skipped.
std::vector<CorpusFile> list_corpus(const fs::path& dir, std::vector<SkippedFile>& skipped) {
    std::vector<fs::path> paths;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && is_supported_source(it->path())) paths.push_back(it->path());
    }
    std::sort(paths.begin(), paths.end());
    std::vector<CorpusFile> files;
    std::map<std::string, fs::path> seen;
    for (const fs::path& p : paths) {
        std::string id = p.stem().string();
        auto [it, inserted] = seen.emplace(id, p);
        if (!inserted) {
            skipped.push_back({p, "duplicate document id '" + id + "' (also " + it->second.string() + ")"});
            continue;
        }
        files.push_back({std::move(id), p});
    }
    return files;
}

// What besides the file's bytes decides its index entry: the gazetteers, the tagging rules
// and the schema. When any of them changes, every document is re-indexed.
std::string configuration_fingerprint(const Settings& settings) {
    ContentHash hash;
    hash.add_field("schema " + std::to_string(schema::kSchemaVersion));
    for (const fs::path& file : {settings.gazetteers.iso_3166_1, settings.gazetteers.states,
                                 settings.gazetteers.mechanisms, settings.gazetteers.organisations}) {
        auto bytes = read_bytes(file);
        hash.add_field(bytes ? bytes.value() : std::string());
    }
    hash.add_field(std::to_string(settings.tagging.years.min_year) + "-" +
                   std::to_string(settings.tagging.years.max_year));
    hash.add_field(settings.count_demonyms ? "demonyms" : "no demonyms");
    hash.add_field(settings.indexer.stem_language);
    return hash.hex();
}

std::string catalog_fields(const CatalogEntry* entry) {
    if (!entry) return "uncatalogued";
    return entry->title + '\x1f' + entry->kind + '\x1f' + entry->publisher + '\x1f' +
           std::to_string(entry->published);
}

DocumentMeta make_meta(const SourceDocument& source, const CatalogEntry* entry,
                       const fs::path& corpus_root) {
    DocumentMeta meta;
    meta.id = source.id;
    if (entry) {
        meta.title = entry->title;
        meta.kind = entry->kind;
        meta.publisher = entry->publisher;
        meta.published = entry->published;
    }
    if (meta.title.empty()) meta.title = source.first_heading.empty() ? source.id : source.first_heading;
    std::error_code ec;
    fs::path root = fs::weakly_canonical(corpus_root, ec);
    fs::path relative = fs::relative(fs::weakly_canonical(source.path, ec), root, ec);
    meta.path = (root.filename() / relative).generic_string();
    meta.format = source.format;
    meta.source_encoding = source.source_encoding;
    return meta;
}

// The per-document work: tokenise once, tag, build the Xapian document.
class DocumentPipeline {
public:
    DocumentPipeline(const Gazetteer& gazetteer, const Settings& settings)
        : tagger_(gazetteer, settings.tagging),
          builder_({settings.indexer.stem_language, settings.count_demonyms}) {}

    Xapian::Document process(DocumentRecord& record, const std::string& hash) {
        TokenStream body = tokenizer_.tokenize(record.text);
        TokenStream title = tokenizer_.tokenize(record.meta.title);
        record.mentions = tagger_.tag(record.text, body);
        return builder_.build(record, title, body, hash);
    }

private:
    Tokenizer tokenizer_;
    EntityTagger tagger_;
    DocumentBuilder builder_;
};

}  // namespace

Result<IndexSummary> index_corpus(const IndexRunOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    const Settings& settings = options.settings;
    std::error_code ec;
    if (!fs::is_directory(options.corpus_dir, ec)) {
        return Status{ErrorCode::kIo, "corpus folder " + options.corpus_dir.string() + " does not exist"};
    }
    auto gazetteer = Gazetteer::load(settings.gazetteers);
    if (!gazetteer) return gazetteer.status();
    auto catalog = Catalog::load(options.corpus_dir / "catalog.toml");
    if (!catalog) return catalog.status();
    auto writer = IndexWriter::open(options.index_dir);
    if (!writer) return writer.status();
    auto stored = writer->stored_hashes();
    if (!stored) return stored.status();

    IndexSummary summary;
    const std::vector<CorpusFile> files = list_corpus(options.corpus_dir, summary.skipped);
    const std::string fingerprint = configuration_fingerprint(settings);
    DocumentPipeline pipeline(*gazetteer, settings);
    std::set<std::string> present;
    std::size_t pending = 0;
    IndexProgress progress{0, files.size(), "", "", 0};
    auto report = [&](const std::string& id, const char* action) {
        ++progress.done;
        progress.doc_id = id;
        progress.action = action;
        if (options.on_progress) options.on_progress(progress);
    };

    for (const CorpusFile& file : files) {
        present.insert(file.id);
        auto bytes = read_bytes(file.path);
        if (!bytes) {
            summary.skipped.push_back({file.path, bytes.status().message()});
            report(file.id, "skipped");
            continue;
        }
        const CatalogEntry* entry = catalog->find(file.id);
        const std::string hash = ContentHash()
                                     .add_field(fingerprint)
                                     .add_field(bytes.value())
                                     .add_field(catalog_fields(entry))
                                     .add_field(file.path.extension().string())
                                     .hex();
        auto old = stored->find(file.id);
        if (old != stored->end() && old->second == hash) {
            ++summary.unchanged;
            report(file.id, "unchanged");
            continue;
        }
        auto source = read_source(file.path, settings.indexer.max_file_bytes);
        if (!source) {
            // The previous version, if any, stays in the index: a broken file loses nothing.
            std::string reason = source.status().message();
            if (old != stored->end()) reason += " (the previously indexed version is kept)";
            summary.skipped.push_back({file.path, reason});
            report(file.id, "skipped");
            continue;
        }
        DocumentRecord record{make_meta(*source, entry, options.corpus_dir), std::move(source->text),
                              std::move(source->pages), {}};
        Xapian::Document doc = pipeline.process(record, hash);
        for (const Mention& m : record.mentions) ++summary.mentions[m.type];
        if (Status status = writer->put(file.id, doc); !status) return status;
        summary.bytes_read += bytes->size();
        progress.bytes_done += bytes->size();
        const bool is_new = old == stored->end();
        ++(is_new ? summary.added : summary.updated);
        report(file.id, is_new ? "added" : "updated");
        if (++pending >= settings.indexer.batch_size) {
            if (Status status = writer->commit(); !status) return status;
            pending = 0;
        }
    }
    for (const auto& [id, hash] : *stored) {
        if (present.count(id)) continue;
        if (Status status = writer->remove(id); !status) return status;
        ++summary.deleted;
        if (options.on_progress) options.on_progress({progress.done, progress.total, id, "deleted", progress.bytes_done});
    }
    if (Status status = writer->commit(); !status) return status;
    summary.generation = writer->generation();
    summary.documents = writer->document_count();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace consulta
