// Browser tests of the Consulta page (searchd/web) against a running consulta-searchd.
//
//   CONSULTA_URL=http://127.0.0.1:8080 node --test --test-concurrency=1 search.spec.mjs
//
// The oracles come from the API itself (the same request the page makes, fetched by the test),
// so the tests check that the page shows what the server says, exactly. The one corpus fact
// used, a phrase that only one document contains, is read from corpus/ at run time.
// Screenshots of each step go to tests/e2e/output/.

import {test, before, after, beforeEach, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(HERE, '../../corpus');
const OUTPUT = path.join(HERE, 'output');
const BASE = (process.env.CONSULTA_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 60_000;

let browser, context, page;

before(async () => {
    fs.mkdirSync(OUTPUT, {recursive: true});
    // Debian's chromium is newer than the Chromium a Node 18-capable playwright-core was
    // released with: ask for its (new) headless mode explicitly rather than rely on how that
    // playwright-core spells it, and keep it off the network (QUIC, updates, sync).
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
});
after(async () => { await browser?.close(); });
beforeEach(async () => {
    context = await browser.newContext({viewport: {width: 1440, height: 900}, acceptDownloads: true});
    page = await context.newPage();
    // A page error is a test failure even when the assertions would pass.
    page.on('pageerror', err => { throw err; });
});
afterEach(async () => { await context?.close(); });

// ---- helpers ----------------------------------------------------------------------------------

async function api(pathAndQuery) {
    const response = await fetch(BASE + pathAndQuery);
    const body = await response.json();
    return {status: response.status, body};
}

const qs = params => new URLSearchParams(params).toString();

async function shot(name) {
    await page.screenshot({path: path.join(OUTPUT, name + '.png'), fullPage: true});
}

/** Waits until the page has rendered a search answer (or an error) for a new request. */
async function settled(previousQuery = null) {
    await page.waitForFunction(prev => {
        const r = document.querySelector('#results');
        return r && (r.dataset.state === 'ready' || r.dataset.state === 'error') &&
               r.dataset.query !== undefined && r.dataset.query !== prev;
    }, previousQuery, {timeout: 15_000});
}

async function renderedQuery() {
    return page.$eval('#results', r => r.dataset.query ?? null);
}

/** Runs an action that changes the search, and waits for the new answer on screen. */
async function andSettle(action) {
    const before = await renderedQuery();
    await action();
    await settled(before);
}

async function open(query = '') {
    await page.goto(BASE + '/' + query);
    await settled();
}

const hitIds = () => page.$$eval('#results .hit', hits => hits.map(h => h.dataset.id));
const shownTotal = () => page.$eval('#total', t => Number(t.dataset.total));

/** {facet: {value: count}} as the sidebar shows it. */
async function sidebarCounts() {
    return page.$$eval('#facets [data-facet]', groups => Object.fromEntries(groups.map(g => [
        g.dataset.facet,
        Object.fromEntries([...g.querySelectorAll('.facet-values:not(.facet-prefix) > li[data-value]')].map(li => [
            li.dataset.value, Number(li.querySelector('.count').textContent.replace(/\D/g, ''))])),
    ])));
}

/** Minimal RFC 4180 reader: rows of fields, quotes and CRLF inside quotes handled. */
function parseCsv(text) {
    const rows = [];
    let row = [], field = '', quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
            else if (c === '"') quoted = false;
            else field += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') { row.push(field); field = ''; }
        else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
        else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
        else field += c;
    }
    if (field !== '' || row.length) { row.push(field); rows.push(row); }
    return rows;
}

// ---- tests --------------------------------------------------------------------------------------

test('a phrase that one document contains finds that document first', {timeout: TIMEOUT}, async () => {
    const phrase = 'Hans-Petter Boe';
    const holders = fs.readdirSync(CORPUS).filter(f => /\.(txt|md)$/.test(f))
        .filter(f => fs.readFileSync(path.join(CORPUS, f), 'utf8').includes(phrase));
    assert.equal(holders.length, 1, `the corpus should hold "${phrase}" in exactly one document`);
    const expected = holders[0].replace(/\.[^.]+$/, '');

    await open();
    await shot('01-start');
    await andSettle(() => page.locator('#q').pressSequentially(`"${phrase}"`, {delay: 30}));
    const ids = await hitIds();
    assert.equal(ids[0], expected);
    const {body} = await api('/v1/search?' + qs({q: `"${phrase}"`}));
    assert.equal(await shownTotal(), body.total);
    assert.deepEqual(ids, body.hits.map(h => h.id));
    const latency = Number(await page.$eval('#results', r => r.dataset.latencyMs));
    assert.ok(Number.isFinite(latency) && latency >= 0, 'data-latency-ms is a number of milliseconds');
    const fetchMs = Number(await page.$eval('#results', r => r.dataset.fetchMs));
    // Reported, never asserted: a timing is a figure, not a test.
    console.log(`# keystroke to results: ${latency} ms (request to painted results: ${fetchMs} ms)`);
    assert.ok(page.url().includes('q='), 'the query is in the URL');
    await shot('02-phrase-first-hit');
});

test('a typed name finds its filter\'s documents and says so; an ambiguous one offers its candidates', {timeout: TIMEOUT}, async () => {
    await open();
    await andSettle(() => page.locator('#q').pressSequentially('Eswatini', {delay: 30}));
    const byName = (await api('/v1/search?' + qs({q: 'Eswatini'}))).body;
    const byFilter = (await api('/v1/search?' + qs({state: 'SZ'}))).body;
    assert.equal(byName.total, byFilter.total);
    assert.equal(await shownTotal(), byFilter.total);
    assert.deepEqual(await hitIds(), byName.hits.map(h => h.id));
    const chip = page.getByTestId('resolved-name');
    assert.equal(await chip.count(), 1);
    assert.match(await chip.textContent(), /“Eswatini” also matches the state Eswatini \(SZ\)/);
    await shot('02b-resolved-name');

    await andSettle(() => page.locator('#q').fill('Korea'));
    const hint = page.getByTestId('ambiguous-name');
    assert.equal(await hint.count(), 1);
    assert.deepEqual(await hint.locator('button').allTextContents(), ['North Korea', 'South Korea']);
    await andSettle(() => hint.locator('button', {hasText: 'North Korea'}).click());
    const filtered = (await api('/v1/search?' + qs({q: 'Korea', state: 'KP'}))).body;
    assert.equal(await shownTotal(), filtered.total);
    assert.ok(page.url().includes('state=KP'), 'the candidate became a state filter');
    await shot('02c-ambiguous-name');
});

test('a filter named by an old name in the URL ticks its state, and the URL takes the id', {timeout: TIMEOUT}, async () => {
    const byId = (await api('/v1/search?' + qs({state: 'SZ', limit: 0}))).body;
    assert.equal(byId.total, 2);
    await open('?state=Swaziland');
    assert.equal(await shownTotal(), byId.total);
    assert.ok(await page.isChecked('[data-facet="state"] [data-value="SZ"] input'), 'SZ is ticked');
    assert.equal(await page.locator('[data-facet="state"] [data-value="Swaziland"]').count(), 0,
                 'no "Swaziland 0" beside it');
    assert.ok(new URL(page.url()).searchParams.getAll('state').join() === 'SZ', page.url());
    const chips = await page.$$eval('#chips .chip-filter', cs => cs.map(c => c.dataset.type + '=' + c.dataset.value));
    assert.deepEqual(chips, ['state=SZ']);
});

test('two states: totals and every facet count equal the API answer', {timeout: TIMEOUT}, async () => {
    const {body: all} = await api('/v1/search?' + qs({limit: 0, facets: 'state', facet_limit: 0}));
    assert.ok(all.facets.state.length >= 2, 'the index names at least two states');
    const [a, b] = all.facets.state.slice(0, 2).map(v => v.value);

    await open();
    for (const value of [a, b]) {
        await andSettle(() => page.locator(`[data-facet="state"] [data-value="${value}"] input[type=checkbox]`).check());
    }
    await shot('03-two-states');
    const {body} = await api('/v1/search?' + qs([['state', a], ['state', b], ['limit', 10], ['facet_limit', 0]]));
    assert.equal(await shownTotal(), body.total);
    assert.deepEqual(await hitIds(), body.hits.map(h => h.id));
    const shown = await sidebarCounts();
    for (const [facet, counts] of Object.entries(shown)) {
        const expected = Object.fromEntries((body.facets[facet] || []).map(v => [v.value, v.count]));
        for (const [value, count] of Object.entries(counts)) {
            assert.equal(count, expected[value] ?? 0, `${facet}=${value}`);
        }
        // Every value the API counts is reachable (shown, or behind "show all").
        const total = await page.$eval(`[data-facet="${facet}"] .facet-total`, n => Number(n.textContent.replace(/\D/g, '')));
        assert.equal(total, (body.facets[facet] || []).length, `${facet} has as many values as the API`);
    }
    const chips = await page.$$eval('#chips .chip-filter', cs => cs.map(c => c.dataset.type + '=' + c.dataset.value));
    assert.deepEqual(chips.sort(), [`state=${a}`, `state=${b}`].sort());
});

test('a click on a year bar narrows the list to that year', {timeout: TIMEOUT}, async () => {
    const {body: all} = await api('/v1/search?' + qs({limit: 0, facets: 'year', facet_limit: 0}));
    const year = all.facets.year.find(v => v.count < all.total);
    assert.ok(year, 'some mentioned year is in fewer than all documents');

    await open();
    const before = await shownTotal();
    assert.equal(before, all.total);
    await andSettle(() => page.locator(`#timeline [data-chart="year"] [data-year="${year.value}"]`).click());
    await shot('04-year-bar');
    const {body} = await api('/v1/search?' + qs({year: year.value}));
    assert.equal(await shownTotal(), body.total);
    assert.equal(body.total, year.count, 'the bar count is the document count');
    assert.ok(body.total < before);
    assert.deepEqual(await hitIds(), body.hits.map(h => h.id));
    assert.equal(new URL(page.url()).searchParams.get('year'), String(year.value));
    assert.equal(await page.$eval(`#timeline [data-chart="year"] [data-year="${year.value}"]`,
                                  g => g.getAttribute('aria-pressed')), 'true');
});

test('a document marks every Botswana mention the API reports', {timeout: TIMEOUT}, async () => {
    const {body: found} = await api('/v1/search?' + qs({state: 'BW', limit: 1}));
    assert.ok(found.total > 0, 'some document mentions Botswana');
    const id = found.hits[0].id;
    const {body: doc} = await api(`/v1/documents/${encodeURIComponent(id)}?text=1`);
    const bw = doc.entities.state.find(e => e.id === 'BW');

    await open('?' + qs({state: 'BW'}));
    await page.locator(`.hit[data-id="${id}"] .hit-title`).click();
    await page.waitForSelector('#doc[data-state="ready"]');
    const marks = await page.$$eval('#doc mark[data-entity="BW"]', ms => ms.map(m => m.textContent));
    assert.equal(marks.length, bw.mentions.length);
    assert.equal(bw.count, bw.mentions.length);
    // Byte offsets turned into string positions correctly: each mark holds the mention's text.
    assert.deepEqual(marks, bw.mentions.map(m => m.text));
    // Every entity of every type is marked, in text order, and the text itself is unchanged.
    const listed = Object.entries(doc.entities)
        .flatMap(([type, es]) => es.flatMap(e => e.mentions.map(m => ({type, id: String(e.id), start: m.start, end: m.end, text: m.text}))))
        .sort((x, y) => x.start - y.start || y.end - x.end);
    // Overlapping year mentions (a range and its middle years) are one mark naming every year.
    const all = [];
    for (const m of listed) {
        const last = all.findLast(x => x.type === 'year');
        if (m.type === 'year' && last && m.start < last.end) {
            if (m.end > last.end) { last.end = m.end; last.text = m.text; }
            if (!last.ids.includes(m.id)) last.ids.push(m.id);
            last.id = [...last.ids].sort().join(' ');
        } else {
            all.push({...m, ids: [m.id]});
        }
    }
    const shown = await page.$$eval('#doc .doc-text mark[data-entity]',
                                    ms => ms.map(m => ({type: m.dataset.type, id: m.dataset.entity, text: m.textContent})));
    assert.deepEqual(shown, all.map(({type, id, text}) => ({type, id, text})));
    assert.equal(await page.$eval('#doc-text', n => n.textContent), doc.text);
    // Next mention focuses a mark.
    await page.locator(`#doc .entity-select[data-key="state:BW"]`).click();
    await page.locator('#mention-next').click();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.entity), 'BW');
    assert.equal(new URL(page.url()).searchParams.get('doc'), id);
    await shot('05-document-botswana');
});

test('the CSV export holds as many rows as the API counts', {timeout: TIMEOUT}, async () => {
    const {body} = await api('/v1/mentions?' + qs({state: 'BW', type: 'state', limit: 1}));
    await page.goto(BASE + '/?' + qs({state: 'BW', view: 'mentions'}));
    await page.waitForSelector('#mentions');
    await shot('06-mentions');
    assert.equal(await page.$eval('#mentions-total', n => Number(n.dataset.total)), body.total);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    const file = path.join(OUTPUT, 'mentions.csv');
    await download.saveAs(file);
    const rows = parseCsv(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(rows[0].slice(0, 10), ['doc', 'type', 'entity', 'label', 'form', 'start', 'end', 'text', 'left', 'right']);
    assert.equal(rows.length - 1, body.total);
    const jsonl = await (await fetch(new URL(await page.$eval('#export-jsonl', a => a.href)))).text();
    assert.equal(jsonl.split('\n').filter(Boolean).length, body.total);
});

test('a shared URL brings back the same view, and back goes back', {timeout: TIMEOUT}, async () => {
    const {body: all} = await api('/v1/search?' + qs({limit: 0, facets: 'state'}));
    const state = all.facets.state[0].value;
    await open();
    await andSettle(() => page.locator('#q').fill('migration'));
    await andSettle(() => page.locator(`[data-facet="state"] [data-value="${state}"] input`).check());
    await andSettle(() => page.locator('#sort').selectOption('-year'));
    const url = page.url();
    const ids = await hitIds();
    const total = await shownTotal();
    await shot('07-before-share');

    const second = await context.newPage();
    await second.goto(url);
    await second.waitForSelector('#results[data-state="ready"]');
    assert.equal(await second.inputValue('#q'), 'migration');
    assert.equal(await second.inputValue('#sort'), '-year');
    assert.ok(await second.isChecked(`[data-facet="state"] [data-value="${state}"] input`));
    assert.deepEqual(await second.$$eval('#results .hit', hs => hs.map(h => h.dataset.id)), ids);
    assert.equal(await second.$eval('#total', t => Number(t.dataset.total)), total);
    await second.screenshot({path: path.join(OUTPUT, '08-shared-url.png'), fullPage: true});
    await second.close();

    // Open a document, reload, come back.
    await page.locator('#results .hit .hit-title').first().click();
    await page.waitForSelector('#doc[data-state="ready"]');
    await page.reload();
    await page.waitForSelector('#doc[data-state="ready"]');
    await page.goBack();
    await page.waitForSelector('#doc', {state: 'hidden'});
    await settled();
    assert.deepEqual(await hitIds(), ids);
    await page.goBack();  // before the sort change
    await page.waitForFunction(() => document.querySelector('#sort').value === 'relevance');
});

test('a query with a syntax error shows the API message', {timeout: TIMEOUT}, async () => {
    const q = 'migration AND';
    const {status, body} = await api('/v1/search?' + qs({q}));
    assert.equal(status, 400);
    await open();
    await andSettle(() => page.locator('#q').fill(q));
    await page.waitForSelector('#error:not([hidden])');
    assert.equal(await page.getAttribute('#error', 'role'), 'alert');
    assert.equal((await page.textContent('#error .error-message')).trim(), body.error.message);
    await shot('09-syntax-error');
});

test('the page is usable at 360 pixels wide', {timeout: TIMEOUT}, async () => {
    await page.setViewportSize({width: 360, height: 780});
    await open();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
    // The sidebar comes after the results on narrow screens.
    const [results, sidebar] = await Promise.all(['#results', '#sidebar'].map(s => page.locator(s).boundingBox()));
    assert.ok(sidebar.y > results.y);
    await shot('10-narrow');
});

test('embed.js on another origin searches the Consulta server (CORS)', {timeout: TIMEOUT}, async () => {
    // A host page on a second loopback origin, as another site would embed the search box.
    const http = await import('node:http');
    const host = http.createServer((req, res) => {
        res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'});
        res.end(`<!doctype html><title>Host</title><h1>A partner site</h1>
<div data-consulta-search data-q="trafficking" data-limit="3"></div>
<script src="${BASE}/embed.js" data-server="${BASE}"></script>`);
    });
    await new Promise(resolve => host.listen(0, '127.0.0.1', resolve));
    try {
        const hostUrl = `http://127.0.0.1:${host.address().port}/`;
        assert.notEqual(new URL(hostUrl).origin, new URL(BASE).origin);
        const {body} = await api('/v1/search?' + qs({q: 'trafficking', limit: 3}));
        await page.goto(hostUrl);
        const items = page.locator('[data-consulta-search] li[data-id]');
        await items.first().waitFor({timeout: 20_000});
        assert.deepEqual(await items.evaluateAll(els => els.map(e => e.dataset.id)),
                         body.hits.map(h => h.id));
        await shot('11-embedded');
    } finally {
        await new Promise(resolve => host.close(resolve));
    }
});
