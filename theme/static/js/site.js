/* Progressive enhancement only: every page works without this file. */
(function () {
  /* On wide screens, show the primary navigation as an open bar instead of
     the "Sections" disclosure used on phones. */
  var menu = document.querySelector("[data-nav]");
  if (menu && window.matchMedia) {
    var nav = menu.parentNode;
    var wide = window.matchMedia("(min-width: 72em)"); /* as in site.css */
    var update = function () {
      if (wide.matches) menu.open = true;
      nav.classList.toggle("site-nav--bar", wide.matches);
    };
    update();
    if (wide.addEventListener) wide.addEventListener("change", update);
  }

  /* A table too wide for the screen scrolls inside itself (see site.css):
     let keyboard users focus it to scroll. */
  var tables = document.querySelectorAll(".prose table");
  var mark = function () {
    for (var i = 0; i < tables.length; i++) {
      var t = tables[i];
      if (t.scrollWidth > t.clientWidth + 1) t.setAttribute("tabindex", "0");
      else t.removeAttribute("tabindex");
    }
  };
  if (tables.length) {
    mark();
    window.addEventListener("resize", mark);
  }
})();
