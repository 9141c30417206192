// Proposal form: show only the fieldsets of the chosen kind. Each fieldset lists its
// kinds in data-propose-kinds; without JavaScript (or before a kind is chosen) every
// fieldset stays visible, so the form works anyway.
(function () {
  "use strict";

  const form = document.querySelector("form[data-propose-form]");
  if (!form) {
    return;
  }
  const radios = form.querySelectorAll("input[type=radio][name=kind]");
  const sections = form.querySelectorAll("fieldset[data-propose-kinds]");

  function update() {
    const checked = form.querySelector("input[type=radio][name=kind]:checked");
    sections.forEach(function (section) {
      const kinds = section.dataset.proposeKinds.split(" ");
      section.hidden = Boolean(checked) && kinds.indexOf(checked.value) === -1;
    });
  }

  radios.forEach(function (radio) {
    radio.addEventListener("change", update);
  });
  update();
})();
