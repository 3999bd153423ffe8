#include "indexer/file_preparer.h"

#include <fstream>
#include <sstream>

#include "core/index/content_hash.h"
#include "core/index/schema.h"
#include "indexer/source_reader.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

Result<std::string> read_bytes(const fs::path& path, std::size_t size_hint) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status{ErrorCode::kUnreadable, "cannot open file"};
    // One read into a buffer of the stat size; a file that grew since is read to its end.
    std::string bytes(size_hint, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return Status{ErrorCode::kUnreadable, "read error"};
    if (in) {
        std::ostringstream rest;
        rest << in.rdbuf();
        bytes += std::move(rest).str();
    }
    return bytes;
}

// "16 MB" for a limit given in whole megabytes, else bytes.
std::string megabytes(std::size_t bytes) {
    if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MB";
    return std::to_string(bytes) + " bytes";
}

// Cuts the text of `source` to at most `max_bytes`, at a line end or space in its last
// quarter when there is one, never inside a UTF-8 sequence; PDF pages past the cut go, the
// page it falls in ends there. Returns the note for the summary ("" when nothing was cut).
std::string cap_text(SourceDocument& source, std::size_t max_bytes) {
    const std::size_t full = source.text.size();
    if (full <= max_bytes) return "";
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(source.text[cut]) & 0xC0) == 0x80) --cut;
    const std::size_t blank = source.text.find_last_of(" \n", cut);
    if (blank != std::string::npos && blank > cut - cut / 4) cut = blank;
    source.text.resize(cut);
    source.text.shrink_to_fit();  // the rest is not kept in memory either
    std::vector<PageSpan> kept;
    for (const PageSpan& page : source.pages) {
        if (page.start >= cut) break;
        kept.push_back(page);
        if (kept.back().end > cut) kept.back().end = static_cast<decltype(page.end)>(cut);
    }
    source.pages = std::move(kept);
    return "text cut at " + std::to_string(cut) + " of " + std::to_string(full) +
           " bytes (indexer.max_text_mb = " + megabytes(max_bytes) +
           "): the rest is neither searchable nor shown";
}

// What besides the file's bytes decides its index entry: the gazetteers, the tagging rules
// and the schema. When any of them changes, every document is re-indexed.
std::string configuration_fingerprint(const Settings& settings) {
    ContentHash hash;
    hash.add_field("schema " + std::to_string(schema::kSchemaVersion));
    for (const fs::path& file : {settings.gazetteers.iso_3166_1, settings.gazetteers.states,
                                 settings.gazetteers.mechanisms, settings.gazetteers.organisations,
                                 settings.gazetteers.state_context}) {
        auto bytes = read_bytes(file, 0);
        hash.add_field(bytes ? bytes.value() : std::string());
    }
    hash.add_field(std::to_string(settings.tagging.years.min_year) + "-" +
                   std::to_string(settings.tagging.years.max_year));
    hash.add_field(settings.count_demonyms ? "demonyms" : "no demonyms");
    hash.add_field(settings.indexer.stem_language);
    // A new text cap changes what is indexed of the documents over it.
    hash.add_field("text cap " + std::to_string(settings.indexer.max_text_bytes));
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

}  // namespace

FilePreparer::FilePreparer(const PreparerInputs& inputs)
    : in_(inputs),
      fingerprint_(configuration_fingerprint(inputs.settings)),
      tagger_(inputs.gazetteer, inputs.settings.tagging),
      builder_({inputs.settings.indexer.stem_language, inputs.settings.count_demonyms,
                inputs.text_dictionary}) {}

PreparedFile FilePreparer::prepare(const CorpusFile& file) {
    try {
        return prepare_or_throw(file);
    } catch (const std::exception& e) {  // an exception must not end the process
        PreparedFile out;
        out.file = file;
        out.reason = std::string("cannot index: ") + e.what();
        return out;
    } catch (const Xapian::Error& e) {
        PreparedFile out;
        out.file = file;
        out.reason = "cannot index: " + e.get_description();
        return out;
    }
}

PreparedFile FilePreparer::prepare_or_throw(const CorpusFile& file) {
    PreparedFile out;
    out.file = file;
    auto old = in_.stored.find(file.id);
    out.previously_indexed = old != in_.stored.end();
    if (!file.stat) {
        out.reason = file.stat.status().message();
        return out;
    }
    const CatalogEntry* entry = in_.catalog.find(file.id);
    const std::string context = ContentHash()
                                    .add_field(fingerprint_)
                                    .add_field(catalog_fields(entry))
                                    .add_field(file.path.extension().string())
                                    .hex();
    out.stamp = file_stamp(*file.stat, context);
    // Same size, modification time, configuration and catalogue entry as when indexed: the
    // file is not opened at all (an incremental run reads only what changed).
    if (out.previously_indexed && old->second.file_stamp == out.stamp) {
        out.outcome = PreparedFile::Outcome::kUnchanged;
        return out;
    }
    // A file over the limit is never read whole (read_source refuses it after a stat):
    // hashing it first would load gigabytes only to skip them.
    const bool oversized = file.stat->size > in_.settings.indexer.max_file_bytes;
    auto bytes = oversized ? Result<std::string>(std::string())
                           : read_regular_file(file.path, in_.settings.indexer.max_file_bytes);
    if (!bytes) {
        out.reason = bytes.status().message();
        return out;
    }
    const std::string hash = ContentHash()
                                 .add_field(fingerprint_)
                                 .add_field(bytes.value())
                                 .add_field(catalog_fields(entry))
                                 .add_field(file.path.extension().string())
                                 .hex();
    if (!oversized && out.previously_indexed && old->second.content_hash == hash) {
        out.outcome = PreparedFile::Outcome::kTouched;  // same bytes under a new stat
        return out;
    }
    const std::size_t size = bytes->size();
    // The bytes are handed over, not copied: a big file is held once.
    auto source = oversized ? read_source(file.path, in_.settings.indexer.max_file_bytes)
                            : read_source(file.path, std::move(bytes).value());
    if (!source) {
        // The previous version, if any, stays in the index: a broken file loses nothing.
        out.reason = source.status().message();
        if (out.previously_indexed) out.reason += " (the previously indexed version is kept)";
        return out;
    }
    source->id = file.id;  // the escaped id (document_id.h), not the raw file name
    out.note = cap_text(*source, in_.settings.indexer.max_text_bytes);
    DocumentRecord record{make_meta(*source, entry, in_.corpus_root), std::move(source->text),
                          std::move(source->pages), {}};
    out.doc = build(record, hash);
    out.doc.add_value(schema::kSlotFileStat, out.stamp);
    for (const Mention& m : record.mentions) ++out.mentions[m.type];
    out.bytes = size;
    out.outcome = PreparedFile::Outcome::kIndexed;
    return out;
}

// Tokenise once, tag, build the Xapian document.
Xapian::Document FilePreparer::build(DocumentRecord& record, const std::string& hash) {
    TokenStream body = tokenizer_.tokenize(record.text);
    TokenStream title = tokenizer_.tokenize(record.meta.title);
    record.mentions = tagger_.tag(record.text, body);
    return builder_.build(record, title, body, hash);
}

}  // namespace consulta
