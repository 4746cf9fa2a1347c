/* The check-in screen in the room: reload when the code changes; a button pauses it (WCAG 2.2.1). */
(function () {
  "use strict";
  var screen = document.getElementById("checkin-screen");
  if (!screen) { return; }
  var seconds = parseInt(screen.getAttribute("data-refresh"), 10) || 60;
  var button = document.getElementById("pause-refresh");
  var timer = window.setTimeout(reload, seconds * 1000);

  function reload() { window.location.reload(); }

  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var paused = button.getAttribute("aria-pressed") === "true";
      if (paused) {
        timer = window.setTimeout(reload, 500);
      } else {
        window.clearTimeout(timer);
      }
      button.setAttribute("aria-pressed", paused ? "false" : "true");
    });
  }
}());
