// The 실사 checklist (a29.3.2): the tag box keeps the focus, so a USB scanner (which types the tag and Enter) works
// without touching the screen; where the browser has BarcodeDetector, the camera reads the label's QR code too.
// Everything runs from this file (CSP: no inline script); nothing is loaded from elsewhere.
(function () {
  "use strict";
  const form = document.getElementById("lookup-form");
  const input = document.getElementById("tag");
  if (!form || !input) { return; }

  function focusTag() {
    input.focus();
    input.select();
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail && event.detail.target && event.detail.target.id === "asset-card") {
      // After a lookup the box is ready for the next scan; the card's buttons stay one tap away.
      input.value = "";
      input.focus();
    }
  });
  window.addEventListener("pageshow", focusTag);

  const area = document.getElementById("camera-area");
  const button = document.getElementById("camera-button");
  const video = document.getElementById("camera-video");
  const supported = "BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
  if (!supported || !area || !button || !video) { return; }
  area.classList.remove("d-none");

  let stream = null;
  let detector = null;

  function stop() {
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    video.classList.add("d-none");
    button.textContent = "카메라로 QR 읽기";
  }

  function found(value) {
    stop();
    input.value = value.trim();
    if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
  }

  async function scan() {
    if (!stream) { return; }
    try {
      const codes = await detector.detect(video);
      if (codes.length && codes[0].rawValue) { found(codes[0].rawValue); return; }
    } catch (error) {
      // A frame that cannot be read yet: try the next one.
    }
    window.requestAnimationFrame(scan);
  }

  button.addEventListener("click", async function () {
    if (stream) { stop(); return; }
    try {
      detector = detector || new window.BarcodeDetector({ formats: ["qr_code", "code_128", "code_39"] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (error) {
      button.textContent = "카메라를 쓸 수 없습니다. 자산번호를 입력하십시오.";
      return;
    }
    video.srcObject = stream;
    video.classList.remove("d-none");
    button.textContent = "카메라 끄기";
    await video.play();
    window.requestAnimationFrame(scan);
  });
})();
