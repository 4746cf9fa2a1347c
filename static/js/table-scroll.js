/* A wide table in a scrolling frame says so: a shadow on the side where more columns wait, until the
   reader has scrolled to that edge. Without this script the table still scrolls, only without the shadow. */
(function () {
  "use strict";
  document.querySelectorAll(".table-wrap[data-scroll-cue]").forEach(function (wrap) {
    var frame = wrap.parentElement;
    function update() {
      var hidden = wrap.scrollWidth - wrap.clientWidth;
      frame.classList.toggle("more-right", hidden > 1 && wrap.scrollLeft < hidden - 1);
      frame.classList.toggle("more-left", hidden > 1 && wrap.scrollLeft > 1);
    }
    wrap.addEventListener("scroll", update, {passive: true});
    // A link to a column (the stage links above the table) brings it beside the sticky first column.
    document.querySelectorAll("a[href^='#']").forEach(function (link) {
      var target = wrap.querySelector(link.getAttribute("href"));
      if (!target) { return; }
      link.addEventListener("click", function (event) {
        var sticky = wrap.querySelector("tbody th[scope=row]");
        event.preventDefault();
        wrap.scrollLeft = target.offsetLeft - (sticky ? sticky.offsetWidth : 0);
        wrap.scrollIntoView({block: "start"});
        wrap.focus({preventScroll: true});
      });
    });
    window.addEventListener("resize", update);
    update();
  });
}());
