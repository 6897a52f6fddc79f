// Progressive enhancement of a job's page: poll its JSON, update the bar, follow to the result.
// Without JavaScript the page's meta refresh does the same every few seconds.
(function () {
  "use strict";
  var section = document.querySelector("section.job[data-job-url]");
  if (!section || !window.fetch) { return; }
  var url = section.getAttribute("data-job-url");
  var follow = section.getAttribute("data-follow") === "1";
  var refresh = document.querySelector("meta[http-equiv=refresh]");
  if (!refresh) { return; }
  refresh.parentNode.removeChild(refresh);  // polling takes over from the full-page refresh
  function field(name) { return section.querySelector("[data-job=" + name + "]"); }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (job) {
        var bar = field("bar"), text = field("progress"), state = field("state_label");
        if (state) { state.textContent = job.state_label; }
        if (bar && job.total) { bar.max = job.total; bar.value = job.done; }
        if (text) {
          text.textContent = job.total ? job.done + "/" + job.total + " " + job.label
            : (job.done ? job.done + " " + job.label : "");
        }
        if (job.finished) {
          window.location.href = follow && job.result_url ? job.result_url : window.location.pathname;
          return;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(function () { window.location.reload(); }, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
