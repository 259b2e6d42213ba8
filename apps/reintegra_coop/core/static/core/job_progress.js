// A background job's panel that is queued or running (an element with data-job-poll) asks its
// URL again every few seconds and is replaced by the answer, until the job is ready or failed.
// Without JavaScript, reloading the page shows the same panel. The poll says it is one
// (X-Job-Poll): it does not keep the session alive (core/sessions.py).
(function () {
  "use strict";
  var EVERY_MS = 2000;

  function poll(panel) {
    var url = panel.getAttribute("data-job-poll");
    if (!url) { return; }
    window.setTimeout(function () {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html", "X-Job-Poll": "1" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          // Logged out meanwhile (idle): the whole page goes to the login, not the panel.
          if (response.redirected) { window.location.reload(); return ""; }
          return response.text();
        })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("[id]");
          if (!fresh) { return; }
          panel.replaceWith(fresh);
          poll(fresh);
        })
        .catch(function () { poll(panel); });  // a moment offline: ask again later
    }, EVERY_MS);
  }

  document.querySelectorAll("[data-job-poll]").forEach(poll);
})();
