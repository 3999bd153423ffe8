#pragma once
// The index schema: every term prefix, value slot and metadata key, in one place.
// Prefixes follow Xapian's conventions (Q unique id, S title, Z stemmed, X... user prefixes).
#include <string>
#include <string_view>

#include <xapian.h>

#include "core/entities/mention.h"

namespace consulta::schema {

/// Bumped when the layout of terms, values or document data changes; searchd refuses other versions.
inline constexpr int kSchemaVersion = 3;

// --- Terms -----------------------------------------------------------------------------------
inline constexpr std::string_view kPrefixId = "Q";            ///< Q<document id>, one per document
inline constexpr std::string_view kPrefixTitle = "S";         ///< positional title words
inline constexpr std::string_view kPrefixStem = "Z";          ///< Z<stem> and ZS<stem> (title), as TermGenerator
inline constexpr std::string_view kPrefixState = "XS";        ///< XS<ISO alpha-2>; wdf = mentions counted (demonyms per config)
inline constexpr std::string_view kPrefixStateNamed = "XN";   ///< XN<ISO alpha-2>; wdf = mentions that are not demonyms
inline constexpr std::string_view kPrefixMechanism = "XM";    ///< XM<slug>; wdf = mentions
inline constexpr std::string_view kPrefixOrganisation = "XO"; ///< XO<slug>; wdf = mentions
inline constexpr std::string_view kPrefixYear = "XY";         ///< XY<year> mentioned in the text; wdf = mentions
inline constexpr std::string_view kPrefixKind = "XK";         ///< XK<kind>, e.g. "XKworkshop record"
inline constexpr std::string_view kPrefixPublished = "XP";    ///< XP<publication year>
inline constexpr std::string_view kPrefixFormat = "XF";       ///< XFtxt, XFmd, XFhtml, XFpdf

/// The boolean prefix for an entity type's filter terms.
std::string_view entity_prefix(EntityType type);

inline std::string id_term(std::string_view doc_id) { return std::string(kPrefixId) + std::string(doc_id); }

/// The longest document id whose id term Xapian accepts (terms are at most 245 bytes).
inline constexpr std::size_t kMaxIdBytes = 245 - kPrefixId.size();

// --- Values ----------------------------------------------------------------------------------
inline constexpr Xapian::valueno kSlotPublished = 0;      ///< sortable_serialise(publication year); empty if unknown
inline constexpr Xapian::valueno kSlotKind = 1;           ///< kind string
inline constexpr Xapian::valueno kSlotContentHash = 2;    ///< hex hash of bytes + catalogue entry + gazetteer, for incremental runs
inline constexpr Xapian::valueno kSlotStates = 3;         ///< facet lists: ids joined by '\n', sorted, unique
inline constexpr Xapian::valueno kSlotMechanisms = 4;
inline constexpr Xapian::valueno kSlotOrganisations = 5;
inline constexpr Xapian::valueno kSlotYears = 6;
inline constexpr Xapian::valueno kSlotDocId = 7;          ///< the document id, for sorting ties and spies
inline constexpr Xapian::valueno kSlotStatesNamed = 8;    ///< like kSlotStates, demonyms never included
inline constexpr Xapian::valueno kSlotFileStat = 9;       ///< the source file's size, mtime and run context (indexer/file_stamp.h), to skip unchanged files unread
inline constexpr Xapian::valueno kSlotTitleKey = 10;      ///< normalise_term(title), for sort=title
/// Every facet of the document in one value, so one ValueCountMatchSpy counts them all with one
/// value read and one map update per match: six sections joined by kFacetSectionSeparator, in
/// the order state, mechanism, organisation, year (sorted ids joined by '\n'), kind,
/// publication year (decimal, empty if unknown).
inline constexpr Xapian::valueno kSlotFacets = 11;
inline constexpr Xapian::valueno kSlotFacetsNamed = 12;   ///< the same, states without demonyms
inline constexpr char kFacetSectionSeparator = '\x1e';
inline constexpr std::size_t kFacetSections = 6;
/// Text chunk k of a document is in slot kSlotTextChunks + k, position map m in
/// kSlotPositionMaps + m (record_store.h). Far from the small slots, and from each other: a
/// 256 MB text has 65,536 chunks of 4 KB.
inline constexpr Xapian::valueno kSlotTextChunks = 0x100000;
inline constexpr Xapian::valueno kSlotPositionMaps = 0x200000;
inline constexpr Xapian::valueno kSlotsPerFamily = 0x100000;

/// The value slot that holds the facet list of an entity type.
Xapian::valueno entity_slot(EntityType type);

// --- Database metadata -----------------------------------------------------------------------
inline constexpr std::string_view kMetaSchema = "consulta.schema";          ///< kSchemaVersion as text
inline constexpr std::string_view kMetaGeneration = "consulta.generation";  ///< commits so far, as text
inline constexpr std::string_view kMetaIndexedAt = "consulta.indexed_at";   ///< RFC 3339 UTC time of the last commit
inline constexpr std::string_view kMetaStemLanguage = "consulta.stem_language";  ///< the stemmer of the Z terms

// --- Document data ---------------------------------------------------------------------------
// The document data is a DocumentHeader (document_record.h: metadata, pages, text layout); the
// text and its mentions are in the chunk slots above, the body tokens' byte offsets in the
// position-map slots (record_store.h). Entity terms (XS, XN, XM, XO, XY) carry the position
// of each mention's first token, so a snippet finds mentions through the index.

}  // namespace consulta::schema
