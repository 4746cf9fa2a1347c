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
    window.addEventListener("resize", update);
    update();
  });
}());
