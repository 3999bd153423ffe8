// The result list and what sits above it: total and timings, "did you mean", the active filter
// chips, and the pager. Hit titles are real links (?doc=…) so they can be opened in a new tab.

import {el, clear, formatCount, plural, labelOf, TYPE_NAMES} from './dom.js';
import {highlightedFragment} from './text.js';
import {FILTER_TYPES, PAGE_SIZE, stateToQuery, cloneState} from './state.js';
import {parseYearFilter} from './timeline.js';

const ENTITY_TYPES = ['state', 'mechanism', 'organisation', 'year'];
const CHIPS_PER_TYPE = 8;

/** "year: 2000–2010" style text for a filter value. */
export function filterLabel(type, value) {
    if (type === 'year' || type === 'published') {
        const r = parseYearFilter(value);
        if (r && r[0] !== r[1]) return `${r[0]}–${r[1]}`;
        return String(value);
    }
    return labelOf(type, value);
}

/** The removable chips of the active filters. */
export function renderChips(container, state, {onRemove, onClear}) {
    clear(container);
    const chips = [];
    for (const type of FILTER_TYPES) {
        for (const value of state.filters[type]) {
            const text = filterLabel(type, value);
            chips.push(el('li', {},
                el('button', {type: 'button', class: 'chip chip-filter', dataset: {type, value},
                              'aria-label': `Remove filter ${TYPE_NAMES[type]}: ${text}`,
                              onclick: () => onRemove(type, value)},
                   el('span', {class: 'chip-type'}, TYPE_NAMES[type] + ':'), ' ', text,
                   el('span', {class: 'chip-x', 'aria-hidden': 'true'}, ' ×'))));
        }
    }
    container.hidden = chips.length === 0;
    if (!chips.length) return;
    container.append(el('span', {class: 'chips-title'}, 'Filters'), el('ul', {}, chips));
    if (chips.length > 1) {
        container.append(el('button', {type: 'button', class: 'link', onclick: onClear}, 'Clear all'));
    }
}

/** The summary line: the total (exact, from the API) and the two timings. */
export function renderSummary(totalNode, tookNode, answer) {
    totalNode.dataset.total = String(answer.total);
    totalNode.textContent = plural(answer.total, 'document', 'documents');
    tookNode.dataset.tookMs = String(answer.took_ms);
    tookNode.textContent = `${Number(answer.took_ms).toFixed(1)} ms in the index`;
}

export function renderSuggestion(container, answer, onRun) {
    clear(container);
    container.hidden = !answer.suggestion;
    if (!answer.suggestion) return;
    container.append('Did you mean ',
        el('button', {type: 'button', class: 'link suggestion-run', onclick: () => onRun(answer.suggestion)},
           answer.suggestion), '?');
}

/** Names of q read as entities ("resolved") and names that several entities share
 *  ("ambiguous", each candidate a button that filters by it: onToggle(type, id)). */
export function renderNames(container, answer, onToggle) {
    clear(container);
    const resolved = answer.resolved || [], ambiguous = answer.ambiguous || [];
    container.hidden = resolved.length === 0 && ambiguous.length === 0;
    for (const name of resolved) {
        container.append(el('span', {class: 'name-chip', 'data-testid': 'resolved-name',
                                     title: `Also matches every mention of this ${name.type}`},
            `“${name.text}” also matches the ${name.type} ${name.label} (${name.id})`));
    }
    for (const name of ambiguous) {
        const hint = el('span', {class: 'name-hint', 'data-testid': 'ambiguous-name'},
                        `“${name.text}” is searched as a word; it may name `);
        name.candidates.forEach((c, i) => {
            if (i > 0) hint.append(i === name.candidates.length - 1 ? ' or ' : ', ');
            hint.append(el('button', {type: 'button', class: 'link',
                                      onclick: () => onToggle(name.type, c.id)}, c.label));
        });
        container.append(hint);
    }
}

/** The hits of one page. handlers: {onOpen(id), onToggle(type, value)}. */
export function renderHits(list, answer, state, handlers) {
    clear(list);
    if (!answer.hits.length) {
        list.append(el('li', {class: 'no-hits'},
            answer.total > 0 ? 'No more results on this page.' :
            'No documents match. Remove a filter or try fewer words.'));
        return;
    }
    answer.hits.forEach((hit, i) => list.append(hitItem(hit, state, handlers, answer.query?.offset ?? state.offset, i)));
}

function hitItem(hit, state, handlers, offset, i) {
    const link = cloneState(state);
    link.doc = hit.id;
    link.entity = null;
    const rank = hit.rank || offset + i + 1;
    const title = el('a', {class: 'hit-title', href: stateToQuery(link) || '?',
        onclick: e => {
            // Let ctrl/cmd/middle clicks open a new tab as links do.
            if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            handlers.onOpen(hit.id);
        }}, hit.title || hit.id);
    const meta = [hit.kind, hit.publisher, hit.published ? String(hit.published) : null].filter(Boolean);
    const item = el('li', {class: 'hit', dataset: {id: hit.id}},
        el('h3', {}, el('span', {class: 'rank'}, `${rank}.`), ' ', title),
        el('p', {class: 'hit-meta'}, meta.join(' · '), el('span', {class: 'hit-id'}, hit.id)));
    for (const snippet of hit.snippets || []) {
        item.append(el('p', {class: 'snippet'},
            snippet.page ? el('span', {class: 'page'}, `p. ${snippet.page} `) : null,
            highlightedFragment(snippet.text, snippet.highlights)));
    }
    const entities = entityChips(hit.entities || {}, state, handlers.onToggle);
    if (entities) item.append(entities);
    return item;
}

function entityChips(entities, state, onToggle) {
    const groups = [];
    for (const type of ENTITY_TYPES) {
        // Entities the reader filters by come first, so they are never behind "+N more".
        const active = new Set((state.filters[type] || []).map(String));
        const ids = (entities[type] || []).map(String)
            .sort((a, b) => Number(active.has(b)) - Number(active.has(a)));
        if (!ids.length) continue;
        const list = el('ul', {class: 'entity-chips', 'aria-label': TYPE_NAMES[type]});
        ids.forEach((id, i) => {
            const on = active.has(id);
            list.append(el('li', {hidden: i >= CHIPS_PER_TYPE},
                el('button', {type: 'button', class: `chip chip-${type}` + (on ? ' active' : ''),
                              dataset: {type, value: id}, 'aria-pressed': String(on),
                              title: `${on ? 'Remove' : 'Add'} filter ${TYPE_NAMES[type]}: ${labelOf(type, id)}`,
                              onclick: () => onToggle(type, id)}, labelOf(type, id))));
        });
        if (ids.length > CHIPS_PER_TYPE) {
            const more = el('li', {}, el('button', {type: 'button', class: 'link',
                onclick: () => { list.querySelectorAll('li[hidden]').forEach(n => { n.hidden = false; }); more.remove(); }},
                `+${ids.length - CHIPS_PER_TYPE} more`));
            list.append(more);
        }
        groups.push(el('div', {class: 'entity-group'}, el('span', {class: 'entity-type'}, TYPE_NAMES[type]), list));
    }
    return groups.length ? el('div', {class: 'hit-entities'}, groups) : null;
}

/** Previous/next page links; the range shown is "11–20 of 23". */
export function renderPager(container, answer, state, onPage) {
    clear(container);
    const offset = answer.query?.offset ?? state.offset;
    const limit = answer.query?.limit ?? PAGE_SIZE;
    if (answer.total <= limit && offset === 0) { container.hidden = true; return; }
    container.hidden = false;
    const from = Math.min(answer.total, offset + 1), to = Math.min(answer.total, offset + answer.hits.length);
    const pageLink = (label, target, rel) => {
        const s = cloneState(state);
        s.offset = target;
        return el('a', {class: 'button', rel, href: stateToQuery(s) || '?',
            onclick: e => { if (e.ctrlKey || e.metaKey) return; e.preventDefault(); onPage(target); }}, label);
    };
    if (offset > 0) container.append(pageLink('← Previous', Math.max(0, offset - limit), 'prev'));
    container.append(el('span', {class: 'pager-range'},
        `${formatCount(from)}–${formatCount(to)} of ${formatCount(answer.total)}`));
    if (offset + limit < answer.total) container.append(pageLink('Next →', offset + limit, 'next'));
}
