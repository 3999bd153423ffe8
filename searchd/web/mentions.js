// The mentions view: every mention of the selected states or mechanisms, keyword in context
// (GET /v1/mentions), a page at a time, with CSV and JSON-lines exports of all rows. The export
// links are the API's own streaming URLs, so the download holds every row, not just this page.

import {el, clear, formatCount, plural, labelOf, rememberLabel, TYPE_NAMES} from './dom.js';
import {mentions as fetchMentions, apiUrl, ApiError} from './api.js';
import {MENTIONS_PAGE_SIZE} from './state.js';

// /v1/mentions knows these filters; kind and published are search-only.
const MENTION_FILTERS = ['state', 'mechanism', 'organisation', 'year'];
let inFlight = null;

/** The /v1/mentions parameters for the page state (without paging or format). */
export function mentionParams(state) {
    const p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    for (const t of MENTION_FILTERS) for (const v of state.filters[t]) p.append(t, v);
    // Rows of the entity asked about: with only states (or only mechanisms) selected, say so,
    // otherwise a year filter would add every year mention too. With both, the API's default
    // (the types of the entity filters given) is what a reader means.
    const hasState = state.filters.state.length > 0, hasMech = state.filters.mechanism.length > 0;
    if (hasState !== hasMech) p.set('type', hasState ? 'state' : 'mechanism');
    return p;
}

export function mentionsReady(state) {
    return state.filters.state.length > 0 || state.filters.mechanism.length > 0;
}

/**
 * Renders the view. `lastSearch` (the last search answer) offers states and mechanisms to pick
 * when none is selected. handlers: {onPick(type, id), onOpenDoc(id, entityKey), onPage(moffset),
 * onError(err), onDone()}.
 */
export async function renderMentions(container, state, lastSearch, handlers) {
    if (inFlight) inFlight.abort();
    clear(container);
    const ignored = ['kind', 'published'].filter(t => state.filters[t].length);
    if (!mentionsReady(state)) {
        container.append(picker(lastSearch, handlers.onPick));
        handlers.onDone();
        return;
    }
    const base = mentionParams(state);
    const exports = el('p', {class: 'exports'}, 'Download every row: ',
        exportLink('export-csv', base, 'csv', 'CSV'), ' ',
        exportLink('export-jsonl', base, 'jsonl', 'JSON lines'));
    const note = ignored.length
        ? el('p', {class: 'muted'}, `Mentions are not filtered by ${ignored.map(t => TYPE_NAMES[t].toLowerCase()).join(' or ')}.`)
        : null;
    const params = new URLSearchParams(base);
    params.set('limit', String(MENTIONS_PAGE_SIZE));
    params.set('offset', String(state.moffset));
    inFlight = new AbortController();
    container.setAttribute('aria-busy', 'true');
    let answer;
    try {
        answer = await fetchMentions(params, inFlight.signal);
    } catch (err) {
        if (err.name === 'AbortError') return;
        container.removeAttribute('aria-busy');
        handlers.onError(err instanceof ApiError ? err : new ApiError(0, 'client', String(err)));
        container.append(exports);
        handlers.onDone();
        return;
    } finally {
        inFlight = null;
    }
    container.removeAttribute('aria-busy');
    const from = answer.rows.length ? state.moffset + 1 : 0;
    const to = state.moffset + answer.rows.length;
    // el() skips null children; a bare append() would print "null", so wrap in a fragment.
    container.append(el('div', {},
        el('p', {class: 'mentions-total', id: 'mentions-total', dataset: {total: String(answer.total)}},
           plural(answer.total, 'mention', 'mentions'),
           answer.total ? ` · rows ${formatCount(from)}–${formatCount(to)}` : ''),
        exports, note, table(answer.rows, handlers), pager(answer, state, handlers.onPage)));
    handlers.onDone();
}

function exportLink(id, base, format, label) {
    const p = new URLSearchParams(base);
    p.set('format', format);
    return el('a', {id, class: 'button', href: apiUrl('/v1/mentions', p),
                    download: `consulta-mentions.${format === 'csv' ? 'csv' : 'jsonl'}`}, label);
}

function table(rows, handlers) {
    const body = el('tbody');
    for (const r of rows) {
        rememberLabel(r.type, r.entity, r.label);
        body.append(el('tr', {dataset: {doc: r.doc, entity: r.entity, type: r.type}},
            el('td', {class: 'kwic-doc'},
               el('button', {type: 'button', class: 'link', title: 'Open the document at this entity',
                             onclick: () => handlers.onOpenDoc(r.doc, `${r.type}:${r.entity}`)}, r.doc),
               r.page ? ` p. ${r.page}` : ''),
            el('td', {class: 'kwic-left'}, el('span', {}, r.left)),
            el('td', {class: 'kwic-text'}, el('mark', {class: 'm-' + r.type}, r.text)),
            el('td', {class: 'kwic-right'}, r.right),
            el('td', {class: 'kwic-entity'}, r.label || r.entity, ' ', el('span', {class: 'hit-id'}, r.entity)),
            el('td', {class: 'kwic-form'}, r.form || '')));
    }
    if (!rows.length) body.append(el('tr', {}, el('td', {colspan: 6, class: 'muted'}, 'No mentions on this page.')));
    return el('div', {class: 'table-wrap'},
        el('table', {id: 'mentions', class: 'kwic'},
            el('caption', {class: 'visually-hidden'}, 'Mentions in context'),
            el('thead', {}, el('tr', {},
                ...['Document', 'Left context', 'Mention', 'Right context', 'Entity', 'Form']
                    .map(h => el('th', {scope: 'col'}, h)))),
            body));
}

function pager(answer, state, onPage) {
    const nav = el('nav', {class: 'pager', 'aria-label': 'Mention pages'});
    if (state.moffset > 0) {
        nav.append(el('button', {type: 'button', class: 'button',
            onclick: () => onPage(Math.max(0, state.moffset - MENTIONS_PAGE_SIZE))}, '← Previous'));
    }
    if (state.moffset + answer.rows.length < answer.total) {
        nav.append(el('button', {type: 'button', class: 'button',
            onclick: () => onPage(state.moffset + MENTIONS_PAGE_SIZE)}, 'Next →'));
    }
    return nav;
}

function picker(lastSearch, onPick) {
    const wrap = el('div', {class: 'mentions-picker'},
        el('p', {}, 'Choose a state or a mechanism to see each of its mentions in context. ',
           'You can also tick one in the sidebar or click an entity chip.'));
    for (const type of ['state', 'mechanism']) {
        const values = (lastSearch && lastSearch.facets && lastSearch.facets[type]) || [];
        if (!values.length) continue;
        wrap.append(el('h3', {}, TYPE_NAMES[type]),
            el('ul', {class: 'entity-chips'}, values.slice(0, 24).map(v =>
                el('li', {}, el('button', {type: 'button', class: `chip chip-${type}`, dataset: {type, value: v.value},
                                           onclick: () => onPick(type, v.value)},
                    labelOf(type, v.value), el('span', {class: 'count'}, ` ${formatCount(v.count)}`))))));
    }
    return wrap;
}
