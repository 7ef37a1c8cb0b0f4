/* Discovery list upload: the list is sent with an upload progress bar, then the page says it is
 * being checked until the server answers with the list's page. Without script the form posts
 * as usual and the server does the same work. */
(function () {
  "use strict";

  var bytesText = window.registryFileSize;  // static/sizes.js, loaded first

  function init() {
    var form = document.getElementById("list-upload-form");
    if (!form || !window.FormData) return;
    var progress = document.getElementById("list-progress");
    var bar = document.getElementById("list-progress-bar");
    var text = document.getElementById("list-progress-text");
    var problem = document.getElementById("list-upload-problem");
    var button = document.getElementById("list-upload-submit");

    function fail(message) {
      button.disabled = false;
      progress.hidden = true;
      problem.textContent = message;
      problem.hidden = false;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      problem.hidden = true;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action"));
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      progress.hidden = false;
      bar.value = 0;
      button.disabled = true;
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        text.textContent = percent + "% (" + bytesText(e.loaded) + " of " + bytesText(e.total) + ")";
      });
      xhr.upload.addEventListener("load", function () {
        bar.removeAttribute("value"); /* indeterminate while the server checks every row */
        text.textContent = "Sent. Checking every row against the Recommended Fields…";
      });
      xhr.addEventListener("load", function () {
        var answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (ignored) { answer = null; }
        if (answer && answer.redirect) {
          window.location.assign(answer.redirect);
          return;
        }
        if (answer && answer.errors && answer.errors.length) {
          fail(answer.errors.join(" "));
          return;
        }
        fail("The registry could not take the list just now. Please try again.");
      });
      xhr.addEventListener("error", function () {
        fail("The connection failed while sending the list. Nothing was kept; please try again.");
      });
      xhr.send(new FormData(form));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
