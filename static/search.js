// The search page of an explainer site: reads ?q=, ?kind=, ?actor=, ?position= and
// ?stance= from the address, fetches only the parts of the index it needs (search/meta.json,
// the shards of the words typed, filters.json when a filter is set, the chunks of the
// documents shown) and lists what it finds. Every path is relative to this script, so the
// site works under any sub-path. No framework; the index format is described in
// src/render/search/index.rs.
(function () {
  "use strict";
  var here = new URL(".", document.currentScript.src);
  var root = new URL("../", here);
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var form = document.querySelector(".search-form");
  var SHOWN = 100;
  var params = new URLSearchParams(location.search);
  var query = {
    q: params.get("q") || "",
    kinds: params.getAll("kind").filter(Boolean),
    actor: params.get("actor") || "",
    position: params.get("position") || "",
    stance: params.get("stance") || "",
  };

  // The form shows the search it made.
  form.elements.q.value = query.q;
  var box = document.getElementById("site-q");
  if (box) box.value = query.q;
  Array.prototype.forEach.call(form.querySelectorAll("input[name=kind]"), function (c) {
    c.checked = query.kinds.indexOf(c.value) >= 0;
  });
  // A big site's lists offer the most connected only: a filter named in the URL that is
  // not among them is added, so that it shows and stays when the form is sent again.
  function choose(select, value) {
    if (value && !Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.add(new Option(value, value));
    }
    select.value = value;
  }
  choose(form.elements.actor, query.actor);
  choose(form.elements.position, query.position);
  form.elements.stance.value = query.stance;

  var cache = {};
  function get(path, json) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, here)).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return json ? r.json() : r.text();
      });
    }
    return cache[path];
  }

  // Words as the index keeps them: Unicode word boundaries, lower case, no diacritics,
  // the Greek final sigma as σ (toLowerCase gives ς at the end of a word), and every
  // apostrophe as ' (src/render/search/text.rs, `fold`).
  function fold(w) {
    return w.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ς/g, "σ")
      .replace(/[\u2019\u2018\u02bc\uff07]/g, "'");
  }
  // Unicode's word boundaries, which the index follows, make each ideograph, each kana
  // of Hiragana and each letter of Thai, Lao, Khmer and Myanmar (with the marks on it)
  // a word of its own; Intl.Segmenter joins them by dictionary ("北京" is one word).
  // Such a word is split again as the index split it.
  var ONE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]\p{M}*/u;
  var ONES = new RegExp(ONE.source + "|[^\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}]+", "gu");
  function push(out, w) {
    if (!ONE.test(w)) return out.push(fold(w));
    (w.match(ONES) || []).forEach(function (p) {
      if (/[\p{L}\p{N}]/u.test(p)) out.push(fold(p));
    });
  }
  function words(text) {
    var out = [];
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var seg = new Intl.Segmenter(document.documentElement.lang || undefined, { granularity: "word" });
      for (var s of seg.segment(text)) if (s.isWordLike) push(out, s.segment);
    } else {
      text.split(/[^\p{L}\p{N}\p{M}_'’.]+/u).filter(Boolean).forEach(function (w) { push(out, w); });
    }
    return out;
  }
  function shardKey(w) {
    return Array.from(w).slice(0, 2).map(function (c) {
      return c.codePointAt(0).toString(16);
    }).join("-");
  }
  // Ids written as gaps, back to ids.
  function ids(gaps) {
    var last = 0;
    return gaps.map(function (g) { return (last += g); });
  }

  // Whether the word typed `w` is of the stem `stem` (see `lookup`).
  function stemOf(meta, stem, w) {
    var bases = [stem];
    (meta.rewrites || []).forEach(function (r) {
      if (stem.endsWith(r[0])) bases.push(stem.slice(0, stem.length - r[0].length) + r[1]);
    });
    return bases.some(function (b) {
      return w === b || (w.startsWith(b) && meta.endings.indexOf(w.slice(b.length)) >= 0);
    });
  }

  // The documents whose words start with `w`, each with its score.
  function lookup(meta, w) {
    var key = shardKey(w);
    if (meta.shards.indexOf(key) < 0) return Promise.resolve(new Map());
    return get("t/" + key + ".txt").then(function (text) {
      var found = new Map();
      text.split("\n").forEach(function (line) {
        var parts = line.split("\t");
        if (parts.length !== 3) return;
        var stem = parts[0];
        // A word typed is the stem, alone or with one of the endings the stemmer took
        // off the site's words ("supports": "support" and "s"), or with its last letters
        // written back as the stemmer changed them ("policy": "polici", i → y): the page
        // has no stemmer of its own.
        var stemmed = stemOf(meta, stem, w);
        if (!stemmed && !parts[1].split(" ").some(function (f) { return f.startsWith(w); })) return;
        var id = 0;
        parts[2].split(" ").forEach(function (p) {
          var colon = p.indexOf(":");
          id += Number(colon < 0 ? p : p.slice(0, colon));
          var score = colon < 0 ? 1 : Number(p.slice(colon + 1));
          found.set(id, (found.get(id) || 0) + score);
        });
      });
      return found;
    });
  }

  // The set of documents the filters allow, or null when none is set.
  function filtered() {
    var keys = [];
    if (query.actor) keys.push(["actor:" + query.actor]);
    if (query.stance) {
      keys.push(query.position ? ["stance:" + query.stance + "/" + query.position] : null);
    } else if (query.position) {
      keys.push(["position:" + query.position]);
    }
    if (!keys.length) return Promise.resolve(null);
    return get("filters.json", true).then(function (filters) {
      var sets = keys.map(function (names) {
        if (!names) {
          names = Object.keys(filters).filter(function (k) {
            return k.startsWith("stance:" + query.stance + "/");
          });
        }
        var set = new Set();
        names.forEach(function (n) { ids(filters[n] || []).forEach(function (i) { set.add(i); }); });
        return set;
      });
      return sets.reduce(function (a, b) {
        return new Set(Array.from(a).filter(function (i) { return b.has(i); }));
      });
    });
  }

  function say(text) {
    status.textContent = text;
  }

  function show(meta, ranked) {
    var top = ranked.slice(0, SHOWN);
    var chunks = Array.from(new Set(top.map(function (r) { return Math.floor(r[0] / meta.chunk); })));
    return Promise.all(chunks.map(function (c) { return get("d/" + c + ".json", true); })).then(function (loaded) {
      var byChunk = {};
      chunks.forEach(function (c, i) { byChunk[c] = loaded[i]; });
      list.textContent = "";
      top.forEach(function (r) {
        var doc = byChunk[Math.floor(r[0] / meta.chunk)][r[0] % meta.chunk];
        var li = document.createElement("li");
        li.className = "result k-" + doc[1];
        var a = document.createElement("a");
        a.href = new URL(doc[0], root).href;
        a.textContent = doc[2];
        var kind = form.querySelector("input[name=kind][value=" + doc[1] + "]");
        var label = document.createElement("span");
        label.className = "kind";
        // A result is one of its kind: "Article" (a site's own template may give only
        // the kind's heading, "Articles").
        label.textContent = kind ? kind.getAttribute("data-one") || kind.parentNode.textContent.trim() : doc[1];
        li.append(a, " ", label);
        if (doc[3]) {
          var p = document.createElement("p");
          p.textContent = doc[3];
          li.append(p);
        }
        list.append(li);
      });
      // Said once the list is there, so that the count announced matches it.
      say(status.dataset.count.replace("{n}", String(ranked.length)) + (ranked.length ? "" : " " + status.dataset.none));
    });
  }

  function run() {
    var ws = words(query.q);
    var anyFilter = query.actor || query.position || query.stance || query.kinds.length;
    if (!ws.length && !anyFilter) return;
    say(status.dataset.wait);
    get("meta.json", true).then(function (meta) {
      return Promise.all([Promise.all(ws.map(function (w) { return lookup(meta, w); })), filtered()]).then(function (got) {
        var scores = null;
        got[0].forEach(function (found) {
          if (scores === null) { scores = found; return; }
          var both = new Map();
          scores.forEach(function (s, id) { if (found.has(id)) both.set(id, s + found.get(id)); });
          scores = both;
        });
        var allowed = got[1];
        var candidates;
        if (scores !== null) {
          candidates = Array.from(scores.entries());
        } else if (allowed !== null) {
          candidates = Array.from(allowed).map(function (id) { return [id, 0]; });
        } else {
          candidates = [];
          for (var i = 0; i < meta.docs; i++) candidates.push([i, 0]);
        }
        var kinds = query.kinds.map(function (k) { return meta.kinds[k] || [0, 0]; });
        var ranked = candidates.filter(function (c) {
          if (allowed !== null && !allowed.has(c[0])) return false;
          return !kinds.length || kinds.some(function (r) { return c[0] >= r[0] && c[0] < r[1]; });
        });
        ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        return show(meta, ranked);
      });
    }).catch(function () {
      say(status.dataset.fail);
    });
  }
  run();
})();
