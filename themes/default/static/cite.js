// Citations: fill in today's date as the date of access (the site itself carries no build time), and offer a
// button that copies the citation.
(function () {
  "use strict";
  var copied = document.currentScript.getAttribute("data-copied");
  var today = new Date();
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var iso = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
  var english = today.toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric" });  // APA: November 29, 2026
  Array.prototype.forEach.call(document.querySelectorAll(".citation"), function (figure) {
    var text = figure.querySelector(".citation-text");
    var template = text.getAttribute("data-template");
    text.textContent = template.replace("{access_date}", text.lang === "en" ? english : iso);
    var button = figure.querySelector(".copy-citation");
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent).then(function () { button.textContent = copied; });
    });
  });
})();
