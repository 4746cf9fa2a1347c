/* A prepared file's page: every few seconds, swap in the new progress (no page reload, focus stays) until the
   file is ready or the job failed (a page whose whole content comes from the job, data-reload-when-done,
   is loaded again then). Without JavaScript the page says to reload it. */
(function () {
  "use strict";
  var box = document.getElementById("job-status");
  if (!box || !box.hasAttribute("data-refresh") || !window.fetch || !window.DOMParser) { return; }
  var seconds = parseInt(box.getAttribute("data-refresh"), 10) || 3;

  function poll() {
    window.fetch(window.location.href, {credentials: "same-origin"})
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new window.DOMParser().parseFromString(html, "text/html").getElementById("job-status");
        if (!fresh) { return; }
        box.innerHTML = fresh.innerHTML;
        if (fresh.hasAttribute("data-refresh")) { window.setTimeout(poll, seconds * 1000); }
        else if (box.hasAttribute("data-reload-when-done")) { window.location.reload(); }
        else { box.removeAttribute("data-refresh"); }
      })
      .catch(function () { window.setTimeout(poll, seconds * 4000); });
  }
  window.setTimeout(poll, seconds * 1000);
}());
