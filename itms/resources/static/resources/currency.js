// 현행화 dashboard charts from the page's JSON data block (no inline script: CSP script-src 'self'), drawn like the
// portfolio's: Chart.js from static/vendor, counts in whole 건.
(function () {
  "use strict";
  const source = document.getElementById("currency-data");
  if (!source || !window.Chart) { return; }
  const data = JSON.parse(source.textContent);
  const counts = { precision: 0, callback: (value) => (Number.isInteger(value) ? value + "건" : "") };

  const units = document.getElementById("chart-units");
  if (units) {
    new window.Chart(units, {
      type: "bar",
      data: {
        labels: data.units.labels,
        datasets: [
          { label: "필수속성 완비", data: data.units.complete, backgroundColor: "#2fb344", stack: "attributes" },
          { label: "필수속성 누락", data: data.units.incomplete, backgroundColor: "#f59f00", stack: "attributes" },
          { label: "확인 주기 지남", data: data.units.stale, backgroundColor: "#d63939", stack: "stale" },
        ],
      },
      options: {
        indexAxis: "y",
        scales: { x: { stacked: true, beginAtZero: true, ticks: counts, title: { display: true, text: "자산 수(건)" } },
                  y: { stacked: true, ticks: { autoSkip: false } } },
        plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ": " + c.raw + "건" } } },
      },
    });
  }
  const documents = document.getElementById("chart-documents");
  if (documents) {
    new window.Chart(documents, {
      type: "bar",
      data: { labels: data.documents.labels, datasets: [{ data: data.documents.values, backgroundColor: "#4263eb" }] },
      options: {
        scales: { y: { beginAtZero: true, ticks: counts, title: { display: true, text: "사업 수(건)" } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => c.raw + "건" } } },
      },
    });
  }
})();
