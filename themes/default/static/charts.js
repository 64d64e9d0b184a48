// Interactive charts: where the self-hosted Vega bundle has loaded, replace each static chart (an SVG image that
// stays the view without JavaScript) with the spec embedded beside it (a JSON data block, never run), drawn by
// vega-embed, which adds tooltips.
(function () {
  "use strict";
  if (typeof window.vegaEmbed !== "function") { return; }
  Array.prototype.forEach.call(document.querySelectorAll("figure.chart"), function (figure) {
    var image = figure.querySelector("img");
    var data = figure.querySelector("script.chart-spec");
    if (!data) { return; }
    Promise.resolve(data.textContent)
      .then(function (text) { return JSON.parse(text); })
      .then(function (spec) {
        var target = document.createElement("div");
        target.className = "chart-interactive";
        target.setAttribute("role", "img");
        target.setAttribute("aria-label", image ? image.alt : "");
        figure.insertBefore(target, image);
        // No style elements: the site's Content-Security-Policy allows only its own stylesheet.
        var options = { renderer: "svg", actions: false, defaultStyle: false,
                        tooltip: { disableDefaultStyle: true } };
        return window.vegaEmbed(target, spec, options).then(function () {
          // The wrapper speaks for the chart (role="img" with the image's text); the drawing itself stays silent.
          var drawing = target.querySelector("svg");
          if (drawing) { drawing.setAttribute("aria-hidden", "true"); }
          if (image) { image.hidden = true; }
        });
      })
      .catch(function () { /* the static image stays */ });
  });
})();
