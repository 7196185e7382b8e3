// Start DKFDS once for the page; after an htmx swap start only what arrived
// (calling DKFDS.init() twice rebinds the mobile menu and breaks it).
(function () {
  if (window.DKFDS) { window.DKFDS.init(); }
  document.addEventListener("htmx:afterSwap", function (event) {
    var el = event.detail.elt;
    if (!window.DKFDS || !el) { return; }
    el.querySelectorAll(".tab-container").forEach(function (t) { new DKFDS.Tabs(t).init(); });
    el.querySelectorAll(".date-picker").forEach(function (d) { DKFDS.datePicker.on(d); });
  });
})();
