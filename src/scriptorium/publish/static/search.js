// Starts the search interface on the search page. The index and the interface are static files in the
// site's own "pagefind" directory: any static web server will do, with no search service behind it.
(function () {
  function unavailable(element, why) {
    var note = document.createElement("p");
    note.className = "notice";
    note.textContent = why + " Browse by writer or periodical instead.";
    element.appendChild(note);
  }

  // The interface's box has only a placeholder: give it a visible label of its own.
  function label(element) {
    var input = element.querySelector("input[type=text], input[type=search]");
    if (!input || input.id) return;
    input.id = element.id + "-input";
    var text = document.createElement("label");
    text.className = "search-label";
    text.htmlFor = input.id;
    text.textContent = "Words to look for";
    element.insertBefore(text, element.firstChild);
  }

  function start() {
    var element = document.querySelector("[data-search]");
    if (!element) return;
    if (window.location.protocol === "file:") {
      // Browsers refuse to load the index from files on disk; any web server (even a local one) works.
      unavailable(element, "Search works only when the site is served over HTTP, not opened from disk.");
      return;
    }
    if (typeof window.PagefindUI !== "function") {
      unavailable(element, "The search index could not be loaded.");
      return;
    }
    var base = document.baseURI;
    var ui = new window.PagefindUI({
      element: "#" + element.id,
      bundlePath: new URL(element.getAttribute("data-bundle"), base).pathname,
      baseUrl: new URL(element.getAttribute("data-root") || "./", base).pathname,
      showSubResults: true,
      showImages: false,
      autofocus: true,
      translations: { placeholder: "Search the archive" }
    });
    label(element);
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
