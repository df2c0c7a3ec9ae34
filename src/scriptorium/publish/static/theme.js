// Dark/light theme toggle. The page reads fine without it: the theme then follows the system setting.
(function () {
  var root = document.documentElement;
  var key = "scriptorium-theme";
  var saved = null;
  try { saved = localStorage.getItem(key); } catch (e) { saved = null; }
  if (saved === "dark" || saved === "light") root.setAttribute("data-theme", saved);
  function current() {
    var set = root.getAttribute("data-theme");
    if (set) return set;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function label(button) {
    var dark = current() === "dark";
    button.setAttribute("aria-pressed", dark ? "true" : "false");
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) return;
    button.hidden = false;
    label(button);
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem(key, next); } catch (e) { /* private mode: the choice lasts this page */ }
      label(button);
    });
  });
})();
