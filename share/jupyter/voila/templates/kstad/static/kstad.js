/* kstad: a click on a ranking row's id button asks the kernel to explain that
   need. The ranking is one HTML widget (fast to redraw on every slider move),
   so its buttons cannot be widgets; the click is handed to a hidden text
   widget (.kstad-row-pick) that the app observes and validates. */
document.addEventListener("click", function (event) {
  var target = event.target;
  var button = target && target.closest ? target.closest(".kstad-ranking .kstad-why") : null;
  if (!button) { return; }
  var input = document.querySelector(".kstad-row-pick input");
  if (!input) { return; }
  input.value = button.getAttribute("data-need") || "";
  input.dispatchEvent(new Event("change", { bubbles: true }));
  var side = document.querySelector(".kstad-explanation");
  if (side && side.scrollIntoView) {
    window.setTimeout(function () { side.scrollIntoView({ block: "nearest" }); }, 400);
  }
});
