// Talking to consulta-searchd (docs/api.md). Every call goes through here so that errors,
// cancellation and the API base are handled once.

// The API lives on the page's own origin unless the page says otherwise in
// <meta name="consulta-api" content="https://...">. We deliberately do not take the base from
// the URL: a shared link must not be able to point the page at someone else's server.
const meta = document.querySelector('meta[name="consulta-api"]');
export const API_BASE = (meta && meta.content ? meta.content : '').replace(/\/+$/, '');

/** The facets the page asks for; order is the sidebar's order. */
export const FACET_TYPES = ['state', 'mechanism', 'organisation', 'kind', 'published', 'year'];

/** An API error answer ({"error": {...}}) or a transport failure, as one type. */
export class ApiError extends Error {
    constructor(status, code, message, extra = {}) {
        super(message);
        this.status = status;
        this.code = code;
        Object.assign(this, extra);
    }
}

/** Builds an absolute-or-relative API URL from a path and URLSearchParams (or a plain object). */
export function apiUrl(path, params) {
    const qs = params ? new URLSearchParams(params).toString() : '';
    return API_BASE + path + (qs ? '?' + qs : '');
}

/**
 * GET a JSON route. `signal` cancels it (a superseded search must never overwrite a newer one).
 * Resolves to the parsed body; rejects with ApiError (or an AbortError, which callers ignore).
 */
export async function getJson(path, params, signal) {
    let response;
    try {
        response = await fetch(apiUrl(path, params), {signal, headers: {Accept: 'application/json'}});
    } catch (err) {
        if (err.name === 'AbortError') throw err;
        throw new ApiError(0, 'network', 'Cannot reach the Consulta server: ' + err.message);
    }
    let body = null;
    try {
        body = await response.json();
    } catch (err) {
        if (err.name === 'AbortError') throw err;
        // A proxy or a crash can answer HTML; say so rather than showing nothing.
        throw new ApiError(response.status, 'bad_response',
                           `The server answered ${response.status} ${response.statusText} without JSON.`);
    }
    if (!response.ok || (body && body.error)) {
        const e = (body && body.error) || {};
        const {status, code, message, ...extra} = e;
        throw new ApiError(status || response.status, code || 'http_' + response.status,
                           message || `HTTP ${response.status}`, extra);
    }
    return body;
}

/** The search/mentions/facets filter parameters from the page state, in a stable order. */
export function filterParams(state, params = new URLSearchParams()) {
    if (state.q) params.set('q', state.q);
    for (const type of Object.keys(state.filters)) {
        for (const value of state.filters[type]) params.append(type, value);
    }
    return params;
}

export const search = (params, signal) => getJson('/v1/search', params, signal);
export const facetValues = (type, params, signal) =>
    getJson('/v1/facets/' + encodeURIComponent(type), params, signal);
// The document view reads at most this much of a document: /v1/documents/{id} answers a page
// of text and of mentions at a time (docs/api.md), and a browser tab should not hold 16 MB.
const VIEW_TEXT_BYTES = 4 << 20, VIEW_MENTIONS = 20000;

/**
 * A document with its text, its pages fetched and joined up to VIEW_TEXT_BYTES of text and
 * VIEW_MENTIONS mentions. `text_cut` / `mentions_cut` say when the view holds less than the
 * document (the answer's `text_next` / `mentions_next` were not followed to the end).
 */
export async function documentWithText(id, signal) {
    const path = '/v1/documents/' + encodeURIComponent(id);
    const doc = await getJson(path, {text: '1'}, signal);
    const byKey = new Map();
    for (const [type, list] of Object.entries(doc.entities || {})) {
        for (const e of list) byKey.set(type + ':' + e.id, e);
    }
    let textBytes = new TextEncoder().encode(doc.text || '').length;
    let mentionsSeen = (doc.mentions_next ?? doc.mentions_total ?? 0) - (doc.mentions_offset || 0);
    while ((doc.text_next != null && textBytes < VIEW_TEXT_BYTES) ||
           (doc.mentions_next != null && mentionsSeen < VIEW_MENTIONS)) {
        const params = {text: doc.text_next != null && textBytes < VIEW_TEXT_BYTES ? '1' : '0',
                        text_offset: String(doc.text_next ?? 0),
                        mentions_offset: String(doc.mentions_next ?? doc.mentions_total ?? 0),
                        mentions_limit: doc.mentions_next != null && mentionsSeen < VIEW_MENTIONS ? '2000' : '0'};
        const next = await getJson(path, params, signal);
        if (params.text === '1') {
            doc.text += next.text || '';
            textBytes += new TextEncoder().encode(next.text || '').length;
            doc.text_next = next.text_next;
        }
        if (params.mentions_limit !== '0') {
            for (const [type, list] of Object.entries(next.entities || {})) {
                for (const e of list) {
                    const mine = byKey.get(type + ':' + e.id);
                    if (mine) mine.mentions = (mine.mentions || []).concat(e.mentions || []);
                }
            }
            mentionsSeen += (next.mentions_next ?? next.mentions_total) - next.mentions_offset;
            doc.mentions_next = next.mentions_next;
        }
    }
    doc.text_cut = doc.text_next != null;
    doc.mentions_cut = doc.mentions_next != null;
    doc.mentions_shown = mentionsSeen;
    return doc;
}
export const mentions = (params, signal) => getJson('/v1/mentions', params, signal);
