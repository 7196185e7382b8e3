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

// Placement form: choosing a workplace fills in its hour limit (min(normal hours, 37))
// and narrows the job contact persons to that workplace. The server checks both anyway.
(function () {
  var place = document.querySelector("select[data-hours-target]");
  if (!place) { return; }
  var hours = document.getElementById(place.dataset.hoursTarget);
  var people = document.getElementById(place.dataset.peopleTarget);
  function update(fillHours) {
    var option = place.options[place.selectedIndex];
    if (fillHours && option && option.dataset.maxHours) { hours.value = option.dataset.maxHours; }
    if (!people) { return; }
    var label = option && option.value ? option.dataset.group : null;
    people.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = label !== null && group.label !== label;
    });
  }
  place.addEventListener("change", function () { update(true); });
  update(false);
})();

// The Content-Security-Policy allows no inline script, so page behaviour lives here,
// switched on by data- attributes.

// A select inside [data-reload-param] reloads the page with its value as that query
// parameter (the feedback form's week), before htmx sees the change.
(function () {
  document.querySelectorAll("[data-reload-param] select").forEach(function (select) {
    var param = select.closest("[data-reload-param]").dataset.reloadParam;
    select.addEventListener("change", function (event) {
      event.stopPropagation();
      window.location.search = "?" + param + "=" + encodeURIComponent(event.target.value);
    });
  });
})();

// A form with data-offline-message says so in its status element when htmx cannot
// reach the server (the feedback draft on a phone losing its connection).
document.addEventListener("htmx:sendError", function (event) {
  var form = event.detail.elt.closest("[data-offline-message]");
  if (!form) { return; }
  document.getElementById(form.dataset.offlineStatus).textContent = form.dataset.offlineMessage;
});
