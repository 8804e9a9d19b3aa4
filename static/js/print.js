/* Printable pages: a button marked data-print opens the browser's print dialog (the page prints without it). */
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
