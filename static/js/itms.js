// Small behaviours shared by every page. No inline scripts anywhere (Content-Security-Policy).
document.addEventListener("htmx:responseError", function (event) {
  const status = event.detail.xhr.status;
  window.alert(status === 403 ? "이 작업을 할 권한이 없습니다." : "요청을 처리하지 못했습니다 (" + status + ").");
});
