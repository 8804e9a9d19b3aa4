/* Field forms, progressive enhancement only: every page works without this file.
   A second tap on a submit button while the first submission is on its way does nothing
   (the server refuses a repeated form anyway: see registry/views/once.py).
   Without a connection the form is not sent: the page says so and keeps every value (and static/js/drafts.js
   keeps them on the device); a connection lost while sending says the same. */
(function () {
  var OFFLINE = "Tidak ada sambungan. Isian Anda tetap tersimpan di perangkat ini; kirim lagi saat sinyal kembali.";
  function ready(form) {
    delete form.dataset.sending;
    var button = form.querySelector("button[type=submit]");
    if (button && button.dataset.label) { button.textContent = button.dataset.label; button.removeAttribute("aria-busy"); }
  }
  function offline(form) {
    var note = form.previousElementSibling;
    if (!note || !note.classList.contains("offline")) {
      note = document.createElement("p");
      note.className = "alert offline";
      note.setAttribute("role", "alert");
      note.textContent = OFFLINE;
      form.parentNode.insertBefore(note, form);
    }
    note.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.method.toLowerCase() !== "post") return;
    if (form.dataset.sending) { event.preventDefault(); return; }
    if (navigator.onLine === false) { event.preventDefault(); offline(form); return; }
    var note = form.previousElementSibling;
    if (note && note.classList.contains("offline")) note.remove();
    form.dataset.sending = "1";
    var button = form.querySelector("button[type=submit]");
    if (button) { button.dataset.label = button.textContent; button.setAttribute("aria-busy", "true"); button.textContent = "Menyimpan…"; }
    // A dropped connection leaves the page here: let the person send again after a while.
    setTimeout(function () { ready(form); }, 15000);
  });
  // The connection went while a form was on its way: say so, and let it be sent again.
  window.addEventListener("offline", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) { ready(form); offline(form); });
  });
  // Back to a page kept in memory (back/forward cache): its forms can be sent again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll("form").forEach(ready);
  });
})();
