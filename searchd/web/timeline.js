// Years as a picture: two bar charts drawn as inline SVG from the `year` facet (documents per
// mentioned year) and the `published` facet (documents per publication year). A click on a bar
// (or Enter on a focused bar) toggles that year as a filter; dragging across the chart filters
// by the range (year=2000..2010). The counts are the facet's exact document counts.

import {svg, el, clear, formatCount, plural} from './dom.js';

const CHARTS = [
    {type: 'year', title: 'Documents per year mentioned'},
    {type: 'published', title: 'Documents per publication year'},
];
const HEIGHT = 110;
const MARGIN = {top: 8, right: 8, bottom: 20, left: 34};

let last = null;                     // last render's arguments, for redraws on resize
const observer = typeof ResizeObserver === 'function'
    ? new ResizeObserver(() => redraw()) : null;
let observedWidth = 0;

/** Draws both charts. handlers: {onToggle(type, year), onRange(type, "a..b")}. */
export function renderTimeline(container, answer, state, handlers) {
    last = [container, answer, state, handlers];
    if (observer && !container.dataset.observed) {
        container.dataset.observed = '1';
        observer.observe(container);
    }
    draw(container, answer, state, handlers);
}

function draw(container, answer, state, handlers) {
    // Only redraw on resize when the width really changed (the observer also fires on height).
    observedWidth = container.clientWidth;
    clear(container);
    for (const chart of CHARTS) {
        const counts = new Map();
        for (const v of (answer.facets && answer.facets[chart.type]) || []) {
            const year = Number.parseInt(v.value, 10);
            if (String(year) === String(v.value).trim()) counts.set(year, v.count);
        }
        container.append(chartFigure(chart, counts, state.filters[chart.type] || [], handlers,
                                     container.clientWidth || 600));
    }
}

/** "2006" → [2006, 2006]; "2000..2010" → [2000, 2010]; anything else → null. */
export function parseYearFilter(value) {
    const m = /^(\d{1,4})(?:\.\.(\d{1,4}))?$/.exec(String(value).trim());
    if (!m) return null;
    const a = Number(m[1]), b = m[2] ? Number(m[2]) : a;
    return [Math.min(a, b), Math.max(a, b)];
}

function chartFigure(chart, counts, selectedValues, handlers, width) {
    const captionId = 'tl-cap-' + chart.type;
    const figure = el('figure', {class: 'chart', dataset: {chart: chart.type}, 'aria-labelledby': captionId},
                      el('figcaption', {id: captionId}, chart.title));
    if (!counts.size) {
        figure.append(el('p', {class: 'chart-empty'}, 'No years in these results.'));
        return figure;
    }
    const ranges = selectedValues.map(parseYearFilter).filter(Boolean);
    const isSelected = y => ranges.some(([a, b]) => y >= a && y <= b);
    const years = [...counts.keys()];
    const first = Math.min(...years), lastYear = Math.max(...years);
    const slots = lastYear - first + 1;
    const plotW = Math.max(60, width - MARGIN.left - MARGIN.right);
    const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const slot = plotW / slots;
    const max = Math.max(...counts.values());
    const x = year => MARGIN.left + (year - first) * slot;
    const yearAt = px => Math.min(lastYear, Math.max(first, first + Math.floor((px - MARGIN.left) / slot)));

    const root = svg('svg', {width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'group',
                             'aria-label': `${chart.title}, ${first} to ${lastYear}`, class: 'chart-svg'});
    // Axis: the top count and a base line, enough to read the heights.
    root.append(svg('line', {x1: MARGIN.left, x2: MARGIN.left + plotW, y1: MARGIN.top + plotH, y2: MARGIN.top + plotH, class: 'axis'}));
    root.append(svg('line', {x1: MARGIN.left, x2: MARGIN.left + plotW, y1: MARGIN.top, y2: MARGIN.top, class: 'grid'}));
    root.append(svg('text', {x: MARGIN.left - 4, y: MARGIN.top + 4, 'text-anchor': 'end', class: 'tick'}, formatCount(max)));
    root.append(svg('text', {x: MARGIN.left - 4, y: MARGIN.top + plotH, 'text-anchor': 'end', class: 'tick'}, '0'));
    const step = [1, 2, 5, 10, 20, 25, 50, 100].find(k => k * slot >= 34) || 100;
    for (let year = first; year <= lastYear; year++) {
        if ((year - first) % step && year !== lastYear) continue;
        if (year === lastYear && (year - first) % step && (year - first) % step < step / 2) continue;
        root.append(svg('text', {x: x(year) + slot / 2, y: HEIGHT - 5, 'text-anchor': 'middle', class: 'tick'}, String(year)));
    }

    const brush = svg('rect', {class: 'brush', y: MARGIN.top, height: plotH, x: 0, width: 0, visibility: 'hidden'});
    root.append(brush);
    const bars = [];
    for (const year of [...counts.keys()].sort((a, b) => a - b)) {
        const count = counts.get(year);
        const h = Math.max(2, (count / max) * plotH);
        const barW = Math.max(1, slot * 0.8);
        const selected = isSelected(year);
        const g = svg('g', {class: 'bar' + (selected ? ' selected' : ''), tabindex: 0, role: 'button',
                            'aria-pressed': String(selected), dataset: {year: String(year), count: String(count)},
                            'aria-label': `${year}: ${plural(count, 'document', 'documents')}`},
            svg('title', {}, `${year}: ${plural(count, 'document', 'documents')}`),
            // A full-height, invisible target: a one-document bar is still easy to hit.
            svg('rect', {class: 'hit-area', x: x(year), y: MARGIN.top, width: slot, height: plotH}),
            svg('rect', {class: 'bar-fill', x: x(year) + (slot - barW) / 2, y: MARGIN.top + plotH - h, width: barW, height: h}));
        g.addEventListener('keydown', e => {
            if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                handlers.onToggle(chart.type, String(year));
            } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                e.preventDefault();
                const i = bars.indexOf(g) + (e.key === 'ArrowRight' ? 1 : -1);
                if (bars[i]) bars[i].focus();
            }
        });
        bars.push(g);
        root.append(g);
    }

    // Pointer gestures: press and release on one year is a click; across years, a range.
    let start = null;
    const showBrush = (a, b) => {
        const lo = Math.min(a, b), hi = Math.max(a, b);
        brush.setAttribute('x', x(lo));
        brush.setAttribute('width', (hi - lo + 1) * slot);
        brush.setAttribute('visibility', 'visible');
    };
    const pointX = e => {
        const box = root.getBoundingClientRect();
        return (e.clientX - box.left) * (width / box.width);
    };
    root.addEventListener('pointerdown', e => {
        if (e.button !== 0) return;
        start = yearAt(pointX(e));
        root.setPointerCapture(e.pointerId);
    });
    root.addEventListener('pointermove', e => {
        if (start === null) return;
        const now = yearAt(pointX(e));
        if (now !== start) showBrush(start, now);
    });
    const finish = e => {
        if (start === null) return;
        const end = yearAt(pointX(e));
        const a = start;
        start = null;
        brush.setAttribute('visibility', 'hidden');
        if (e.type === 'pointercancel') return;
        if (end === a) {
            if (counts.has(a)) handlers.onToggle(chart.type, String(a));
        } else {
            handlers.onRange(chart.type, `${Math.min(a, end)}..${Math.max(a, end)}`);
        }
    };
    root.addEventListener('pointerup', finish);
    root.addEventListener('pointercancel', finish);
    figure.append(root);
    figure.append(el('p', {class: 'chart-help'}, 'Click a bar to filter by that year; drag across bars for a range.'));
    return figure;
}

// Exported for the resize observer's guard and for tests that want to force a redraw.
export function redraw() {
    if (last && last[0].clientWidth !== observedWidth) draw(...last);
}
