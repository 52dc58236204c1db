// Small behaviours on data- attributes (no inline scripts: the Content-Security-Policy forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // <form data-autosubmit>: submit when a select or checkbox changes (filters).
  document.querySelectorAll("form[data-autosubmit]").forEach((form) => {
    form.addEventListener("change", (event) => {
      if (event.target.matches("select, input[type=checkbox], input[type=radio], input[type=date]")) {
        form.requestSubmit();
      }
    });
  });
  // <button data-mark-all="present" data-target="name-prefix">: set every radio of a group.
  document.querySelectorAll("[data-mark-all]").forEach((button) => {
    button.addEventListener("click", () => {
      const value = button.dataset.markAll;
      document.querySelectorAll(`input[type=radio][value="${value}"]`).forEach((radio) => {
        radio.checked = true;
      });
    });
  });
  // <fieldset data-shown-when="field=value1,value2">: shown only while the form's control `field`
  // (a select, or a group of radio buttons: "" when none is chosen) has one of the values
  // (without JavaScript everything stays visible).
  document.querySelectorAll("[data-shown-when]").forEach((part) => {
    const [name, values] = part.dataset.shownWhen.split("=");
    const form = part.closest("form");
    const control = form?.elements.namedItem(name);
    if (!control) return;
    const update = () => { part.hidden = !values.split(",").includes(control.value); };
    form.addEventListener("change", (event) => { if (event.target.name === name) update(); });
    update();
  });
  // <input type=checkbox data-check-all="name">: (un)check every checkbox with that name.
  document.querySelectorAll("[data-check-all]").forEach((toggle) => {
    toggle.addEventListener("change", () => {
      document.querySelectorAll(`input[type=checkbox][name="${toggle.dataset.checkAll}"]`)
        .forEach((box) => { box.checked = toggle.checked; });
    });
  });
});
