/* The photo viewer: progressive enhancement of the page's photo links.

   Every <a data-photo> (see components/figure.html) is a plain link to a
   large photo that works without this file. With it, the link opens a modal
   <dialog> showing that photo (the same <picture>, at screen width) and its
   caption, credit and download link: Left/Right arrows (and the buttons)
   move between the page's photos, Home/End go to the first/last, Esc or
   "Close" closes and focus returns to the link that opened it. Screen
   readers hear the dialog's name and, on every move, "Photo 2 of 5" and
   the photo's alt text (a polite live region). Its words come from the
   catalogs through the script element's data-* attributes
   (components/lightbox.html). */
(function () {
  var script = document.currentScript;
  var links = Array.prototype.slice.call(document.querySelectorAll("a[data-photo]"));
  if (!script || !links.length || typeof HTMLDialogElement !== "function") return;
  var text = function (name) { return script.getAttribute("data-" + name) || ""; };

  var dialog = document.createElement("dialog");
  dialog.className = "lightbox";
  dialog.setAttribute("aria-label", text("label"));
  dialog.innerHTML =
    '<div class="lightbox__bar">' +
    '<p class="lightbox__counter" aria-live="polite"><span></span><span class="visually-hidden"></span></p>' +
    '<button type="button" class="lightbox__close"></button></div>' +
    '<figure class="lightbox__figure"><div class="lightbox__image"></div>' +
    '<figcaption class="lightbox__caption"></figcaption></figure>' +
    '<div class="lightbox__nav"><button type="button" class="lightbox__previous"></button>' +
    '<button type="button" class="lightbox__next"></button></div>';
  document.body.appendChild(dialog);
  var counter = dialog.querySelector(".lightbox__counter span");
  var spoken = dialog.querySelector(".lightbox__counter .visually-hidden");
  var frame = dialog.querySelector(".lightbox__image");
  var caption = dialog.querySelector(".lightbox__caption");
  var close = dialog.querySelector(".lightbox__close");
  var previous = dialog.querySelector(".lightbox__previous");
  var next = dialog.querySelector(".lightbox__next");
  close.textContent = text("close");
  previous.textContent = text("previous");
  next.textContent = text("next");
  if (links.length < 2) dialog.querySelector(".lightbox__nav").hidden = true;

  var current = 0;
  var opener = null;

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var picture = link.querySelector("picture").cloneNode(true);
    var parts = picture.querySelectorAll("source, img");
    for (var i = 0; i < parts.length; i++) {
      parts[i].setAttribute("sizes", "100vw");
      parts[i].removeAttribute("loading");
    }
    frame.replaceChildren(picture);
    var figure = link.closest("figure");
    var words = figure && figure.querySelector("figcaption");
    caption.innerHTML = words ? words.innerHTML : "";
    var img = picture.querySelector("img");
    counter.textContent = text("counter").replace("{n}", current + 1).replace("{total}", links.length);
    spoken.textContent = img && img.alt ? ": " + img.alt : "";
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      opener = link;
      show(index);
      dialog.showModal();
      close.focus();
    });
  });
  previous.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  close.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();  /* a click on the backdrop */
  });
  dialog.addEventListener("keydown", function (event) {
    var moves = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: links.length - 1 };
    if (event.key in moves && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      show(moves[event.key]);
    }
  });
  dialog.addEventListener("close", function () {
    frame.replaceChildren();
    if (opener) opener.focus();
  });
})();
