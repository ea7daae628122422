// 사업관리 (Ch.5): the WBS Gantt chart (frappe-gantt, static/vendor) and the S-curve (Chart.js), drawn from the
// page's JSON data blocks — no inline script or style (CSP script-src/style-src 'self').
(function () {
  "use strict";

  function data(id) {
    const source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  function gantt() {
    const element = document.getElementById("wbs-gantt");
    const tasks = data("gantt-data");
    if (!element || !tasks || !window.Gantt) { return; }
    if (!tasks.length) { element.textContent = "등록한 WBS 작업이 없습니다."; return; }
    const chart = new window.Gantt(element, tasks, {
      language: "ko",
      view_mode: element.dataset.viewMode || "Week",
      readonly: true,
      holidays: {},               // the weekend highlight would be an inline style (CSP)
      today_button: false,
      view_mode_select: false,
      infinite_padding: false,
      popup_on: "hover",
      bar_height: 24,
      padding: 14,
    });
    element.dataset.ready = "true";
    document.querySelectorAll("[data-gantt-mode]").forEach(function (button) {
      button.addEventListener("click", function () {
        chart.change_view_mode(button.dataset.ganttMode);
      });
    });
  }

  function sCurve() {
    const canvas = document.getElementById("s-curve");
    const curve = data("scurve-data");
    if (!canvas || !curve || !window.Chart) { return; }
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: curve.labels,
        datasets: [
          { label: "계획 공정률(%)", data: curve.planned, borderColor: "#206bc4", pointRadius: 0, tension: 0.3 },
          {
            label: "실적 공정률(%)",
            data: curve.actual,
            borderColor: "#d63939",
            backgroundColor: "#d63939",
            showLine: true,
            pointRadius: 3,
            spanGaps: false,
          },
        ],
      },
      options: {
        animation: false,
        scales: {
          x: { type: "category", ticks: { maxTicksLimit: 12 } },
          y: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
    canvas.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    gantt();
    sCurve();
  });
})();
