/* Progressive enhancement only: every page works without this file.
   On wide screens, show the primary navigation as an open bar instead of
   the "Sections" disclosure used on phones. */
(function () {
  var menu = document.querySelector("[data-nav]");
  if (!menu || !window.matchMedia) return;
  var nav = menu.parentNode;
  var wide = window.matchMedia("(min-width: 60em)");
  function update() {
    if (wide.matches) menu.open = true;
    nav.classList.toggle("site-nav--bar", wide.matches);
  }
  update();
  if (wide.addEventListener) wide.addEventListener("change", update);
})();
