// Consulta's page: wires the search box, the sidebar, the timeline, the result list, the
// document view and the mentions view to one state object that the URL mirrors.
//
// Flow: an event changes a copy of the state → the URL is updated (pushState, or replaceState
// while typing) → sync() asks the API for whatever the new state needs and renders it.
// popstate (back/forward) and the first load go straight to sync().

import * as api from './api.js';
import {ApiError, filterParams} from './api.js';
import {el, clear, formatCount, keepFocus} from './dom.js';
import {emptyState, parseState, stateToQuery, cloneState, sameSearch, toggleFilter, setFilter,
        hasFilters, adoptResolvedFilters, PAGE_SIZE} from './state.js';
import {renderFacets, setFacetContext} from './facets.js';
import {renderTimeline} from './timeline.js';
import {renderChips, renderSummary, renderSuggestion, renderNames, renderHits, renderPager} from './results.js';
import {renderDocument, selectEntity} from './document.js';
import {renderMentions, mentionParams} from './mentions.js';

const $ = id => document.getElementById(id);
const ui = {
    form: $('search-form'), q: $('q'), sort: $('sort'), error: $('error'), suggestion: $('suggestion'),
    names: $('names'),
    chips: $('chips'), total: $('total'), took: $('took'), latency: $('latency'), results: $('results'),
    pager: $('pager'), facets: $('facets'), timeline: $('timeline'), doc: $('doc'),
    mentionsView: $('mentions-view'), resultsView: $('results-view'), tabs: $('tabs'),
    stats: $('stats'), main: $('main'),
};

const TYPING_DEBOUNCE_MS = 150;

let state = emptyState();
let lastSearchAnswer = null;
let searchAbort = null, docAbort = null;
let requestedSearch = null;       // the state whose search was last sent (to skip repeats)
let shownDoc = null;              // "id\nq" of the document on screen
let shownMentions = null;         // the mentions query on screen
let lastCommitWasTyping = false;
let typingTimer = 0;

// ---- state changes -----------------------------------------------------------------------

/** Applies `change` to a copy of the state, records it in the URL and brings the page up to date. */
function update(change, {typing = false, t0 = performance.now()} = {}) {
    const next = cloneState(state);
    change(next);
    const url = location.pathname + stateToQuery(next) + location.hash;
    // Typing replaces the entry it started, so back skips keystrokes but not the previous search.
    if (typing && lastCommitWasTyping) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    lastCommitWasTyping = typing;
    state = next;
    sync(t0);
}

window.addEventListener('popstate', () => {
    state = parseState(location.search);
    lastCommitWasTyping = false;
    sync(performance.now());
});

const toggle = (type, value) => update(s => toggleFilter(s, type, value));
const handlers = {
    onToggle: toggle,
    onRange: (type, range) => update(s => setFilter(s, type, [range])),
    onOpen: id => update(s => { s.doc = id; s.entity = null; }),
    onPage: offset => update(s => { s.offset = offset; }),
};

// ---- syncing the page with the state -----------------------------------------------------

function sync(t0) {
    // Leave trailing spaces the reader is still typing alone; otherwise show the state's query.
    if (ui.q.value.trim() !== state.q) ui.q.value = state.q;
    ui.sort.value = state.sort;
    const mode = state.doc ? 'doc' : state.view;
    document.body.dataset.mode = mode;
    for (const tab of ui.tabs.querySelectorAll('[role="tab"]')) {
        const selected = tab.dataset.view === state.view;
        tab.setAttribute('aria-selected', String(selected));
        tab.tabIndex = selected ? 0 : -1;
    }
    ui.resultsView.hidden = mode !== 'results';
    ui.mentionsView.hidden = mode !== 'mentions';
    ui.doc.hidden = mode !== 'doc';
    setFacetContext(state, toggle);
    renderChips(ui.chips, state, {
        onRemove: (type, value) => update(s => toggleFilter(s, type, value)),
        onClear: () => update(s => { for (const t of Object.keys(s.filters)) setFilter(s, t, []); }),
    });

    if (!requestedSearch || !sameSearch(requestedSearch, state)) runSearch(t0);
    if (mode === 'doc') openDocument();
    else {
        shownDoc = null;
        if (docAbort) docAbort.abort();
    }
    if (mode === 'mentions') showMentions();
    else shownMentions = null;
}

function searchParams(s) {
    const p = filterParams(s);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.offset) p.set('offset', String(s.offset));
    p.set('limit', String(PAGE_SIZE));
    // All facet values, not the top ten: the timeline needs every year, and "show all" in the
    // sidebar then needs no second request. Facet counting is exact on the server either way.
    p.set('facet_limit', '0');
    return p;
}

async function runSearch(t0) {
    if (searchAbort) searchAbort.abort();
    searchAbort = new AbortController();
    const signal = searchAbort.signal;
    requestedSearch = cloneState(state);
    const params = searchParams(state);
    const sentAt = performance.now();
    ui.results.dataset.state = 'loading';
    ui.results.setAttribute('aria-busy', 'true');
    let answer;
    try {
        answer = await api.search(params, signal);
    } catch (err) {
        if (err.name === 'AbortError') return;   // a newer search replaced this one
        searchFailed(err, params);
        return;
    }
    lastSearchAnswer = answer;
    if (adoptResolvedFilters(state, answer.query?.resolved_filters)) {
        requestedSearch = cloneState(state);   // the same search, its filters named by id
        history.replaceState(null, '', location.pathname + stateToQuery(state) + location.hash);
    }
    hideError();
    renderSummary(ui.total, ui.took, answer);
    renderSuggestion(ui.suggestion, answer, text => update(s => { s.q = text; s.offset = 0; }));
    renderNames(ui.names, answer, toggle);
    // Facets first: their labels name the entity ids that the hits' chips show.
    renderFacets(ui.facets, answer, state, toggle);
    keepFocus(ui.results, () => renderHits(ui.results, answer, state, {onOpen: handlers.onOpen, onToggle: toggle}));
    renderPager(ui.pager, answer, state, handlers.onPage);
    keepFocus(ui.timeline, () => renderTimeline(ui.timeline, answer, state, handlers));
    renderChips(ui.chips, state, {   // again: the answer taught us labels for ids
        onRemove: (type, value) => update(s => toggleFilter(s, type, value)),
        onClear: () => update(s => { for (const t of Object.keys(s.filters)) setFilter(s, t, []); }),
    });
    ui.stats.dataset.generation = String(answer.generation ?? '');
    if (state.view === 'mentions' && !state.doc && !shownMentions?.startsWith('ready')) showMentions(true);
    ui.results.dataset.query = params.toString();
    // Measure after the browser has laid out and painted the new results.
    requestAnimationFrame(() => setTimeout(() => {
        if (signal.aborted) return;
        const now = performance.now();
        const latency = Math.round(now - t0), fetchMs = Math.round(now - sentAt);
        ui.results.dataset.latencyMs = String(latency);
        ui.results.dataset.fetchMs = String(fetchMs);
        ui.results.dataset.state = 'ready';
        ui.results.removeAttribute('aria-busy');
        ui.latency.textContent = `${formatCount(latency)} ms to your screen`;
        ui.latency.title = `${formatCount(fetchMs)} ms from request to rendered results, ` +
                           'the rest waiting for you to stop typing';
    }, 0));
}

function searchFailed(err, params) {
    showError(err);
    ui.results.dataset.state = 'error';
    ui.results.dataset.query = params.toString();
    ui.results.removeAttribute('aria-busy');
    delete ui.total.dataset.total;
    ui.total.textContent = 'No results';
    ui.took.textContent = '';
    ui.latency.textContent = '';
    clear(ui.results).append(el('li', {class: 'no-hits'}, 'The search could not be run; see the message above.'));
    clear(ui.pager);
    ui.suggestion.hidden = true;
    ui.names.hidden = true;
}

// ---- document view ------------------------------------------------------------------------

async function openDocument() {
    const key = state.doc + '\n' + state.q;
    if (shownDoc === key) {
        selectEntity(ui.doc, state.entity, true);
        return;
    }
    shownDoc = key;
    if (docAbort) docAbort.abort();
    docAbort = new AbortController();
    ui.doc.dataset.state = 'loading';
    clear(ui.doc).append(el('p', {class: 'muted'}, 'Loading the document…'));
    try {
        const doc = await api.documentWithText(state.doc, docAbort.signal);
        hideError();
        renderDocument(ui.doc, doc, state, {
            onClose: closeDocument,
            onSelectEntity: key => {
                // Choosing an entity is a small step: replace, so back leaves the document.
                state.entity = key;
                history.replaceState(null, '', location.pathname + stateToQuery(state));
                selectEntity(ui.doc, key, true);
            },
            onMentions: (type, id) => update(s => {
                s.doc = null; s.view = 'mentions'; setFilter(s, type, [id]);
            }),
        });
        ui.doc.dataset.state = 'ready';
        if (!state.entity) $('doc-title')?.focus();
    } catch (err) {
        if (err.name === 'AbortError') return;
        ui.doc.dataset.state = 'error';
        showError(err);
        clear(ui.doc).append(el('button', {type: 'button', class: 'button', id: 'doc-close', onclick: closeDocument},
                                '← Back to results'));
    }
}

function closeDocument() {
    const id = state.doc;
    update(s => { s.doc = null; s.entity = null; });
    // Back where the reader was: the hit they opened.
    const link = ui.results.querySelector(`.hit[data-id="${CSS.escape(id || '')}"] .hit-title`);
    if (link) link.focus();
}

// ---- mentions view ------------------------------------------------------------------------

function showMentions(force = false) {
    const key = mentionParams(state).toString() + '&moffset=' + state.moffset;
    if (!force && shownMentions && shownMentions.endsWith(key)) return;
    shownMentions = 'loading' + key;
    ui.mentionsView.dataset.state = 'loading';
    const body = $('mentions-body');
    renderMentions(body, state, lastSearchAnswer, {
        onPick: toggle,
        onOpenDoc: (id, entityKey) => update(s => { s.doc = id; s.entity = entityKey; }),
        onPage: moffset => update(s => { s.moffset = moffset; }),
        onError: showError,
        onDone: () => {
            // A picker rendered before the first search answer came should be redrawn.
            shownMentions = (lastSearchAnswer ? 'ready' : 'loading') + key;
            ui.mentionsView.dataset.state = 'ready';
        },
    });
}

// ---- errors ---------------------------------------------------------------------------------

function showError(err) {
    clear(ui.error);
    const e = err instanceof ApiError ? err : new ApiError(0, 'client', String(err && err.message || err));
    ui.error.dataset.code = e.code;
    ui.error.append(el('strong', {}, e.status >= 500 || e.status === 0 ? 'The server could not answer. ' : ''),
                    el('span', {class: 'error-message'}, e.message));
    // A syntax error names an offset: point at it in the query.
    if (e.code === 'bad_query' && Number.isInteger(e.offset) && state.q) {
        ui.error.append(el('pre', {class: 'error-where', 'aria-hidden': 'true'},
                           state.q + '\n' + ' '.repeat(Math.min(e.offset, state.q.length)) + '^'));
    }
    ui.error.hidden = false;
}

function hideError() {
    ui.error.hidden = true;
    clear(ui.error);
}

// ---- events ---------------------------------------------------------------------------------

ui.q.addEventListener('input', () => {
    const t0 = performance.now();
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
        const q = ui.q.value.trim();
        if (q === state.q && !state.doc) return;
        update(s => { s.q = q; s.offset = 0; s.moffset = 0; s.doc = null; }, {typing: true, t0});
    }, TYPING_DEBOUNCE_MS);
});

ui.form.addEventListener('submit', e => {
    e.preventDefault();
    clearTimeout(typingTimer);
    const q = ui.q.value.trim();
    // Enter re-runs even an unchanged query (the index may have moved on).
    requestedSearch = null;
    update(s => { s.q = q; s.offset = 0; s.moffset = 0; s.doc = null; });
});

ui.sort.addEventListener('change', () => update(s => { s.sort = ui.sort.value; s.offset = 0; }));

ui.tabs.addEventListener('click', e => {
    const tab = e.target.closest('[role="tab"]');
    if (tab && tab.dataset.view !== state.view) update(s => { s.view = tab.dataset.view; s.doc = null; });
});
ui.tabs.addEventListener('keydown', e => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const tabs = [...ui.tabs.querySelectorAll('[role="tab"]')];
    const i = tabs.indexOf(document.activeElement);
    if (i < 0) return;
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    next.click();
});

document.addEventListener('keydown', e => {
    const typingInField = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || '');
    if (e.key === '/' && !typingInField) {
        e.preventDefault();
        ui.q.focus();
        ui.q.select();
    } else if (e.key === 'Escape' && state.doc && !typingInField) {
        closeDocument();
    } else if (state.doc && state.entity && !typingInField && (e.key === 'n' || e.key === 'p')) {
        $(e.key === 'n' ? 'mention-next' : 'mention-prev')?.click();
    }
});

async function loadStats() {
    try {
        const stats = await api.getJson('/v1/stats');
        const when = stats.indexed_at ? new Date(stats.indexed_at) : null;
        ui.stats.textContent = `${formatCount(stats.documents)} documents indexed` +
            (when && !isNaN(when) ? ` · ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '') +
            (stats.generation !== undefined ? ` · generation ${stats.generation}` : '');
    } catch {
        // The search itself will show the error if the server is down; stats are a footnote.
    }
}

// ---- start ----------------------------------------------------------------------------------

document.body.classList.add('js');
state = parseState(location.search);
ui.q.value = state.q;
history.replaceState(null, '', location.pathname + stateToQuery(state) + location.hash);
sync(performance.now());
loadStats();
if (!state.doc && !state.q && !hasFilters(state)) ui.q.focus();
