// The crew sheet's "Add a second part" / "Remove the second part" buttons, without a
// round-trip. Without JavaScript the same buttons post the sheet back and the server opens or
// closes the part (work/forms.py, with_part_toggled); the row's hidden "split" field says
// which parts are sent either way.
document.addEventListener("click", (event) => {
  const button = event.target.closest("form.crew button.add-part, form.crew button.drop-part");
  if (!button) return;
  event.preventDefault();
  const index = button.value;
  const opening = button.classList.contains("add-part");
  const part = document.getElementById(`part-${index}`);
  const flag = document.querySelector(`form.crew input[name="rows-${index}-split"]`);
  const add = document.querySelector(`#row-${index} button.add-part`);
  if (!part || !flag || !add) return;
  part.hidden = !opening;
  add.hidden = opening;
  flag.value = opening ? "True" : "False";
  (opening ? part.querySelector("input[type=time]") : add).focus();
});
