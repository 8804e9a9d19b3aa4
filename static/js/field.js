/* Field forms, progressive enhancement only: every page works without this file.
   A second tap on a submit button while the first submission is on its way does nothing
   (the server refuses a repeated form anyway: see registry/views/once.py). */
(function () {
  function ready(form) {
    delete form.dataset.sending;
    var button = form.querySelector("button[type=submit]");
    if (button && button.dataset.label) { button.textContent = button.dataset.label; button.removeAttribute("aria-busy"); }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.method.toLowerCase() !== "post") return;
    if (form.dataset.sending) { event.preventDefault(); return; }
    form.dataset.sending = "1";
    var button = form.querySelector("button[type=submit]");
    if (button) { button.dataset.label = button.textContent; button.setAttribute("aria-busy", "true"); button.textContent = "Menyimpan…"; }
    // A dropped connection leaves the page here: let the person send again after a while.
    setTimeout(function () { ready(form); }, 15000);
  });
  // Back to a page kept in memory (back/forward cache): its forms can be sent again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll("form").forEach(ready);
  });
})();
