/*
 * Consulta embed: a search box and result list for another site's page.
 *
 *   <script src="https://consulta.example/embed.js" data-server="https://consulta.example" defer></script>
 *   <div data-consulta-search></div>
 *
 * A classic script, not a module, so that it works with a plain <script src>. It draws into a
 * shadow root: the host page's CSS cannot break the widget and ours cannot leak into the page.
 * Results link to the full Consulta page on the server. The server must allow the host's origin
 * (cors_origins in consulta.toml). See docs/embedding.md.
 */
(function () {
    'use strict';

    var script = document.currentScript;
    // The server: data-server on the script tag, else the origin the script was loaded from.
    var defaultServer = (script && (script.getAttribute('data-server') ||
                                    new URL(script.src, location.href).origin)) || '';
    var encoder = new TextEncoder();
    var decoder = new TextDecoder('utf-8');

    var CSS = [
        ':host{display:block;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2329}',
        'form{display:flex;gap:6px}',
        'input{flex:1;min-width:0;font:inherit;padding:6px 8px;border:1px solid #9aa4ae;border-radius:4px}',
        'button{font:inherit;padding:6px 12px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;border-radius:4px;cursor:pointer}',
        ':focus-visible{outline:3px solid #f0a500;outline-offset:2px}',
        '.status{margin:6px 0;font-size:.85em;color:#5b6570}',
        '.error{margin:6px 0;padding:6px 8px;background:#fdecea;color:#8a1c12;border-radius:4px}',
        'ol{list-style:none;margin:0;padding:0}',
        'li{padding:8px 0;border-bottom:1px solid #d8dde3}',
        'a{color:#0b5cad}',
        '.meta{font-size:.8em;color:#5b6570}',
        '.snippet{margin:2px 0 0;font-size:.9em;overflow-wrap:anywhere}',
        'mark{background:#ffb36b;color:inherit;border-radius:2px}',
        '.more{display:inline-block;margin-top:6px;font-size:.85em}',
        '[hidden]{display:none!important}',
    ].join('\n');

    function el(tag, attrs, children) {
        var node = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (k) {
            if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
        });
        (children || []).forEach(function (c) {
            if (c !== null && c !== undefined) node.append(c);
        });
        return node;
    }

    // Highlights are UTF-8 byte offsets (docs/api.md): cut the bytes, decode each piece.
    function highlighted(text, highlights) {
        var bytes = encoder.encode(text);
        var out = document.createDocumentFragment();
        var at = 0;
        (highlights || []).slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (h) {
            var s = Math.max(h[0], at), e = Math.min(h[1], bytes.length);
            if (s >= e) return;
            if (s > at) out.append(decoder.decode(bytes.subarray(at, s)));
            out.append(el('mark', {}, [decoder.decode(bytes.subarray(s, e))]));
            at = e;
        });
        if (at < bytes.length) out.append(decoder.decode(bytes.subarray(at)));
        return out;
    }

    /**
     * Mounts a widget. options: {server, limit, placeholder, filters ("state=BW&year=2006"), q}.
     * Every option also reads from the element's data-* attributes.
     */
    function mount(host, options) {
        if (host.__consulta) return host.__consulta;
        options = options || {};
        var data = host.dataset;
        var server = (options.server || data.server || defaultServer).replace(/\/+$/, '');
        var limit = Math.min(100, Math.max(1, parseInt(options.limit || data.limit || '5', 10) || 5));
        var fixed = new URLSearchParams(options.filters || data.filters || '');
        var root = host.attachShadow ? host.attachShadow({mode: 'open'}) : host;
        var id = 'consulta-q-' + Math.random().toString(36).slice(2, 8);

        var input = el('input', {type: 'search', id: id, autocomplete: 'off', part: 'input',
                                 placeholder: options.placeholder || data.placeholder || 'Search Consulta…'});
        var label = el('label', {for: id, style: 'position:absolute;left:-9999px'}, ['Search Consulta']);
        var form = el('form', {role: 'search'}, [label, input, el('button', {type: 'submit'}, ['Search'])]);
        var status = el('p', {class: 'status', role: 'status', 'aria-live': 'polite'});
        var error = el('p', {class: 'error', role: 'alert', hidden: ''});
        var list = el('ol', {part: 'results'});
        var more = el('a', {class: 'more', target: '_blank', rel: 'noopener', hidden: ''}, ['']);
        root.append(el('style', {}, [CSS]), form, status, error, list, more);

        var controller = null, timer = 0;

        function pageUrl(extra) {
            var p = new URLSearchParams(fixed);
            if (input.value.trim()) p.set('q', input.value.trim());
            Object.keys(extra || {}).forEach(function (k) { p.set(k, extra[k]); });
            return server + '/?' + p.toString();
        }

        function run() {
            var q = input.value.trim();
            if (controller) controller.abort();
            if (!q && !fixed.toString()) {
                list.replaceChildren(); status.textContent = ''; more.hidden = true; error.hidden = true;
                return;
            }
            controller = new AbortController();
            var p = new URLSearchParams(fixed);
            if (q) p.set('q', q);
            p.set('limit', String(limit));
            p.set('facets', '');          // the widget shows no facets: do not make the server count them
            status.textContent = 'Searching…';
            fetch(server + '/v1/search?' + p.toString(), {signal: controller.signal})
                .then(function (r) {
                    return r.json().catch(function () { return {error: {message: 'HTTP ' + r.status}}; });
                })
                .then(function (body) {
                    if (body.error) throw new Error(body.error.message);
                    render(body);
                })
                .catch(function (err) {
                    if (err.name === 'AbortError') return;
                    list.replaceChildren();
                    more.hidden = true;
                    status.textContent = '';
                    error.textContent = err.message === 'Failed to fetch'
                        ? 'Cannot reach ' + server + ' (is this site allowed in its cors_origins?)'
                        : err.message;
                    error.hidden = false;
                });
        }

        function render(body) {
            error.hidden = true;
            status.textContent = body.total === 1 ? '1 document' : body.total + ' documents';
            list.replaceChildren.apply(list, body.hits.map(function (hit) {
                var meta = [hit.kind, hit.publisher, hit.published].filter(Boolean).join(' · ');
                var snippet = hit.snippets && hit.snippets[0];
                return el('li', {'data-id': hit.id}, [
                    el('a', {href: pageUrl({doc: hit.id}), target: '_blank', rel: 'noopener'}, [hit.title || hit.id]),
                    el('div', {class: 'meta'}, [meta]),
                    snippet ? el('p', {class: 'snippet'}, [highlighted(snippet.text, snippet.highlights)]) : null,
                ]);
            }));
            more.hidden = body.total <= body.hits.length;
            more.href = pageUrl();
            more.textContent = 'All ' + body.total + ' results in Consulta →';
        }

        input.addEventListener('input', function () {
            clearTimeout(timer);
            timer = setTimeout(run, 200);
        });
        form.addEventListener('submit', function (e) {
            e.preventDefault();
            clearTimeout(timer);
            run();
        });
        if (options.q || data.q) { input.value = options.q || data.q; run(); }
        host.__consulta = {run: run, input: input};
        return host.__consulta;
    }

    function mountAll() {
        document.querySelectorAll('[data-consulta-search]').forEach(function (n) { mount(n); });
    }

    window.Consulta = {mount: mount, mountAll: mountAll};
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
    else mountAll();
})();
