// Small behaviours shared by every page. No inline scripts anywhere (Content-Security-Policy).
document.addEventListener("htmx:responseError", function (event) {
  const status = event.detail.xhr.status;
  window.alert(status === 403 ? "이 작업을 할 권한이 없습니다." : "요청을 처리하지 못했습니다 (" + status + ").");
});

// Search selects (itms.core.widgets.SearchSelect): a select over a big table holds only the chosen option(s).
// Typing in the search box asks the type's API list (?q=, same origin, the session's cookie) and fills the
// select with the matches; choosing one is an ordinary "change" of the select (the filter forms' htmx trigger).
// Without this script the search box is sent with the form and the server resolves it.
(function () {
  "use strict";
  const LIMIT = 20;
  const DELAY_MS = 250;
  const MAX_ROWS = 8;

  function enhance(root) {
    if (root.dataset.searchReady) {
      return;
    }
    const url = root.dataset.searchUrl;
    const input = root.querySelector("[data-search-input]");
    const select = root.querySelector("select");
    const status = root.querySelector("[data-search-status]");
    if (!url || !input || !select) {
      return; // no API for this type: the search box is sent with the form
    }
    root.dataset.searchReady = "1";
    // The box only searches now; the form sends the choice alone (and htmx does not reload on typing).
    input.removeAttribute("name");
    let timer = null;
    let controller = null;
    let pickFirst = false;

    function say(text) {
      if (!status) {
        return;
      }
      status.textContent = text;
      status.hidden = !text;
    }

    function collapse() {
      select.removeAttribute("size");
    }

    function fill(rows) {
      Array.from(select.options).forEach(function (option) {
        if (!option.hasAttribute("data-keep") && !option.selected) {
          option.remove();
        }
      });
      const present = new Set(Array.from(select.options).map(function (option) { return option.value; }));
      rows.forEach(function (row) {
        const value = String(row.id);
        if (!present.has(value)) {
          select.add(new Option(row.display, value));
        }
      });
      if (rows.length) {
        select.size = Math.min(Math.max(select.options.length, 2), MAX_ROWS);
        say(rows.length + "건" + (rows.length >= LIMIT ? " 이상" : "") + ": 목록에서 고르십시오.");
      } else {
        collapse();
        say("'" + input.value.trim() + "'에 맞는 항목이 없습니다.");
      }
      if (pickFirst && rows.length) {
        choose(String(rows[0].id));
      }
      pickFirst = false;
    }

    function choose(value) {
      if (select.multiple) {
        Array.from(select.options).forEach(function (option) {
          if (option.value === value) {
            option.selected = true;
          }
        });
      } else {
        select.value = value;
      }
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function search() {
      timer = null;
      const term = input.value.trim();
      if (controller) {
        controller.abort();
      }
      if (!term) {
        collapse();
        say("");
        return;
      }
      controller = new AbortController();
      const target = new URL(url, window.location.origin);
      target.searchParams.set("q", term);
      target.searchParams.set("page_size", String(LIMIT));
      root.setAttribute("aria-busy", "true");
      say("찾는 중…");
      fetch(target, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: controller.signal })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status === 403 ? "이 자료를 찾아볼 권한이 없습니다." : "찾지 못했습니다 (" + response.status + ").");
          }
          return response.json();
        })
        .then(function (data) {
          fill(data.results || []);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            pickFirst = false;
            say(error instanceof TypeError ? "찾지 못했습니다." : error.message);
          }
        })
        .finally(function () {
          root.removeAttribute("aria-busy");
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY_MS);
    });
    // A change of the box is not a change of the filter: keep it from the form's hx-trigger.
    input.addEventListener("change", function (event) {
      event.stopPropagation();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        // Enter chooses the first match (searching first if the user typed faster than the delay).
        event.preventDefault();
        const first = Array.from(select.options).find(function (option) {
          return !option.hasAttribute("data-keep") && !option.selected;
        });
        if (timer === null && first && select.size > 1) {
          choose(first.value);
        } else {
          window.clearTimeout(timer);
          pickFirst = true;
          search();
        }
      } else if (event.key === "ArrowDown" && select.size > 1) {
        event.preventDefault();
        select.focus();
      } else if (event.key === "Escape") {
        collapse();
      }
    });
    select.addEventListener("change", function () {
      collapse();
      say("");
    });
  }

  function enhanceAll(scope) {
    if (!scope || !scope.querySelectorAll) {
      return;
    }
    if (scope.matches && scope.matches("[data-search-select]")) {
      enhance(scope);
    }
    scope.querySelectorAll("[data-search-select]").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhanceAll(document);
  });
  document.addEventListener("htmx:load", function (event) {
    enhanceAll(event.detail.elt);
  });
})();

// Verdict forms (itms.core.verdicts): a button with data-set-all="value" sets every select of its form to that
// value, e.g. an inspection's items all '이행' before the few exceptions are picked by hand.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-set-all]");
  if (!button || !button.form) {
    return;
  }
  var value = button.getAttribute("data-set-all");
  button.form.querySelectorAll("select").forEach(function (select) {
    if (select.querySelector('option[value="' + value + '"]')) {
      select.value = value;
    }
  });
});
