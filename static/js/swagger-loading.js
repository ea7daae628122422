// API 문서 (/api/docs/): the "불러오는 중" notice stays until Swagger UI has drawn the API
// (.information-container), and says so in Korean when the schema could not be loaded.
(function () {
  "use strict";

  function watch() {
    var notice = document.getElementById("itms-api-loading");
    var root = document.getElementById("swagger-ui");
    if (!notice || !root) {
      return;
    }
    var observer = new MutationObserver(check);

    function check() {
      if (root.querySelector(".information-container")) {
        notice.hidden = true;
        observer.disconnect();
      } else if (root.querySelector(".loading-container .title")) {
        // Swagger UI's own "Failed to load API definition." is English.
        notice.classList.add("is-failed");
        notice.querySelector(".itms-api-loading-text").textContent =
          "API 문서를 불러오지 못했습니다. 잠시 뒤 새로 고침하십시오.";
        observer.disconnect();
      }
    }

    observer.observe(root, { childList: true, subtree: true });
    check();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
