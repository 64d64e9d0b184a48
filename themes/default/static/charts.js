// Interactive charts: where the self-hosted Vega bundle has loaded, replace each static chart (an SVG image that
// stays the view without JavaScript) with the spec embedded beside it (a JSON data block, never run), drawn by
// vega-embed, which adds tooltips.
(function () {
  "use strict";
  if (typeof window.vegaEmbed !== "function") { return; }
  // Drawn as wide as the static image was shown (the figure's width), in the same proportions: the plot takes the
  // width the axes leave, and its height grows with it.
  function fit(spec, target, image) {
    if (!image || !image.naturalWidth || !spec.width || !spec.height) { return; }
    var axes = image.naturalWidth - spec.width;
    var width = Math.max(160, Math.floor(target.clientWidth) - axes);
    spec.height = Math.round(spec.height * width / spec.width);
    spec.width = width;
    // On a narrow screen the year labels would touch: the browser drops every other one (the static image, made
    // without measuring text, shrinks instead).
    spec.config = spec.config || {};
    spec.config.axis = Object.assign({}, spec.config.axis, { labelOverlap: true });
  }
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
        fit(spec, target, image);
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
