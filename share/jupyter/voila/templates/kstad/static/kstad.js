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

/* kstad: an upload larger than the apps accept is refused here, before the
   browser sends it. Why in the page: ipywidgets' FileUpload reads the chosen
   files and sends them in one websocket message; over the server's message
   limit the connection is closed and the page goes dead with no message.
   The widget's file input is never attached to the document, so the check
   wraps the input's own "change" listeners. The limit and the Swedish text
   come from the app (data attributes on .kstad-upload-limit). */
(function () {
  var original = HTMLInputElement.prototype.addEventListener;
  function mb(bytes) {
    return (bytes / 1048576).toFixed(1).replace(/\.0$/, "").replace(".", ",");
  }
  function refused(input) {
    var note = document.querySelector(".kstad-upload-limit [data-max-bytes]");
    if (!note || !input.files) { return false; }
    var limit = Number(note.getAttribute("data-max-bytes"));
    var total = 0;
    for (var i = 0; i < input.files.length; i++) { total += input.files[i].size; }
    var box = note.closest(".kstad-data-source") || document.body;
    var shown = box.querySelector(".kstad-upload-refused");
    if (!(limit > 0) || total <= limit) {
      if (shown) { shown.remove(); }
      return false;
    }
    if (!shown) {
      shown = document.createElement("p");
      shown.className = "kstad-error kstad-upload-refused";
      shown.setAttribute("role", "alert");
      box.appendChild(shown);
    }
    shown.textContent = (note.getAttribute("data-refused") || "").replace("{size}", mb(total));
    return true;
  }
  /* one wrapper per listener (it finds its input from the event), so adding
     the same listener twice still registers it once and removing it works */
  var wrappers = new WeakMap();
  function wrapped(listener) {
    var found = wrappers.get(listener);
    if (!found) {
      found = function (event) {
        var input = event.currentTarget || this;
        if (refused(input)) { input.value = ""; return undefined; }
        return listener.call(this, event);
      };
      wrappers.set(listener, found);
    }
    return found;
  }
  var remove = HTMLInputElement.prototype.removeEventListener;
  HTMLInputElement.prototype.addEventListener = function (type, listener, options) {
    if (type === "change" && this.type === "file" && typeof listener === "function") {
      return original.call(this, type, wrapped(listener), options);
    }
    return original.call(this, type, listener, options);
  };
  HTMLInputElement.prototype.removeEventListener = function (type, listener, options) {
    if (type === "change" && typeof listener === "function" && wrappers.has(listener)) {
      remove.call(this, type, wrappers.get(listener), options);
    }
    return remove.call(this, type, listener, options);
  };
})();
