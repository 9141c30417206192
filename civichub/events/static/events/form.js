// The organiser's event form.
// - Formsets (agenda, speakers, questions): «Aggiungi …» clones the row <template>
//   (Django's empty form, "__prefix__" in its names) and raises TOTAL_FORMS; without
//   JavaScript the button stays hidden and blank rows come back after each save.
// - Modality: the "Dove" and "Online" sections show only for the formats that use them
//   (both stay visible without JavaScript; the server ignores the unused one).
(function () {
  "use strict";

  function setUpFormset(fieldset) {
    const prefix = fieldset.dataset.formset;
    const total = fieldset.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    const max = fieldset.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    const template = fieldset.querySelector("template[data-formset-template]");
    const rows = fieldset.querySelector("[data-formset-rows]");
    const button = fieldset.querySelector("[data-formset-add]");
    const note = fieldset.querySelector("[data-formset-nojs]");
    if (!total || !template || !rows || !button) {
      return;
    }
    button.hidden = false;
    if (note) {
      note.hidden = true;
    }

    function update() {
      button.disabled = max && parseInt(total.value, 10) >= parseInt(max.value, 10);
    }

    button.addEventListener("click", function () {
      const index = parseInt(total.value, 10) || 0;
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      const holder = document.createElement("ol");
      holder.innerHTML = html;
      const row = holder.firstElementChild;
      if (!row) {
        return;
      }
      rows.appendChild(row);
      total.value = String(index + 1);
      update();
      const first = row.querySelector("input:not([type='hidden']), textarea, select");
      if (first) {
        first.focus();
      }
    });
    update();
  }

  function setUpFormat(form) {
    const radios = form.querySelectorAll("input[name='format']");
    const sections = form.querySelectorAll("[data-format-section]");
    if (!radios.length || !sections.length) {
      return;
    }
    const uses = { online: ["online"], in_person: ["in_person"], hybrid: ["online", "in_person"] };

    function update() {
      const checked = form.querySelector("input[name='format']:checked");
      const shown = checked ? uses[checked.value] || [] : ["online", "in_person"];
      sections.forEach(function (section) {
        section.hidden = shown.indexOf(section.dataset.formatSection) === -1;
      });
    }

    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  document.querySelectorAll("form[data-event-form]").forEach(function (form) {
    form.querySelectorAll("[data-formset]").forEach(setUpFormset);
    setUpFormat(form);
  });
})();
