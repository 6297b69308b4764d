// vesentlig web workspace: progressive enhancement only. Every page works without it.
"use strict";

// Tell the reader when the portfolio on disk has changed (the server reloads it by itself).
(function watchVersion() {
  const meta = document.querySelector('meta[name="vesentlig-version"]');
  const notice = document.getElementById("live");
  if (!meta || !notice) return;
  const shown = meta.content;
  const poll = () => {
    fetch("/api/versjon", { cache: "no-store" })
      .then((r) => (r.ok ? r.text() : shown))
      .then((v) => {
        if (v.trim() !== shown) notice.hidden = false;
        else setTimeout(poll, 2000);
      })
      .catch(() => setTimeout(poll, 5000));
  };
  setTimeout(poll, 2000);
})();

// Contracts: filter the rows as the user types; the selects apply at once.
(function filterContracts() {
  const form = document.getElementById("filters");
  const table = document.getElementById("contracts");
  const search = document.getElementById("sok");
  const shown = document.getElementById("shown");
  if (!form || !table || !search) return;
  const rows = Array.from(table.tBodies[0].rows);
  search.addEventListener("input", () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    for (const row of rows) {
      const text = row.dataset.search || "";
      const keep = words.every((w) => text.includes(w));
      row.hidden = !keep;
      if (keep) n++;
    }
    if (shown) shown.textContent = String(n);
  });
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => form.submit());
  }
})();

// What-if: send the form in the background and show the verdict without leaving the page.
function enhanceWhatIf(form) {
  if (!form) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)).toString(),
    })
      .then((r) => r.text())
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        const fresh = page.getElementById("hva-om");
        const current = document.getElementById("hva-om");
        if (!fresh || !current) return form.submit();
        current.replaceWith(document.importNode(fresh, true));
        enhanceWhatIf(document.getElementById("whatif-form"));
        const result = document.getElementById("whatif-result");
        const problems = document.querySelector("#whatif-form .problems");
        const target = problems || (result && result.firstElementChild ? result : null);
        if (target) target.scrollIntoView({ block: "start" });
      })
      .catch(() => form.submit());
  });
}
enhanceWhatIf(document.getElementById("whatif-form"));
