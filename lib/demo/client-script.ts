/**
 * The view page's inline script: makes the simulated page behave like Agent Workspace's
 * single-page app. Refresh and pagination re-render the table body from
 * `/agent/api/__sim/view/<id>` (dropping anything else that was in the rows, as Zendesk
 * does); view links swap the main pane with history.pushState instead of a full load.
 * Plain ES2017, no external resources.
 */
export const CLIENT_SCRIPT = `
(function () {
  var cfgEl = document.getElementById('sim-config');
  if (!cfgEl) return;
  var cfg = JSON.parse(cfgEl.textContent || '{}');
  var busy = false;
  function $(sel) { return document.querySelector(sel); }
  function fragmentUrl(viewId, page) {
    return '/agent/api/__sim/view/' + viewId + '?' + (cfg.query ? cfg.query + '&' : '') + 'page=' + page;
  }
  function pageUrl(viewId, page) {
    var search = [cfg.query, page > 1 ? 'page=' + page : ''].filter(Boolean).join('&');
    return '/agent/filters/' + viewId + (search ? '?' + search : '');
  }
  function load(viewId, page) {
    return fetch(fragmentUrl(viewId, page), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); });
  }
  function updateChrome(f) {
    cfg.viewId = f.viewId; cfg.page = f.page; cfg.pageCount = f.pageCount;
    var counter = $('[data-test-id="views_views-header-counter"]');
    if (counter) counter.textContent = f.counter;
    var prev = $('[data-test-id="generic-table-pagination-previous"]');
    var next = $('[data-test-id="generic-table-pagination-next"]');
    if (prev) prev.disabled = f.page <= 1;
    if (next) next.disabled = f.page >= f.pageCount;
    var label = $('[data-sim="page-label"]');
    if (label) label.textContent = f.pageLabel;
    f.sidebar.forEach(function (v) {
      var link = $('[data-test-id="views_views-list_item-view-' + v.id + '"]');
      if (!link) return;
      var count = link.querySelector('[data-test-id="views_views-list_item_count"]');
      if (count) count.textContent = String(v.count);
      if (v.id === f.viewId) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    });
    document.title = f.documentTitle;
  }
  // This is the simulated host's own page script, playing Zendesk's part: it renders markup its
  // server escaped (lib/demo/escape.ts). QueueLens's code never renders page data as HTML.
  function renderRows(f) {
    var body = $('[data-test-id="generic-table-body"]');
    if (body) body.innerHTML = f.tbody; else renderMain(f);
    updateChrome(f);
  }
  function renderMain(f) {
    var main = $('main');
    if (main) main.innerHTML = f.main;
    updateChrome(f);
  }
  function run(promise, apply) {
    if (busy) return;
    busy = true;
    document.documentElement.setAttribute('aria-busy', 'true');
    promise.then(apply).catch(function (e) { console.warn('[sim] ' + e); }).then(function () {
      busy = false;
      document.documentElement.removeAttribute('aria-busy');
      document.dispatchEvent(new CustomEvent('sim:rendered', { detail: { viewId: cfg.viewId, page: cfg.page } }));
    });
  }
  function goPage(page) {
    if (page < 1 || page > cfg.pageCount) return;
    run(load(cfg.viewId, page), function (f) {
      renderRows(f);
      history.replaceState(history.state, '', pageUrl(f.viewId, f.page));
    });
  }
  function openView(viewId, push) {
    run(load(viewId, 1), function (f) {
      renderMain(f);
      if (push) history.pushState({ viewId: viewId }, '', pageUrl(viewId, 1));
    });
  }
  document.addEventListener('click', function (e) {
    var target = e.target && e.target.closest ? e.target.closest(
      '[data-test-id="views_views-list_header-refresh"],[data-test-id="generic-table-pagination-next"],' +
      '[data-test-id="generic-table-pagination-previous"],a[href^="/agent/filters/"]') : null;
    if (!target || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    var id = target.getAttribute('data-test-id');
    if (id === 'views_views-list_header-refresh') { e.preventDefault(); goPage(cfg.page); return; }
    if (id === 'generic-table-pagination-next') { e.preventDefault(); goPage(cfg.page + 1); return; }
    if (id === 'generic-table-pagination-previous') { e.preventDefault(); goPage(cfg.page - 1); return; }
    var m = /^\\/agent\\/filters\\/(\\d+)/.exec(target.getAttribute('href') || '');
    if (m) { e.preventDefault(); openView(Number(m[1]), true); }
  });
  window.addEventListener('popstate', function () {
    var m = /^\\/agent\\/filters\\/(\\d+)/.exec(location.pathname);
    if (m) openView(Number(m[1]), false);
  });
  window.__sim = { refresh: function () { goPage(cfg.page); }, next: function () { goPage(cfg.page + 1); }, previous: function () { goPage(cfg.page - 1); }, open: function (id) { openView(id, true); } };
})();
`;
