// Tiny DOM helpers. Everything the API sends is inserted as text nodes (never innerHTML), so a
// document that contains "<script>" shows those characters and nothing else.

/**
 * el('a', {href: '#', class: 'x', dataset: {id: 1}, onclick: fn}, 'text', childNode, ...)
 * Strings become text nodes; null/false children are skipped; arrays are flattened.
 */
export function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'dataset') Object.assign(node.dataset, value);
        else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
        else if (key === 'text') node.textContent = value;
        else node.setAttribute(key, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
}

function append(node, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        if (Array.isArray(child)) append(node, child);
        else node.append(child instanceof Node ? child : String(child));
    }
}

export function clear(node) {
    node.replaceChildren();
    return node;
}

export function svg(tag, attrs = {}, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'dataset') Object.assign(node.dataset, value);
        else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, String(value));
    }
    for (const child of children) if (child) node.append(child instanceof Node ? child : String(child));
    return node;
}

/** Formats a count for people: 12 345. Exact, never rounded ("honest about counts"). */
export function formatCount(n) {
    return Number(n).toLocaleString('en-GB').replace(/,/g, '\u202f');
}

export function plural(n, one, many) {
    return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Entity labels seen so far (facets, documents): hits name entities by id only. */
const labels = new Map();
export function rememberLabel(type, id, label) {
    if (label && label !== id) labels.set(type + ':' + id, label);
}
export function labelOf(type, id) {
    return labels.get(type + ':' + id) || String(id);
}

export const TYPE_NAMES = {
    state: 'State', mechanism: 'Mechanism', organisation: 'Organisation', year: 'Year mentioned',
    kind: 'Kind', published: 'Published',
};

/**
 * Re-rendering replaces nodes, which drops keyboard focus to <body>. `keepFocus` notes which
 * element had focus (by its data-* identity: a bar's year, a chip's type and value inside a
 * hit) and focuses its replacement after `render()` ran.
 */
export function keepFocus(container, render) {
    const active = document.activeElement;
    let selector = null;
    if (active && active !== document.body && container.contains(active)) {
        const parts = [];
        for (let n = active; n && n !== container; n = n.parentElement) {
            const d = n.dataset || {};
            const own = ['id', 'chart', 'year', 'type', 'value']
                .filter(k => d[k] !== undefined)
                .map(k => `[data-${k}="${CSS.escape(d[k])}"]`).join('');
            if (own) parts.unshift(own);
        }
        if (parts.length) selector = parts.join(' ');
    }
    render();
    if (selector) {
        const target = container.querySelector(selector);
        if (target && typeof target.focus === 'function') target.focus();
    }
}
