// Drag and drop for the agenda editor: a progressive enhancement over the Move up / Move down buttons.
// On drop it posts the full new order with the agenda's version; the server refuses it if someone else
// has changed the agenda meanwhile, and the page reloads to show the agenda as saved.
(function () {
  "use strict";
  var list = document.getElementById("agenda-items");
  if (!list || typeof Sortable === "undefined") return;
  var status = document.getElementById("reorder-status");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  Sortable.create(list, {
    handle: ".app-drag-handle",
    draggable: ".app-agenda-editor__item--business",
    animation: 150,
    onEnd: function () {
      var order = Array.prototype.map.call(list.children, function (li) { return li.dataset.id; });
      var body = new URLSearchParams({ order: order.join(","), version: list.dataset.version });
      status.textContent = "Saving the new order…";
      fetch(list.dataset.reorderUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "", Accept: "application/json" },
      })
        .then(function (response) { return response.json().then(function (data) { return [response.ok, data]; }); })
        .then(function (result) {
          status.textContent = result[0] ? "Saved the new order." : result[1].error;
          window.setTimeout(function () { window.location.reload(); }, result[0] ? 200 : 2500);
        })
        .catch(function () { status.textContent = "The new order could not be saved."; });
    },
  });
})();
