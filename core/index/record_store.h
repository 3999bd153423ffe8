#pragma once
// Where a document's text, mentions and token offsets live in the index, and the readers that
// take back only the part a caller needs, so that a search hit costs the same in a 20 MB
// document as in a 2 KB one.
//
// The document data is the DocumentHeader (document_record.h). The text is cut into chunks of
// layout.chunk_bytes; chunk k is the value in slot schema::kSlotTextChunks + k:
//     mention count; per mention overlapping the chunk: type form start length entity-id
//     then the chunk's text bytes
// Position map m is the value in slot schema::kSlotPositionMaps + m: the start bytes of body
// tokens m*P, m*P + S, m*P + 2S ... (P = map_positions, S = map_stride), the first absolute,
// the others as deltas. A reader finds the bytes of body token p by reading one small value
// and tokenising fewer than S tokens. Each chunk is compressed on its own (zstd), with the
// index's dictionary when it has one (text_dictionary.h).
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "core/common/status.h"
#include "core/index/document_record.h"
#include "core/text/token.h"

namespace consulta {

class TextDictionary;

/// Writes `record` into `doc`: the header as document data, the text, mentions and the
/// position maps of `body` (the tokens of record.text, body token 0 at Xapian position
/// `body_start`) as values. The chunks are compressed with `dictionary` when given: it must
/// then be stored in the index the document goes to.
void store_record(const DocumentRecord& record, const TokenStream& body,
                  Xapian::termpos body_start, Xapian::Document& doc,
                  const TextDictionary* dictionary = nullptr);

/// The whole record (text and every mention) of `doc`, a document of `db` (which holds the
/// dictionary of its chunks), for the document and mentions views.
Result<DocumentRecord> read_record(const Xapian::Document& doc, const Xapian::Database& db);

/// Parts of one document's stored text, each value read at most once. Not thread-safe.
class StoredText {
public:
    /// `doc` is a document of `db`, which must outlive this reader.
    StoredText(Xapian::Document doc, const TextLayout& layout, const Xapian::Database& db);

    /// The text bytes [lo, hi), clamped to the text.
    Result<std::string> text(std::uint32_t lo, std::uint32_t hi);

    /// The mentions that overlap [lo, hi), sorted by start (surfaces left empty).
    Result<std::vector<Mention>> mentions(std::uint32_t lo, std::uint32_t hi);

    /// The nearest mapped body token at or before `token` (token - token % stride), and the
    /// byte where it starts.
    struct Checkpoint {
        std::uint32_t token = 0;
        std::uint32_t byte = 0;
    };
    Result<Checkpoint> checkpoint(std::uint32_t token);

    const TextLayout& layout() const { return layout_; }

private:
    struct Chunk {
        std::string text;
        std::vector<Mention> mentions;
    };
    Result<const Chunk*> chunk(std::uint32_t k);

    Xapian::Document doc_;
    TextLayout layout_;
    const Xapian::Database* db_;
    std::shared_ptr<const TextDictionary> dictionary_;  ///< the one its chunks name, once met
    std::unordered_map<std::uint32_t, Chunk> chunks_;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> maps_;
};

}  // namespace consulta
