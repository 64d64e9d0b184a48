// Interactive charts, on request: the static chart (an SVG image, the view without JavaScript) stays until the
// reader presses the chart's button. Only then is the self-hosted Vega bundle (about 300 KB over the wire, three
// times the rest of the page) loaded, and the spec embedded beside the image (a JSON data block, never run) drawn
// by vega-embed, which adds tooltips. The button is in the page, hidden; this script shows it.
(function () {
  "use strict";
  var bundle = document.currentScript.getAttribute("data-bundle");
  var loading = null;

  function loadBundle() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = bundle;
        script.onload = function () {
          return typeof window.vegaEmbed === "function" ? resolve(window.vegaEmbed) : reject(new Error("no vegaEmbed"));
        };
        script.onerror = function () { loading = null; reject(new Error("the chart library did not load")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

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

  function draw(figure, button) {
    var image = figure.querySelector("img");
    var data = figure.querySelector("script.chart-spec");
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    return loadBundle()
      .then(function (vegaEmbed) {
        var spec = JSON.parse(data.textContent);
        var target = document.createElement("div");
        target.className = "chart-interactive";
        target.setAttribute("role", "img");
        target.setAttribute("aria-label", image ? image.alt : "");
        figure.insertBefore(target, image);
        fit(spec, target, image);
        // No style elements: the site's Content-Security-Policy allows only its own stylesheet.
        var options = { renderer: "svg", actions: false, defaultStyle: false,
                        tooltip: { disableDefaultStyle: true } };
        return vegaEmbed(target, spec, options).then(function () {
          // The wrapper speaks for the chart (role="img" with the image's text); the drawing itself stays silent.
          var drawing = target.querySelector("svg");
          if (drawing) { drawing.setAttribute("aria-hidden", "true"); }
          if (image) { image.hidden = true; }
          button.hidden = true;
        });
      })
      .catch(function () {
        // The static image stays; the reader may try again.
        button.disabled = false;
        button.removeAttribute("aria-busy");
      });
  }

  Array.prototype.forEach.call(document.querySelectorAll("figure.chart"), function (figure) {
    var button = figure.querySelector("button.chart-interactive-button");
    if (!button || !figure.querySelector("script.chart-spec")) { return; }
    button.hidden = false;
    button.addEventListener("click", function () { draw(figure, button); });
  });
})();
