/* Registry clerks' pages: small progressive enhancements; every page works without them. */
(function () {
  "use strict";

  // After a failed submission, take keyboard and screen-reader users to the error summary.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // "Add another document": the shared lodgment form's "show more rows" link becomes a button
  // that clones the formset's empty row and counts it in TOTAL_FORMS.
  function enableAddRow() {
    var link = document.getElementById("add-row");
    var template = document.getElementById("document-row-template");
    var rows = document.querySelector("[data-rows]");
    var total = document.querySelector("[name$='-TOTAL_FORMS']");
    var max = document.querySelector("[name$='-MAX_NUM_FORMS']");
    if (!link || !template || !rows || !total) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary";
    button.id = "add-row-button";
    button.textContent = link.getAttribute("data-label") || "Add another document";
    link.parentNode.replaceChild(button, link);
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) {
        button.disabled = true;
        return;
      }
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("select, input, textarea");
      if (first) {
        first.focus();
      }
    });
  }

  // PD16 paras 9-10: check the e-mail's subject line and address as the clerk types them.
  function enableSubjectCheck() {
    var output = document.getElementById("subject-problems");
    var subject = document.getElementById("id_email_subject");
    var sentTo = document.getElementById("id_sent_to");
    if (!output || !subject) {
      return;
    }
    var timer = null;
    var latest = 0;
    function check() {
      var request = ++latest;
      var url = new URL(output.getAttribute("data-check-url"), window.location.href);
      url.searchParams.set("subject", subject.value);
      if (sentTo) {
        url.searchParams.set("sent_to", sentTo.value);
      }
      fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          return response.ok ? response.text() : "";
        })
        .then(function (html) {
          if (request === latest) {
            output.innerHTML = html;
          }
        })
        .catch(function () {
          /* The server checks again on submission. */
        });
    }
    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 400);
    }
    subject.addEventListener("input", schedule);
    if (sentTo) {
      sentTo.addEventListener("input", schedule);
    }
    if (subject.value) {
      check();
    }
  }

  function start() {
    focusErrorSummary();
    enableAddRow();
    enableSubjectCheck();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
