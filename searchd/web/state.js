// The page's whole view lives in one plain object, mirrored in the URL query string, so that a
// copied link, a reload or the back button shows the same view. Filter names in the URL are the
// API's own parameter names (?q=…&state=BW&year=2000..2010), so a page URL reads like an API URL.

export const FILTER_TYPES = ['state', 'mechanism', 'organisation', 'year', 'kind', 'published'];
export const SORTS = ['relevance', '-year', 'year', 'title'];
export const PAGE_SIZE = 10;
export const MENTIONS_PAGE_SIZE = 50;

export function emptyState() {
    const filters = {};
    for (const t of FILTER_TYPES) filters[t] = [];
    return {q: '', filters, offset: 0, sort: 'relevance', view: 'results', doc: null,
            entity: null, moffset: 0};
}

function nonNegativeInt(text) {
    const n = Number.parseInt(text, 10);
    return Number.isFinite(n) && n >= 0 ? n : 0;
}

/** Reads a state from a query string; unknown or bad values fall back to defaults. */
export function parseState(search) {
    const p = new URLSearchParams(search);
    const s = emptyState();
    s.q = p.get('q') || '';
    for (const t of FILTER_TYPES) {
        // Accept repeated parameters and comma lists, as the API does.
        const values = p.getAll(t).flatMap(v => v.split(',')).map(v => v.trim()).filter(Boolean);
        s.filters[t] = [...new Set(values)];
    }
    s.offset = nonNegativeInt(p.get('offset'));
    s.sort = SORTS.includes(p.get('sort')) ? p.get('sort') : 'relevance';
    s.view = p.get('view') === 'mentions' ? 'mentions' : 'results';
    s.doc = p.get('doc') || null;
    s.entity = /^[a-z]+:.+/.test(p.get('entity') || '') ? p.get('entity') : null;
    s.moffset = nonNegativeInt(p.get('moffset'));
    return s;
}

/** The query string for a state, leaving defaults out so links stay short. */
export function stateToQuery(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const t of FILTER_TYPES) for (const v of s.filters[t]) p.append(t, v);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.offset) p.set('offset', String(s.offset));
    if (s.view !== 'results') p.set('view', s.view);
    if (s.moffset) p.set('moffset', String(s.moffset));
    if (s.doc) p.set('doc', s.doc);
    if (s.doc && s.entity) p.set('entity', s.entity);
    const qs = p.toString();
    return qs ? '?' + qs : '';
}

export function cloneState(s) {
    return JSON.parse(JSON.stringify(s));
}

/** True when two states ask the server the same search (documents, facets). */
export function sameSearch(a, b) {
    return a.q === b.q && a.sort === b.sort && a.offset === b.offset &&
           JSON.stringify(a.filters) === JSON.stringify(b.filters);
}

export function hasFilters(s) {
    return FILTER_TYPES.some(t => s.filters[t].length > 0);
}

/**
 * Puts the ids the server resolved in place of the names a URL gave (?state=Swaziland becomes
 * SZ), so the facet of that id is the one ticked and the chips and the URL name the filter as
 * the API answered it. True when a filter changed; the search itself is the same.
 */
export function adoptResolvedFilters(s, resolvedFilters) {
    let changed = false;
    for (const [type, pairs] of Object.entries(resolvedFilters || {})) {
        if (!s.filters[type]) continue;
        const idOf = new Map(pairs.map(r => [r.value, r.id]));
        const ids = [...new Set(s.filters[type].map(v => idOf.get(v) ?? v))];
        if (JSON.stringify(ids) !== JSON.stringify(s.filters[type])) {
            s.filters[type] = ids;
            changed = true;
        }
    }
    return changed;
}

/** Adds or removes one filter value; every filter change goes back to the first page. */
export function toggleFilter(s, type, value) {
    const list = s.filters[type];
    const i = list.indexOf(value);
    if (i >= 0) list.splice(i, 1); else list.push(value);
    s.offset = 0;
    s.moffset = 0;
}

export function setFilter(s, type, values) {
    s.filters[type] = [...values];
    s.offset = 0;
    s.moffset = 0;
}
