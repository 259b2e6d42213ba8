// The login card's Print button. It only works with JavaScript, so it stays hidden without.
for (const button of document.querySelectorAll("button.print-page")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
