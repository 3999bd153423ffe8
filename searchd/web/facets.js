// The facet sidebar: one group per facet, checkboxes (values of one facet are OR'd by the API),
// exact counts as the API gives them, "show all" for long facets, and a prefix search inside
// the states facet through GET /v1/facets/state?prefix=….

import {el, clear, formatCount, rememberLabel, TYPE_NAMES} from './dom.js';
import {facetValues, filterParams, ApiError} from './api.js';

export const SIDEBAR_FACETS = ['state', 'mechanism', 'organisation', 'kind', 'published'];
const SHORT_LIST = 8;

const expanded = new Set();          // facets the reader opened with "show all" (view-only state)
let prefixAbort = null;              // the state prefix search in flight
let prefixText = '';
let prefixTimer = 0;

/**
 * Renders every sidebar facet from a search answer. `onToggle(type, value)` is called when a
 * checkbox changes. Values that are selected but absent from the answer (no document matches
 * them together with the other filters) still show, with a count of 0, so they can be unticked.
 */
export function renderFacets(container, answer, state, onToggle) {
    // Re-rendering replaces the nodes; put keyboard focus back where the reader left it.
    const focusKey = focusedKey(container);
    clear(container);
    for (const type of SIDEBAR_FACETS) {
        const values = (answer.facets && answer.facets[type]) || [];
        for (const v of values) rememberLabel(type, v.value, v.label);
        container.append(facetGroup(type, values, state, onToggle));
    }
    // Keep a running state search alive across re-renders (typing in it must not be lost).
    if (prefixText) runPrefixSearch(container, state, onToggle).then(() => restoreFocus(container, focusKey));
    restoreFocus(container, focusKey);
}

function focusedKey(container) {
    const active = document.activeElement;
    if (!active || !container.contains(active)) return null;
    if (active.id) return '#' + active.id;
    const item = active.closest('[data-value]');
    const group = active.closest('[data-facet]');
    if (item && group) return `[data-facet="${group.dataset.facet}"] [data-value="${CSS.escape(item.dataset.value)}"] input`;
    if (group && active.classList.contains('facet-more')) return `[data-facet="${group.dataset.facet}"] .facet-more`;
    return null;
}

function restoreFocus(container, key) {
    if (!key) return;
    const target = [...container.querySelectorAll(key)].find(n => !n.closest('[hidden]'));
    if (target && document.activeElement !== target) target.focus();
}

function facetGroup(type, values, state, onToggle) {
    const selected = state.filters[type];
    const listed = new Set(values.map(v => v.value));
    const rows = values.slice();
    for (const value of selected) {
        if (!listed.has(value)) rows.push({value, label: value, count: 0});
    }
    const long = rows.length > SHORT_LIST && !expanded.has(type);
    // In the short list, selected values always stay visible.
    const shown = long ? rows.filter((v, i) => i < SHORT_LIST || selected.includes(v.value)) : rows;

    const headingId = 'facet-h-' + type;
    const group = el('section', {class: 'facet', dataset: {facet: type}, 'aria-labelledby': headingId},
        el('h2', {id: headingId}, TYPE_NAMES[type],
           el('span', {class: 'facet-total'}, ` ${formatCount(values.length)}`)));
    if (type === 'state') group.append(stateSearchBox());
    const list = el('ul', {class: 'facet-values'});
    for (const v of shown) list.append(facetItem(type, v, selected.includes(v.value), onToggle));
    if (!rows.length) list.append(el('li', {class: 'facet-empty'}, 'none in these results'));
    group.append(list);
    if (rows.length > SHORT_LIST) {
        const open = expanded.has(type);
        group.append(el('button', {
            type: 'button', class: 'link facet-more', 'aria-expanded': String(open),
            onclick: () => {
                if (open) expanded.delete(type); else expanded.add(type);
                const fresh = facetGroup(type, values, state, onToggle);
                group.replaceWith(fresh);
                fresh.querySelector('.facet-more').focus();
            },
        }, open ? 'Show fewer' : `Show all ${formatCount(rows.length)}`));
    }
    return group;
}

function facetItem(type, v, checked, onToggle) {
    const label = v.label || v.value;
    return el('li', {dataset: {value: v.value}, class: checked ? 'selected' : null},
        el('label', {title: label !== v.value ? `${label} (${v.value})` : null},
            el('input', {type: 'checkbox', checked, onchange: () => onToggle(type, v.value)}),
            el('span', {class: 'label'}, label),
            el('span', {class: 'count', 'aria-label': `${formatCount(v.count)} documents`},
               formatCount(v.count))));
}

function stateSearchBox() {
    const input = el('input', {
        type: 'search', id: 'state-search', placeholder: 'Find a state…', autocomplete: 'off',
        'aria-label': 'Find a state', value: prefixText,
    });
    input.addEventListener('input', () => {
        prefixText = input.value.trim();
        clearTimeout(prefixTimer);
        // The sidebar re-renders after every search; the handler finds the current one.
        prefixTimer = setTimeout(() => {
            const container = document.getElementById('facets');
            if (container && currentArgs) runPrefixSearch(container, currentArgs.state, currentArgs.onToggle);
        }, 150);
    });
    return el('div', {class: 'facet-search'}, input);
}

let currentArgs = null;
/** The page tells us its state, so the prefix box can search with the current q and filters. */
export function setFacetContext(state, onToggle) {
    currentArgs = {state, onToggle};
}

async function runPrefixSearch(container, state, onToggle) {
    const group = container.querySelector('[data-facet="state"]');
    if (!group) return;
    if (prefixAbort) prefixAbort.abort();
    if (!prefixText) {
        // Back to the ordinary list: re-render just this group from the last answer.
        group.querySelector('.facet-values').hidden = false;
        group.querySelector('.facet-prefix')?.remove();
        const more = group.querySelector('.facet-more');
        if (more) more.hidden = false;
        return;
    }
    prefixAbort = new AbortController();
    // Counts for a state under multi-select do not depend on the other ticked states, so the
    // state filter itself is left out: the numbers then match the sidebar's.
    const forCounts = {...state, filters: {...state.filters, state: []}};
    const params = filterParams(forCounts);
    params.set('prefix', prefixText);
    params.set('limit', '0');
    let answer;
    try {
        answer = await facetValues('state', params, prefixAbort.signal);
    } catch (err) {
        if (err.name === 'AbortError') return;
        answer = {values: [], error: err instanceof ApiError ? err.message : String(err)};
    }
    const live = container.querySelector('[data-facet="state"]');
    if (!live) return;
    live.querySelector('.facet-prefix')?.remove();
    live.querySelector('.facet-values').hidden = true;
    const more = live.querySelector('.facet-more');
    if (more) more.hidden = true;
    const list = el('ul', {class: 'facet-values facet-prefix', 'aria-live': 'polite'});
    for (const v of answer.values) {
        rememberLabel('state', v.value, v.label);
        list.append(facetItem('state', v, state.filters.state.includes(v.value), onToggle));
    }
    if (!answer.values.length) {
        list.append(el('li', {class: 'facet-empty'},
                       answer.error ? answer.error : `no state matching “${prefixText}” in these results`));
    }
    live.querySelector('.facet-search').after(list);
}
