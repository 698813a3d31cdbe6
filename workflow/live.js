// Live preview (make serve, make preview, make edit; never on the public site): the page reloads
// as soon as the server has something newer for it (the edited story's own page first, then every
// page once the build is done), and while the last build stopped on a problem the server answers
// every page with that problem instead of the old page. `data-since` is the number of the last
// event before the server read the page: a save made while the page was on its way is not missed.
(function () {
  "use strict";
  var script = document.currentScript;
  var since = (script && script.getAttribute("data-since")) || "0";
  function wait() {
    fetch("/_live/wait?since=" + encodeURIComponent(since) + "&page=" + encodeURIComponent(location.pathname),
          { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer.reload) {
          window.location.reload();
          return;
        }
        since = String(answer.since);
        wait();
      })
      .catch(function () { window.setTimeout(wait, 2000); });  // the server restarts: ask again
  }
  wait();
})();
