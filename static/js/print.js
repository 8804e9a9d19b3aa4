/* Printable sheets: a button marked data-print opens the browser's print dialog (no inline handlers: the
   Content-Security-Policy allows scripts from static files only). */
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
