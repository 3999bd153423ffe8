// The document view: full text with every entity mention marked by type
// (<mark class="m-state" data-entity="BW">), the query's words highlighted too, the document's
// entities with their counts, and previous/next through the mentions of a chosen entity.

import {el, clear, formatCount, rememberLabel, TYPE_NAMES} from './dom.js';
import {splitByByteRanges, queryRegExp, markQuery} from './text.js';

const ENTITY_TYPES = ['state', 'mechanism', 'organisation', 'year'];

/**
 * Renders a /v1/documents/{id}?text=1 answer. handlers: {onClose(), onSelectEntity(key|null),
 * onMentions(type, id)}. `state.entity` ("state:BW") is the entity whose mentions are stepped
 * through; it lives in the URL so a link can point at it.
 */
export function renderDocument(container, doc, state, handlers) {
    clear(container);
    const mentions = [];
    for (const type of ENTITY_TYPES) {
        for (const entity of (doc.entities && doc.entities[type]) || []) {
            rememberLabel(type, String(entity.id), entity.name);
            for (const m of entity.mentions || []) {
                mentions.push({start: m.start, end: m.end, type, id: String(entity.id),
                               name: entity.name || String(entity.id)});
            }
        }
    }

    const text = el('div', {class: 'doc-text', id: 'doc-text', tabindex: '0',
                            'aria-label': 'Document text'});
    const re = queryRegExp(state.q);
    for (const piece of splitByByteRanges(doc.text || '', mergeOverlappingYears(mentions))) {
        const content = markQuery(piece.text, re);
        if (!piece.range) { text.append(content); continue; }
        const m = piece.range;
        text.append(el('mark', {class: `m-${m.type}`, dataset: {type: m.type, entity: m.id},
                                title: `${TYPE_NAMES[m.type]}: ${m.name}`, tabindex: '-1'}, content));
    }
    if (!doc.text) text.append(el('p', {class: 'muted'}, 'The server sent no text for this document.'));
    if (doc.text_cut || doc.mentions_cut) {
        // The view holds the start of a very long document (api.js reads a few pages of it).
        const shown = new TextEncoder().encode(doc.text || '').length;
        text.prepend(el('p', {class: 'muted', id: 'doc-cut'},
            doc.text_cut ? `This view shows the first ${formatCount(shown)} of ${formatCount(doc.bytes)} bytes of the text` : 'This view shows the whole text',
            doc.mentions_cut ? `, with ${formatCount(doc.mentions_shown)} of its ${formatCount(doc.mentions_total)} mentions marked.` : '.'));
    }

    const meta = [doc.kind, doc.publisher, doc.published ? String(doc.published) : null,
                  doc.format, doc.bytes ? `${formatCount(doc.bytes)} bytes` : null].filter(Boolean);
    const nav = el('div', {class: 'mention-nav', id: 'mention-nav', 'aria-live': 'polite'});
    const aside = el('aside', {class: 'doc-entities', 'aria-label': 'Entities in this document'},
        el('h3', {}, 'Entities in this document'), entityList(doc, state, handlers), nav);

    container.append(
        el('div', {class: 'doc-head'},
            el('button', {type: 'button', class: 'button', id: 'doc-close', onclick: handlers.onClose},
               '← Back to results'),
            el('h2', {id: 'doc-title', tabindex: '-1'}, doc.title || doc.id),
            el('p', {class: 'hit-meta'}, meta.join(' · '), ' ', el('span', {class: 'hit-id'}, doc.path || doc.id)),
            el('p', {class: 'legend', 'aria-hidden': 'true'},
               ...ENTITY_TYPES.map(t => el('mark', {class: 'm-' + t}, TYPE_NAMES[t])),
               re ? el('mark', {class: 'm-query'}, 'query words') : null)),
        el('div', {class: 'doc-body'}, aside, text));
    container.dataset.id = doc.id;
    selectEntity(container, state.entity, false);
}

/**
 * A range or a decade stands for several years whose mentions overlap ("2016-2018": 2016, the
 * range_middle 2017 over the whole range, 2018; "the 1990s": ten years on one span). Marks cannot
 * overlap, so overlapping year mentions become one mark over their union, naming every year
 * (data-entity "2016 2017 2018"). Other types never overlap (the tagger's longest match).
 */
export function mergeOverlappingYears(mentions) {
    const others = mentions.filter(m => m.type !== 'year');
    const years = mentions.filter(m => m.type === 'year').sort((a, b) => a.start - b.start);
    const merged = [];
    for (const m of years) {
        const last = merged[merged.length - 1];
        if (last && m.start < last.end) {
            last.end = Math.max(last.end, m.end);
            if (!last.ids.includes(m.id)) last.ids.push(m.id);
        } else {
            merged.push({...m, ids: [m.id]});
        }
    }
    for (const m of merged) {
        m.ids.sort();
        m.id = m.ids.join(' ');
        m.name = m.ids.join(', ');
    }
    return [...others, ...merged];
}

function entityList(doc, state, handlers) {
    const wrap = el('div', {});
    for (const type of ENTITY_TYPES) {
        const entities = (doc.entities && doc.entities[type]) || [];
        if (!entities.length) continue;
        const list = el('ul', {class: 'doc-entity-list', dataset: {type}});
        for (const e of entities) {
            const key = `${type}:${e.id}`;
            list.append(el('li', {dataset: {entity: String(e.id)}},
                el('button', {type: 'button', class: 'entity-select', 'aria-pressed': String(state.entity === key),
                              dataset: {key}, onclick: () => handlers.onSelectEntity(state.entity === key ? null : key)},
                   el('span', {class: `swatch m-${type}`, 'aria-hidden': 'true'}),
                   el('span', {class: 'label'}, e.name || String(e.id)),
                   el('span', {class: 'count', title: 'mentions in this document'}, formatCount(e.count))),
                (type === 'state' || type === 'mechanism')
                    ? el('button', {type: 'button', class: 'link kwic-link', title: `All mentions of ${e.name || e.id} in context`,
                                    onclick: () => handlers.onMentions(type, String(e.id))}, 'in context')
                    : null));
        }
        wrap.append(el('h4', {}, `${TYPE_NAMES[type]} (${formatCount(entities.length)})`), list);
    }
    if (!wrap.childNodes.length) wrap.append(el('p', {class: 'muted'}, 'No entities found in this document.'));
    return wrap;
}

let cursor = -1;

/** Highlights the mentions of one entity and shows previous/next; `jump` moves to the first. */
export function selectEntity(container, key, jump = true) {
    const nav = container.querySelector('#mention-nav');
    container.querySelectorAll('mark.selected, mark.current').forEach(m => m.classList.remove('selected', 'current'));
    container.querySelectorAll('.entity-select').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.key === key)));
    cursor = -1;
    if (!nav) return;
    clear(nav);
    if (!key) return;
    const [type, id] = splitKey(key);
    const marks = marksOf(container, type, id);
    marks.forEach(m => m.classList.add('selected'));
    const label = container.querySelector(`.entity-select[data-key="${CSS.escape(key)}"] .label`);
    const status = el('span', {class: 'mention-pos'});
    const step = delta => {
        if (!marks.length) return;
        if (cursor >= 0) marks[cursor].classList.remove('current');
        cursor = (cursor + delta + marks.length) % marks.length;
        const mark = marks[cursor];
        mark.classList.add('current');
        mark.scrollIntoView({block: 'center', behavior: 'smooth'});
        mark.focus({preventScroll: true});
        status.textContent = `mention ${cursor + 1} of ${marks.length}`;
    };
    status.textContent = `${marks.length} marked`;
    nav.append(el('strong', {}, label ? label.textContent : id), ' ', status, ' ',
        el('button', {type: 'button', class: 'button', id: 'mention-prev', onclick: () => step(-1),
                      'aria-label': 'Previous mention'}, '↑ Previous'),
        el('button', {type: 'button', class: 'button', id: 'mention-next', onclick: () => step(1),
                      'aria-label': 'Next mention'}, '↓ Next'));
    if (jump) step(1);
}

function splitKey(key) {
    const i = key.indexOf(':');
    return [key.slice(0, i), key.slice(i + 1)];
}

function marksOf(container, type, id) {
    return [...container.querySelectorAll(`mark[data-type="${CSS.escape(type)}"][data-entity="${CSS.escape(id)}"]`)];
}
