/* A form marked data-confirm asks before it is sent (removing a person, a role, a file): one slip of a finger
   on a phone should not do that. Without JavaScript the form is sent as it is. */
document.addEventListener("submit", function (event) {
  "use strict";
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
