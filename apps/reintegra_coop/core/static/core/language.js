// The language select in the top bar switches the language as soon as one is chosen. Without
// JavaScript the form's own button (in <noscript>) sends it instead.
document.addEventListener("change", (event) => {
  const select = event.target.closest("form.language select[name=language]");
  if (select) select.form.submit();
});
