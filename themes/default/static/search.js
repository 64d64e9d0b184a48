// Search with the site's own Pagefind index (no other host): results with title, excerpt and kind, filterable
// by kind. The words come from the page (data attributes filled from the translation catalogs).
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var filters = document.getElementById("search-filters");
  var kinds = filters.getAttribute("data-kinds").split("|");
  var chosen = "";
  var pagefind = null;

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }
  function buildFilters() {
    [""].concat(kinds).forEach(function (kind) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = kind || filters.getAttribute("data-all");
      button.setAttribute("aria-pressed", kind === chosen ? "true" : "false");
      button.addEventListener("click", function () {
        chosen = kind;
        Array.prototype.forEach.call(filters.children, function (b) { b.setAttribute("aria-pressed", "false"); });
        button.setAttribute("aria-pressed", "true");
        run();
      });
      filters.appendChild(button);
    });
    filters.hidden = false;
  }
  function show(query, results) {
    list.textContent = "";
    results.forEach(function (data) {
      // Land on the section (or the commitment) that matched, where Pagefind found one under a heading.
      var section = (data.sub_results || [])
        .filter(function (sub) { return sub.url.indexOf("#") > 0; })
        .sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; })[0];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = section ? section.url : data.url;
      link.textContent = section ? data.meta.title + " › " + section.title : data.meta.title;
      var kind = document.createElement("span");
      kind.className = "search-kind";
      kind.textContent = data.meta.kind || "";
      var excerpt = document.createElement("p");
      excerpt.innerHTML = (section || data).excerpt;  // Pagefind escapes the text and adds only <mark>
      item.appendChild(kind);
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    var template = status.getAttribute(results.length ? "data-some" : "data-none");
    status.textContent = say(template, { count: results.length, query: query });
  }
  // Pagefind matches word stems ("urbanization" and "urban–rural" are both "urban"): among its best matches, a page
  // whose title starts with the query as typed comes first, then one whose title holds it, then one whose title
  // holds every word of it; else its order.
  function titleRank(query, data) {
    var title = (data.meta.title || "").toLowerCase();
    var text = query.toLowerCase();
    var at = title.indexOf(text);
    if (at >= 0) { return at === 0 ? 0 : 1; }
    var words = text.split(/\s+/);
    return words.every(function (word) { return title.indexOf(word) >= 0; }) ? 2 : 3;
  }
  function run() {
    var query = input.value.trim();
    if (!query || !pagefind) { return; }
    var options = chosen ? { filters: { kind: chosen } } : {};
    pagefind.search(query, options)
      .then(function (search) { return Promise.all(search.results.slice(0, 50).map(function (r) { return r.data(); })); })
      .then(function (results) {
        var ranked = results.map(function (data, order) { return { data: data, rank: titleRank(query, data), order: order }; });
        ranked.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
        show(query, ranked.slice(0, 30).map(function (r) { return r.data; }));
      });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
    run();
  });
  input.value = new URLSearchParams(location.search).get("q") || "";
  // The index comes in shards (see site_builder/output/search.py): the first holds Pagefind's script, and the
  // others, named in shards.json, are merged into it. Its file names are fixed: the script and the list are
  // fetched at the same time.
  var index = script.getAttribute("data-index");
  var where = { baseUrl: script.getAttribute("data-base") };  // result addresses start from where the site lives
  // Asked afresh each time (the server lets browsers keep the index a day): a release may have other shards.
  var named = fetch(index + "shards.json", { cache: "no-cache" }).then(function (response) {
    if (!response.ok) { throw new Error(response.status); }
    return response.json();
  });
  named.catch(function () {});  // its failure is told below, once
  import(index + "pages/pagefind.js")
    .then(function (module) {
      pagefind = module;
      return pagefind.options(where).then(function () { return pagefind.init(); });
    })
    .then(function () { return named; })
    .then(function (shards) {
      return Promise.all(shards.merge.map(function (name) { return pagefind.mergeIndex(index + name + "/", where); }));
    })
    .then(function () { buildFilters(); run(); })
    .catch(function () { status.textContent = status.getAttribute("data-failed"); });
})();
