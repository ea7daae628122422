// Performance charts from the page's JSON data block (no inline script: CSP script-src 'self').
// Scores in 점, money in 억원/만원 for the axis, usage as whole numbers.
(function () {
  "use strict";
  const source = document.getElementById("performance-data");
  if (!source || !window.Chart) { return; }
  const data = JSON.parse(source.textContent);
  const EOK = 100000000;
  const MAN = 10000;
  const COLORS = ["#4263eb", "#2fb344", "#f76707", "#d63939", "#ae3ec9", "#17a2b8", "#f59f00", "#74b816",
    "#0ca678", "#e64980", "#495057", "#1c7ed6", "#845ef7", "#fab005", "#20c997", "#868e96"];

  function moneyUnit(values) {
    const largest = Math.max(0, ...values.map(Number));
    if (largest >= EOK) { return { size: EOK, name: "억원" }; }
    if (largest >= MAN) { return { size: MAN, name: "만원" }; }
    return { size: 1, name: "원" };
  }

  const history = document.getElementById("chart-history");
  if (history && data.history.length) {
    new window.Chart(history, {
      type: "line",
      data: {
        labels: data.years.map((y) => y + "년"),
        datasets: data.history.map((s, i) => ({ label: s.label, data: s.values, borderColor: COLORS[i % COLORS.length],
          backgroundColor: COLORS[i % COLORS.length], spanGaps: false })),
      },
      options: {
        scales: { y: { min: 0, max: 100, title: { display: true, text: "총점(점)" } } },
        plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ": " + (c.parsed.y === null ? "측정 없음" : c.parsed.y + "점") } } },
      },
    });
  }

  const scatter = document.getElementById("chart-scatter");
  if (scatter && data.scatter.length) {
    const unit = moneyUnit(data.scatter.map((p) => p.y));
    new window.Chart(scatter, {
      type: "scatter",
      data: { datasets: [{ data: data.scatter, backgroundColor: "#4263eb" }] },
      options: {
        scales: {
          x: { title: { display: true, text: "활용규모" }, ticks: { callback: (v) => Number(v).toLocaleString("ko-KR") } },
          y: { title: { display: true, text: "운영유지비(" + unit.name + ")" },
            ticks: { callback: (v) => (Number(v) / unit.size).toLocaleString("ko-KR", { maximumFractionDigits: 1 }) + unit.name } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c) => c.raw.label + ": 활용규모 " + Number(c.raw.x).toLocaleString("ko-KR") +
            ", 운영유지비 " + Number(c.raw.y).toLocaleString("ko-KR") + "원" } },
        },
      },
    });
  }

  const portfolio = document.getElementById("chart-portfolio");
  if (portfolio && data.portfolio.labels.length) {
    new window.Chart(portfolio, {
      type: "bar",
      data: { labels: data.portfolio.labels, datasets: [{ data: data.portfolio.values, backgroundColor: "#4263eb" }] },
      options: {
        scales: { y: { beginAtZero: true, title: { display: true, text: "시스템 수(개)" },
          ticks: { precision: 0, callback: (v) => (Number.isInteger(v) ? v + "개" : "") } } },
        plugins: { legend: { display: false } },
      },
    });
  }
})();
