// The portal's additions to Decap CMS, through its public API only (no editor UI of our own):
// the Kyrgyz interface on top of the Russian one, the site's own styles in the preview pane,
// a sensible folder name for a new story whose address name was left empty, and stories in one
// language only: each pane that is written is checked, and a pane nobody wrote is not saved.
(function () {
  "use strict";
  function merged(base, over) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) { out[key] = base[key]; });
    Object.keys(over || {}).forEach(function (key) {
      var both = out[key] && typeof out[key] === "object" && typeof over[key] === "object";
      out[key] = both ? merged(out[key], over[key]) : over[key];
    });
    return out;
  }

  // The build's slugify (plugins/portal/stories/slugs.py), its letters from slugs.js: the same
  // title gives the same Latin name here as in the published address.
  function slugify(title) {
    var letters = window.PORTAL_SLUGS.letters;
    var latin = Array.from(title.toLowerCase(), function (c) {
      return Object.prototype.hasOwnProperty.call(letters, c) ? letters[c] : c;
    }).join("");
    var words = Array.from(latin, function (c) { return /[\p{L}\p{N}\p{M}]/u.test(c) ? c : " "; }).join("");
    var ascii = words.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    var slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    var longest = window.PORTAL_SLUGS.maxLength;
    return slug.length > longest ? slug.slice(0, longest).replace(/-[^-]*$/, "") : slug;
  }

  // A new story's folder is <month>-<day>-<slug>: with the address name left empty, Decap would
  // make "11-26-". It gets the name the build would make from the Kyrgyz title, written down so
  // that the folder and the address agree. Saved stories keep theirs: their address is recorded.
  function nameNewStory(event) {
    var entry = event.entry, data = entry.get("data");
    if (!entry.get("newRecord") || data.get("slug") || !data.get("title")) {
      return undefined;
    }
    var slug = slugify(String(data.get("title")));
    return slug ? data.set("slug", slug) : undefined;
  }

  // One-language stories. Decap checks required fields in the first (Kyrgyz) pane only, and writes
  // every pane, written or not. So the top level's required fields are optional to Decap (portal.admin),
  // and before a save (preSave) each pane with anything in it is checked here against form.js's
  // rules; a refusal is Decap's "not saved" notice with our words. The panes nobody wrote are
  // remembered, and the backend's persistEntry leaves their files out.
  var FORM = window.PORTAL_FORM, LANGUAGES = FORM.languages, DEFAULT = LANGUAGES[0];
  var unwritten = [];

  function written(value) {
    if (value === null || value === undefined) {
      return false;
    }
    if (typeof value.some === "function") {  // an Immutable list or map
      return value.some(written);
    }
    return String(value).trim() !== "";
  }

  function pane(entry, lang) {
    return lang === DEFAULT ? entry.get("data") : entry.getIn(["i18n", lang, "data"]);
  }

  function quoted(label) {
    return "«" + label + "»";
  }

  function missing(rules, data) {
    var gaps = rules.fields.filter(function (rule) { return !written(data.get(rule[0])); })
      .map(function (rule) { return quoted(rule[1]); });
    Object.keys(rules.lists).forEach(function (name) {
      var list = rules.lists[name];
      (data.get(name) || []).forEach(function (item, index) {
        list.fields.forEach(function (rule) {
          if (!written(item && item.get(rule[0]))) {
            gaps.push(FORM.words.item.replace("%(list)s", quoted(list.label)).replace("%(number)s", index + 1)
              .replace("%(field)s", quoted(rule[1])));
          }
        });
      });
    });
    return gaps;
  }

  function refusal(text) {
    var error = new Error(text);
    error.name = "";  // Decap shows the error as text: without "Error: " before it
    return error;
  }

  // The written panes are checked; a new story written in Russian only is named (its folder, its
  // date) from the Russian pane: Decap takes them from the Kyrgyz one, which is not saved.
  function checkPanes(event) {
    var entry = event.entry, rules = FORM.rules[entry.get("collection")];
    var panes = LANGUAGES.filter(function (lang) { return written(pane(entry, lang)); });
    if (!panes.length) {
      throw refusal(FORM.words.nothing);
    }
    var gaps = panes.map(function (lang) {
      var found = rules ? missing(rules, pane(entry, lang)) : [];
      return found.length ? FORM.words.missing[lang].replace("%(fields)s", found.join(", ")) : "";
    }).filter(Boolean);
    if (gaps.length) {
      throw refusal(gaps.join(" "));
    }
    unwritten = LANGUAGES.filter(function (lang) { return panes.indexOf(lang) < 0; });
    if (panes.indexOf(DEFAULT) >= 0 || !entry.get("newRecord")) {
      return undefined;
    }
    var first = pane(entry, panes[0]);
    return entry.get("data").merge(first.filter(function (value, key) {
      return ["title", "date", "slug"].indexOf(key) >= 0;
    }));
  }

  // Decap marks each field it need not check "(optional)": the top level's required fields lose
  // that mark (their help says they are required when that language is written).
  function unmarkRequired() {
    var names = {};
    Object.keys(FORM.rules).forEach(function (collection) {
      FORM.rules[collection].fields.forEach(function (rule) { names[rule[0]] = true; });
    });
    var style = document.createElement("style");
    style.textContent = Object.keys(names).map(function (name) {
      return 'label[for^="' + name + '-field-"] > span';
    }).join(", ") + " { display: none; }";
    document.head.appendChild(style);
  }

  function paneFile(path, lang) {
    return path.replace(/\.[a-z]+\.md$/, "." + lang + ".md");
  }

  function isPaneFile(path, lang) {
    return path.slice(-(lang.length + 4)) === "." + lang + ".md";
  }

  // The backend as Decap made it, with one-language stories: a save leaves out the files of the
  // panes nobody wrote, and a story without a Kyrgyz file reads as one with an empty Kyrgyz pane
  // (Decap would otherwise show its Russian text in the Kyrgyz pane and save it under a wrong name).
  function oneLanguageStories(backend) {
    var persistEntry = backend.persistEntry.bind(backend);
    backend.persistEntry = function (entry, options) {
      var leftOut = unwritten;
      unwritten = [];
      var files = entry.dataFiles.filter(function (file) {
        return !leftOut.some(function (lang) { return isPaneFile(file.path, lang); });
      });
      return persistEntry(Object.assign({}, entry, { dataFiles: files }), options);
    };
    var getEntry = backend.getEntry.bind(backend);
    backend.getEntry = function (path) {
      return getEntry(path).catch(function (error) {
        if (!isPaneFile(path, DEFAULT)) {
          throw error;
        }
        var others = LANGUAGES.slice(1).map(function (lang) {
          return getEntry(paneFile(path, lang)).then(function () { return true; }, function () { return false; });
        });
        return Promise.all(others).then(function (found) {
          if (found.indexOf(true) < 0) {
            throw error;
          }
          return { data: "", file: { path: path, id: null } };
        });
      });
    };
    ["entriesByFolder", "allEntriesByFolder"].forEach(function (method) {
      var list = backend[method] && backend[method].bind(backend);
      if (!list) {
        return;
      }
      backend[method] = function () {
        return list.apply(null, arguments).then(function (entries) {
          var paths = {};
          entries.forEach(function (entry) { paths[entry.file.path] = true; });
          entries.slice().forEach(function (entry) {  // the listing shows such a story by its other language
            var path = entry.file.path, own = paneFile(path, DEFAULT);
            if (!isPaneFile(path, DEFAULT) && LANGUAGES.some(function (l) { return isPaneFile(path, l); })
                && !paths[own]) {
              paths[own] = true;
              entries.push({ data: entry.data, file: Object.assign({}, entry.file, { path: own }) });
            }
          });
          return entries;
        });
      };
    });
    return backend;
  }

  ["proxy", "git-gateway", "github"].forEach(function (name) {
    var registered = window.CMS.getBackend(name);
    if (registered) {
      var init = registered.init;
      registered.init = function () { return oneLanguageStories(init.apply(null, arguments)); };
    }
  });

  // Words not yet translated into Kyrgyz stay Russian, never English.
  window.CMS.registerLocale("ky", merged(window.CMS.getLocale("ru"), window.PORTAL_KY_PHRASES));
  window.CMS.registerPreviewStyle("/theme/css/site.css");
  unmarkRequired();
  window.CMS.registerEventListener({ name: "preSave", handler: checkPanes });
  window.CMS.registerEventListener({ name: "preSave", handler: nameNewStory });
  window.CMS.init();
})();
