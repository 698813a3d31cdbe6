// Live preview (make serve, make preview, make edit; never on the public site): the page
// reloads after every build, and while the last build stopped on a problem the server
// answers every page with that problem instead of the old page.
(function () {
  "use strict";
  var seen = null;
  function poll() {
    fetch("/_live/state", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (seen !== null && state.generation !== seen) {
          window.location.reload();
          return;
        }
        seen = state.generation;
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });  // the server restarts: try again
  }
  poll();
})();
