// Citation markers: a tap (or click, or Enter) toggles the cited sentence; Escape closes it.
// Hover and keyboard focus already reveal it through CSS; this adds taps on touch screens.
"use strict";
document.addEventListener("click", function (event) {
  var mark = event.target.closest ? event.target.closest(".cite-mark") : null;
  document.querySelectorAll(".cite.open").forEach(function (open) {
    if (!mark || open !== mark.parentElement) {
      open.classList.remove("open");
      open.querySelector(".cite-mark").setAttribute("aria-expanded", "false");
    }
  });
  if (mark) {
    var cite = mark.parentElement;
    var opened = cite.classList.toggle("open");
    mark.setAttribute("aria-expanded", opened ? "true" : "false");
  }
});
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".cite.open").forEach(function (open) {
    open.classList.remove("open");
    open.querySelector(".cite-mark").setAttribute("aria-expanded", "false");
  });
});
