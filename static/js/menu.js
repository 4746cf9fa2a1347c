/* The program menu on a phone: one button shows or hides its links and names the page you are on.
   Without this script every link simply shows; on a wide screen the button never shows. */
(function () {
  "use strict";
  var nav = document.querySelector("nav[data-menu]");
  if (!nav) { return; }
  var button = nav.querySelector(".menu-toggle");
  var menu = nav.querySelector(".menu");
  var current = menu.querySelector("[aria-current]");
  var narrow = window.matchMedia("(max-width: 40rem)");

  if (current) {
    var where = document.createElement("span");
    where.className = "current";
    where.textContent = current.textContent;
    button.appendChild(document.createTextNode(": "));
    button.appendChild(where);
  }

  function fold(folded) {
    nav.classList.toggle("folded", folded);
    button.setAttribute("aria-expanded", folded ? "false" : "true");
  }

  nav.classList.add("folding");
  button.hidden = false;
  button.addEventListener("click", function () {
    fold(button.getAttribute("aria-expanded") === "true");
  });
  // Escape folds the open menu and brings the keyboard back to the button.
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches && !nav.classList.contains("folded")) {
      fold(true);
      button.focus();
    }
  });
  function follow() { fold(narrow.matches); }
  follow();
  if (narrow.addEventListener) { narrow.addEventListener("change", follow); }
}());
