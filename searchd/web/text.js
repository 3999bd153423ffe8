// The API gives every offset in UTF-8 bytes (docs/api.md); JavaScript strings index UTF-16
// code units. "Botswana" after an "ö" starts one byte later than its string index, and an emoji
// shifts by two more, so offsets are never used as string indices directly. We cut the UTF-8
// bytes at the offsets and decode each piece, which is exact and linear in the text length.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * Splits `text` at byte ranges. `ranges` is a list of {start, end, ...} in UTF-8 bytes
 * (half-open); returns pieces [{text, range}] covering the whole text in order, with
 * `range` null between ranges. Overlapping or out-of-bounds ranges are clipped or dropped:
 * a bad offset from the server must not break the page.
 */
export function splitByByteRanges(text, ranges) {
    const bytes = encoder.encode(text);
    const sorted = ranges
        .filter(r => Number.isInteger(r.start) && Number.isInteger(r.end) && r.end > r.start)
        .sort((a, b) => a.start - b.start || b.end - a.end);
    const pieces = [];
    let at = 0;
    for (const range of sorted) {
        const start = Math.max(range.start, at);
        const end = Math.min(range.end, bytes.length);
        if (start >= end) continue;          // overlaps one already placed, or past the end
        if (start > at) pieces.push({text: decoder.decode(bytes.subarray(at, start)), range: null});
        pieces.push({text: decoder.decode(bytes.subarray(start, end)), range});
        at = end;
    }
    if (at < bytes.length) pieces.push({text: decoder.decode(bytes.subarray(at)), range: null});
    return pieces;
}

/** Snippet highlights [[s, e], ...] (bytes) as DOM: text nodes and <mark class="hl">. */
export function highlightedFragment(text, highlights) {
    const ranges = (highlights || []).map(([start, end]) => ({start, end}));
    const fragment = document.createDocumentFragment();
    for (const piece of splitByByteRanges(text, ranges)) {
        if (piece.range) {
            const mark = document.createElement('mark');
            mark.className = 'hl';
            mark.textContent = piece.text;
            fragment.append(mark);
        } else {
            fragment.append(piece.text);
        }
    }
    return fragment;
}

/**
 * The words and phrases of a query that should be highlighted in a document: quoted phrases
 * and plain words, without operators, prefixed filters (state:BW) or negated terms. The
 * server stems; we approximate by matching words that start with the query word's first five
 * letters, which catches "trafficking"/"trafficked" and rarely anything unrelated.
 */
export function queryTerms(q) {
    const terms = [];
    const re = /(-?)"([^"]+)"|(\S+)/g;
    let negateNext = false;
    for (const m of (q || '').matchAll(re)) {
        if (m[2] !== undefined) {
            if (!m[1] && !negateNext) terms.push({phrase: true, text: m[2].trim()});
            negateNext = false;
            continue;
        }
        const word = m[3];
        if (word === 'NOT') { negateNext = true; continue; }
        if (/^(AND|OR|XOR|NEAR|ADJ)$/.test(word)) continue;
        const negated = negateNext || word.startsWith('-');
        negateNext = false;
        if (negated || /^[a-z_]+:/i.test(word)) continue;
        const clean = word.replace(/^[+(]+|[)*]+$/g, '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
        if (clean.length >= 2) terms.push({phrase: false, text: clean});
    }
    return terms;
}

function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One case-insensitive regular expression for all query terms, or null when there are none. */
export function queryRegExp(q) {
    const parts = queryTerms(q).map(t => {
        if (t.phrase) return t.text.split(/\s+/).map(escapeRegExp).join('[\\s\\p{P}]+');
        const w = escapeRegExp(t.text);
        return t.text.length > 5 ? escapeRegExp(t.text.slice(0, 5)) + '\\p{L}*' : w + '\\p{L}{0,3}';
    });
    if (!parts.length) return null;
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Text as DOM, with matches of `re` wrapped in <mark class="m-query">. */
export function markQuery(text, re) {
    const fragment = document.createDocumentFragment();
    if (!re) { fragment.append(text); return fragment; }
    let at = 0;
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
        if (m.index > at) fragment.append(text.slice(at, m.index));
        const mark = document.createElement('mark');
        mark.className = 'm-query';
        mark.textContent = m[0];
        fragment.append(mark);
        at = m.index + m[0].length;
    }
    if (at < text.length) fragment.append(text.slice(at));
    return fragment;
}
