// The portal's additions to Decap CMS, through its public API only (no editor UI of our own):
// the Kyrgyz interface on top of the Russian one, the site's own styles in the preview pane,
// and a sensible folder name for a new story whose address name was left empty.
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

  // Words not yet translated into Kyrgyz stay Russian, never English.
  window.CMS.registerLocale("ky", merged(window.CMS.getLocale("ru"), window.PORTAL_KY_PHRASES));
  window.CMS.registerPreviewStyle("/theme/css/site.css");
  window.CMS.registerEventListener({ name: "preSave", handler: nameNewStory });
  window.CMS.init();
})();
