/*
 * The site's search box, on Pagefind's search API.
 *
 * The box in the header is rendered `hidden`; this script shows it. Nothing of the search
 * bundle (pagefind/pagefind.js, the index, the WebAssembly core) is fetched until the box is
 * focused or typed in. Results are links to the heading each match falls under, with the
 * page title and a snippet whose matches are in <mark>. Keys: "/" focuses the box (unless
 * typing elsewhere), ArrowDown/ArrowUp move through the results, Enter opens one, Escape
 * closes. The live region announces the number of results. While an input method composes a
 * word (pinyin on the way to 工匠), nothing is searched until the word is committed. The
 * words it shows come from the box's data-* attributes (the theme's strings), in the
 * site's language; `{total}` and `{shown}` stand for numbers.
 */
(function () {
  'use strict';

  var box = document.getElementById('gj-search');
  if (!box || !window.fetch || !window.Promise) return;
  var input = document.getElementById('gj-search-input');
  var panel = document.getElementById('gj-search-panel');
  var status = document.getElementById('gj-search-status');
  var list = document.getElementById('gj-search-results');
  var MAX_RESULTS = 8;
  var loading = null;
  var generation = 0;

  box.hidden = false;

  function load() {
    if (!loading) {
      /* The index holds root-relative URLs that already carry the site's base path
         (/reform/skills/), so Pagefind must not prefix the bundle's folder again. */
      loading = import(box.getAttribute('data-bundle')).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: '/', excerptLength: 24 })).then(function () {
          pagefind.init();
          return pagefind;
        });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  /* A message from the box's `data-NAME` attribute, with `{total}` and `{shown}` filled in. */
  function words(name, total, shown) {
    return (box.getAttribute('data-' + name) || '')
      .replace('{total}', String(total))
      .replace('{shown}', String(shown));
  }

  function setStatus(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function close() {
    panel.hidden = true;
    list.textContent = '';
    list.removeAttribute('data-query');
    setStatus('');
  }

  /* Copies Pagefind's excerpt (text with <mark> around matches) as text nodes and <mark>s only. */
  function snippet(html) {
    var out = document.createElement('span');
    out.className = 'site-search__snippet';
    var parsed = new DOMParser().parseFromString('<body>' + html + '</body>', 'text/html').body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === 'MARK') {
        var mark = document.createElement('mark');
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  /* The part of a page that matched best: the heading with the most matches. */
  function bestSection(data) {
    var best = null;
    (data.sub_results || []).forEach(function (sub) {
      var hits = (sub.locations || []).length;
      if (!best || hits > (best.locations || []).length) best = sub;
    });
    return best || { title: data.meta.title, url: data.url, excerpt: data.excerpt };
  }

  function item(data) {
    var section = bestSection(data);
    var title = (data.meta && data.meta.title) || data.url;
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.className = 'site-search__result';
    a.href = section.url || data.url;
    var page = document.createElement('span');
    page.className = 'site-search__page';
    page.textContent = title;
    a.appendChild(page);
    if (section.title && section.title !== title) {
      var heading = document.createElement('span');
      heading.className = 'site-search__heading';
      heading.textContent = section.title;
      a.appendChild(heading);
    }
    a.appendChild(snippet(section.excerpt || data.excerpt || ''));
    li.appendChild(a);
    return li;
  }

  function run() {
    var query = input.value.trim();
    var mine = ++generation;
    if (!query) {
      close();
      return;
    }
    panel.hidden = false;
    setStatus(words('searching'));
    load().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (search) {
      if (mine !== generation) return null;
      var results = search.results.slice(0, MAX_RESULTS);
      return Promise.all(results.map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== generation) return;
        list.textContent = '';
        pages.forEach(function (data) { list.appendChild(item(data)); });
        list.setAttribute('data-query', query);
        var total = search.results.length;
        setStatus(total === 0 ? words('none')
          : total > pages.length ? words('found-some', total, pages.length)
          : total === 1 && box.hasAttribute('data-found-one') ? words('found-one', total)
          : words('found', total));
      });
    }).catch(function () {
      if (mine !== generation) return;
      list.textContent = '';
      list.setAttribute('data-query', query);
      setStatus(words('unavailable'));
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll('a'));
  }

  function move(from, step) {
    var all = links();
    var at = all.indexOf(from) + step;
    if (at < 0) input.focus();
    else if (at < all.length) all[at].focus();
  }

  input.addEventListener('focus', function () {
    load().catch(function () {});
    if (input.value.trim() && list.children.length) panel.hidden = false;
  });
  /* With a Chinese input method the field holds pinyin while a word is being composed: search
     when the word is committed, not for each letter of its spelling. */
  input.addEventListener('input', function (event) {
    if (!event.isComposing) run();
  });
  input.addEventListener('compositionend', run);
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown') {
      var first = links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Enter') {
      var top = links()[0];
      if (top) {
        event.preventDefault();
        top.click();
      }
    } else if (event.key === 'Escape') {
      if (panel.hidden) input.value = '';
      close();
    }
  });
  list.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(document.activeElement, event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      input.focus();
      close();
    }
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (target && target.isContentEditable)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
  document.addEventListener('click', function (event) {
    if (!box.contains(event.target)) panel.hidden = true;
  });
})();
