// Public site: open <details data-open-wide> on wide screens (the catalogue's filters);
// on a phone they stay folded so that the results come first.
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(min-width: 48rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach((details) => {
      details.open = true;
    });
  }
});
