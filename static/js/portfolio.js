// Portfolio charts from the page's JSON data block (no inline script: CSP script-src 'self').
// Money in Korean units (억원, or 만원 when every value is below 1억원), counts in whole 건.
(function () {
  "use strict";
  const source = document.getElementById("portfolio-data");
  if (!source || !window.Chart) { return; }
  const data = JSON.parse(source.textContent);
  const EOK = 100000000;
  const MAN = 10000;

  // One unit for a whole axis, chosen by its largest value: 1,250억원 / 3.5억원 / 4,800만원 / 900원.
  function moneyUnit(values) {
    const largest = Math.max(0, ...values.map(Number));
    if (largest >= EOK) { return { size: EOK, name: "억원" }; }
    if (largest >= MAN) { return { size: MAN, name: "만원" }; }
    return { size: 1, name: "원" };
  }

  function inUnit(value, unit) {
    const amount = Number(value) / unit.size;
    return amount.toLocaleString("ko-KR", { maximumFractionDigits: 1 }) + unit.name;
  }

  function won(value) {
    return Number(value).toLocaleString("ko-KR") + "원";
  }

  function draw(id, part, money) {
    const canvas = document.getElementById(id);
    if (!canvas) { return; }
    const horizontal = part.labels.length > 6;
    const unit = money ? moneyUnit(part.values) : null;
    const valueAxis = {
      beginAtZero: true,
      title: { display: true, text: money ? "금액(" + unit.name + ")" : "사업 수(건)" },
      ticks: money
        ? { callback: (value) => inUnit(value, unit) }
        // Whole numbers only: no 2.5건 between 2건 and 3건.
        : { precision: 0, callback: (value) => (Number.isInteger(value) ? value + "건" : "") },
    };
    const scales = horizontal ? { x: valueAxis, y: { ticks: { autoSkip: false } } } : { y: valueAxis };
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: part.labels, datasets: [{ data: part.values, backgroundColor: "#4263eb" }] },
      options: {
        indexAxis: horizontal ? "y" : "x",
        scales: scales,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (context) => (money ? inUnit(context.raw, unit) + " (" + won(context.raw) + ")" : context.raw + "건"),
            },
          },
        },
      },
    });
  }

  draw("chart-kind", data.kind, true);
  draw("chart-unit", data.unit, true);
  draw("chart-stage", data.stage, false);
})();
