// Live progress of a run (Server-Sent Events) and focus after htmx swaps. No build step.
(function () {
  "use strict";
  function progress() {
    var section = document.getElementById("progress");
    if (!section || !window.EventSource) { return; }
    var phases = document.getElementById("phases");
    var elapsed = document.getElementById("elapsed");
    var source = new EventSource(section.getAttribute("data-events"));
    source.addEventListener("phase", function (event) {
      var data = JSON.parse(event.data);
      var item = document.createElement("li");
      item.textContent = data.label;
      item.setAttribute("data-phase", data.phase);
      phases.appendChild(item);
    });
    var search = document.getElementById("search");
    source.addEventListener("search", function (event) {
      search.textContent = JSON.parse(event.data).label;
    });
    source.addEventListener("tick", function (event) {
      elapsed.textContent = JSON.parse(event.data).elapsed;
    });
    source.addEventListener("done", function (event) {
      source.close();
      window.location.assign(JSON.parse(event.data).url);
    });
  }
  document.addEventListener("DOMContentLoaded", progress);
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "explanation") {
      var title = document.getElementById("explanation-title");
      if (title) { title.focus(); }
    }
  });
})();
