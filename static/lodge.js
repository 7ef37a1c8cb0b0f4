/* Lodgment page enhancements (the page works without them; the server checks everything again).
 *
 * - As soon as a file is chosen it is sent to the validate endpoint, with an upload progress
 *   bar, and the verdict is shown on its row: format, errors and warnings with their paragraphs.
 * - When a document's kind, role or para 3(d) claim changes, the row says whether PD16 requires
 *   an electronic copy of it, exempts it (with the paragraph) or a direction waived it.
 * - "Add another document" adds a row; the filing is sent with a progress bar.
 * - Buttons marked data-print print the page (notice and label).
 */
(function () {
  "use strict";

  var bytesText = window.registryFileSize;  // static/sizes.js, loaded first

  function paragraphText(paragraph, message) {
    if (!paragraph) return "";
    if (message && message.indexOf("para " + paragraph) !== -1) return ""; /* already said */
    return /^PN127/.test(paragraph) ? " (" + paragraph + ")" : " (PD16 para " + paragraph + ")";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function rowField(row, name) {
    return row.querySelector("[name$='-" + name + "']");
  }

  function addDescribedBy(input, id) {
    var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) === -1) ids.push(id);
    input.setAttribute("aria-describedby", ids.join(" "));
  }

  /* ---- a file's verdict ---- */

  function showVerdict(row, verdict) {
    var box = row.querySelector(".verdict");
    var input = rowField(row, "electronic_copy");
    box.textContent = "";
    var ok = verdict.acceptable && (!verdict.errors || verdict.errors.length === 0);
    var summary = verdict.summary || (ok ? "Acceptable." : "Not acceptable.");
    var head = el("p", "verdict-summary " + (ok ? "verdict--ok" : "verdict--bad"), summary);
    box.appendChild(head);
    if (verdict.format) {
      var facts = verdict.format + (verdict.size ? ", " + bytesText(verdict.size) : "");
      if (verdict.pages) facts += ", " + verdict.pages + " page" + (verdict.pages === 1 ? "" : "s");
      box.appendChild(el("p", "verdict-facts", "Detected: " + facts));
    }
    var list = el("ul", "problems");
    (verdict.errors || []).forEach(function (p) {
      var item = el("li", "problem problem--error", p.message + paragraphText(p.paragraph, p.message));
      item.setAttribute("data-code", p.code);
      list.appendChild(item);
    });
    (verdict.warnings || []).forEach(function (p) {
      var item = el("li", "problem problem--warning", "Warning: " + p.message + paragraphText(p.paragraph, p.message));
      item.setAttribute("data-code", p.code);
      list.appendChild(item);
    });
    if (list.children.length) box.appendChild(list);
    box.setAttribute("data-acceptable", ok ? "true" : "false");
    if (input) {
      addDescribedBy(input, box.id);
      if (ok) input.removeAttribute("aria-invalid");
      else input.setAttribute("aria-invalid", "true");
    }
  }

  function validateFile(form, row) {
    var input = rowField(row, "electronic_copy");
    var box = row.querySelector(".verdict");
    var progress = row.querySelector(".upload-progress");
    var bar = progress ? progress.querySelector("progress") : null;
    if (!input || !input.files || input.files.length === 0) {
      box.textContent = "";
      box.removeAttribute("data-acceptable");
      return;
    }
    var file = input.files[0];
    var maxFile = parseInt(form.getAttribute("data-max-file-bytes"), 10);
    var title = rowField(row, "title");
    if (title && !title.value) title.value = file.name.replace(/\.[^.]*$/, "");
    var maxName = parseInt(form.getAttribute("data-max-file-name"), 10);
    if (maxName && file.name.length > maxName) {
      showVerdict(row, {
        acceptable: false,
        summary: "The file name \u201c" + file.name.slice(0, 60) + "\u2026\u201d is " + file.name.length +
          " characters long; the registry accepts file names of at most " + maxName + " characters.",
        errors: [{ code: "upload.file_name_too_long", message: "Rename the file with a shorter name and choose it again.", paragraph: "" }],
        warnings: []
      });
      return;
    }
    if (maxFile && file.size > maxFile) {
      showVerdict(row, {
        acceptable: false,
        summary: "\u201c" + file.name + "\u201d is " + bytesText(file.size) +
          ": larger than " + bytesText(maxFile) + ", the most the registry accepts for one file.",
        errors: [{ code: "upload.file_too_large", message: "Choose a smaller file.", paragraph: "" }],
        warnings: []
      });
      return;
    }
    var data = new FormData();
    data.append("file", file);
    var role = rowField(row, "role");
    data.append("role", role ? role.value : "principal");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("data-validate-url"));
    xhr.setRequestHeader("X-CSRFToken", csrfToken(form));
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    box.textContent = "";
    box.appendChild(el("p", "verdict-summary", "Checking \u201c" + file.name + "\u201d\u2026"));
    if (progress && bar) {
      progress.hidden = false;
      bar.value = 0;
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) bar.value = Math.round((event.loaded / event.total) * 100);
      });
    }
    xhr.addEventListener("load", function () {
      if (progress) progress.hidden = true;
      var verdict = null;
      try {
        verdict = JSON.parse(xhr.responseText);
      } catch (ignored) {
        verdict = null;
      }
      if (!verdict) {
        var signedOut = xhr.status === 401 || xhr.status === 403 || /\/login|\/accounts\//.test(xhr.responseURL || "");
        showVerdict(row, {
          acceptable: false,
          summary: signedOut
            ? "The file could not be checked: you are no longer signed in. Sign in again, then choose the file again."
            : "The file could not be checked now. It will be checked when you lodge.",
          errors: [],
          warnings: []
        });
        return;
      }
      showVerdict(row, verdict);
    });
    xhr.addEventListener("error", function () {
      if (progress) progress.hidden = true;
      box.textContent = "";
      box.appendChild(el("p", "verdict-summary", "The file could not be checked now; it will be checked when you lodge."));
    });
    xhr.send(data);
  }

  /* ---- what the rules require of a document ---- */

  function updateRequirement(form, row) {
    var target = row.querySelector(".requirement");
    var kind = rowField(row, "kind");
    var role = rowField(row, "role");
    var claim = rowField(row, "annexure_not_readily_available");
    var party = form.querySelector("[name=party]");
    if (!target || !kind || !kind.value || !party || !party.value) {
      if (target) target.textContent = "";
      return;
    }
    var params = new URLSearchParams({
      party: party.value,
      kind: kind.value,
      role: role ? role.value : "principal",
      claim_3d: claim && claim.checked ? "1" : "0"
    });
    var xhr = new XMLHttpRequest();
    xhr.open("GET", form.getAttribute("data-requirement-url") + "?" + params.toString());
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.addEventListener("load", function () {
      var decision = null;
      try {
        decision = JSON.parse(xhr.responseText);
      } catch (ignored) {
        decision = null;
      }
      if (!decision || !decision.summary) return;
      target.textContent = decision.summary;
      target.className = "requirement requirement--" + decision.status;
      target.setAttribute("data-status", decision.status);
    });
    xhr.send();
  }

  /* ---- rows ---- */

  function syncRoleFields(row) {
    var role = rowField(row, "role");
    var annexure = role && role.value === "annexure";
    row.querySelectorAll(".annexure-only").forEach(function (group) {
      group.hidden = !annexure;
    });
  }

  function bindRow(form, row) {
    var input = rowField(row, "electronic_copy");
    if (input) input.addEventListener("change", function () { validateFile(form, row); });
    ["kind", "annexure_not_readily_available"].forEach(function (name) {
      var field = rowField(row, name);
      if (field) field.addEventListener("change", function () { updateRequirement(form, row); });
    });
    var role = rowField(row, "role");
    if (role) {
      role.addEventListener("change", function () {
        syncRoleFields(row);
        updateRequirement(form, row);
        if (input && input.files && input.files.length) validateFile(form, row);
      });
    }
    syncRoleFields(row);
    updateRequirement(form, row);
  }

  function refreshAnnexedToChoices(form, count) {
    form.querySelectorAll("select[name$='-annexed_to']").forEach(function (select) {
      for (var n = select.options.length; n <= count; n += 1) {
        var option = document.createElement("option");
        option.value = String(n);
        option.textContent = "Document " + n;
        select.appendChild(option);
      }
    });
  }

  function addRow(form) {
    var total = form.querySelector("[name$='-TOTAL_FORMS']");
    var template = document.getElementById("document-row-template");
    var max = parseInt(form.getAttribute("data-max-documents"), 10);
    var index = parseInt(total.value, 10);
    if (!template || index >= max) return null;
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    document.getElementById("document-rows").appendChild(row);
    total.value = String(index + 1);
    refreshAnnexedToChoices(form, index + 1);
    bindRow(form, row);
    return row;
  }

  /* ---- sending the filing ---- */

  function totalChosenBytes(form) {
    var total = 0;
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      if (input.files && input.files.length) total += input.files[0].size;
    });
    return total;
  }

  function showFormProblem(form, message) {
    var summary = document.getElementById("client-error-summary");
    if (!summary) {
      summary = el("div", "error-summary");
      summary.id = "client-error-summary";
      summary.setAttribute("role", "alert");
      summary.setAttribute("tabindex", "-1");
      form.parentNode.insertBefore(summary, form);
    }
    summary.textContent = "";
    summary.appendChild(el("h2", "", "There is a problem: nothing was lodged"));
    summary.appendChild(el("p", "", message));
    summary.focus();
  }

  function submitWithProgress(form, event) {
    var maxFiling = parseInt(form.getAttribute("data-max-filing-bytes"), 10);
    var total = totalChosenBytes(form);
    if (maxFiling && total > maxFiling) {
      event.preventDefault();
      showFormProblem(form, "The files together are " + bytesText(total) + ": larger than " +
        bytesText(maxFiling) + ", the most one filing may carry.");
      return;
    }
    if (!window.FormData || !window.DOMParser) return; /* let the browser send it */
    event.preventDefault();
    var progress = document.getElementById("submit-progress");
    var bar = document.getElementById("submit-progress-bar");
    var text = document.getElementById("submit-progress-text");
    var button = document.getElementById("lodge-submit");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("action") || window.location.href);
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
    xhr.addEventListener("load", function () {
      /* Lodged: the server answers {"redirect": notice URL} to a script, so the one-time
         "Lodged as ..." message is left for the page the browser goes to next. */
      if (xhr.status < 400 && /json/.test(xhr.getResponseHeader("Content-Type") || "")) {
        var answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (ignored) { answer = null; }
        if (answer && answer.redirect) {
          window.location.assign(answer.redirect);
          return;
        }
      }
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var fresh = doc.getElementById("main");
      var main = document.getElementById("main");
      if (!fresh || !main) {
        button.disabled = false;
        progress.hidden = true;
        showFormProblem(form, "The registry could not take the filing just now. Please try again.");
        return;
      }
      main.innerHTML = fresh.innerHTML;
      init(); /* binds the new form and moves focus to its error summary */
    });
    xhr.addEventListener("error", function () {
      button.disabled = false;
      progress.hidden = true;
      showFormProblem(form, "The connection failed while sending the filing. Nothing was lodged; please try again.");
    });
    xhr.send(new FormData(form));
  }

  function initLodgeForm() {
    var form = document.getElementById("lodge-form");
    if (!form) return;
    form.querySelectorAll(".document-row").forEach(function (row) {
      if (!row.closest("template")) bindRow(form, row);
    });
    var party = form.querySelector("[name=party]");
    if (party) {
      party.addEventListener("change", function () {
        form.querySelectorAll("#document-rows .document-row").forEach(function (row) {
          updateRequirement(form, row);
        });
      });
    }
    var add = document.getElementById("add-row");
    if (add) {
      var button = el("button", "button button--secondary", add.getAttribute("data-label") || "Add another document");
      button.type = "button";
      button.id = "add-row-button";
      add.parentNode.replaceChild(button, add);
      button.addEventListener("click", function () {
        var row = addRow(form);
        if (row) {
          var first = row.querySelector("select, input");
          if (first) first.focus();
        } else {
          button.disabled = true;
        }
      });
    }
    form.addEventListener("submit", function (event) { submitWithProgress(form, event); });
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  }

  function initPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function init() {
    initLodgeForm();
    initPrintButtons();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
