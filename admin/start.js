// The portal's additions to Decap CMS, through its public API only (no editor UI of our own):
// the Kyrgyz interface on top of the Russian one, and the site's own styles in the preview pane.
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
  // Words not yet translated into Kyrgyz stay Russian, never English.
  window.CMS.registerLocale("ky", merged(window.CMS.getLocale("ru"), window.PORTAL_KY_PHRASES));
  window.CMS.registerPreviewStyle("/theme/css/site.css");
  window.CMS.init();
})();
