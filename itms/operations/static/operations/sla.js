// 서비스수준 chart from the page's JSON data block (no inline script: CSP script-src 'self'): the month's total score
// (points) and availability (%) on two axes, Chart.js from static/vendor.
(function () {
  "use strict";
  const source = document.getElementById("sla-data");
  const canvas = document.getElementById("chart-sla");
  if (!source || !canvas || !window.Chart) { return; }
  const data = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "bar", label: "총점(점)", data: data.scores, backgroundColor: "#4263eb", yAxisID: "score" },
        { type: "line", label: "가용률(%)", data: data.availability, borderColor: "#2fb344", yAxisID: "availability" },
      ],
    },
    options: {
      scales: {
        score: { position: "left", min: 0, max: 100, title: { display: true, text: "총점(점)" } },
        availability: { position: "right", suggestedMin: 99, max: 100, grid: { drawOnChartArea: false },
                        title: { display: true, text: "가용률(%)" } },
      },
      plugins: { tooltip: { callbacks: { afterLabel: (c) => (c.datasetIndex === 0 ? data.grades[c.dataIndex] + "등급" : "") } } },
    },
  });
})();
