// Portfolio charts from the page's JSON data block (no inline script: CSP script-src 'self').
(function () {
  const source = document.getElementById("portfolio-data");
  if (!source || !window.Chart) { return; }
  const data = JSON.parse(source.textContent);
  const won = (value) => Number(value).toLocaleString("ko-KR") + "원";
  function draw(id, part, type, money) {
    const canvas = document.getElementById(id);
    if (!canvas) { return; }
    new window.Chart(canvas, {
      type: type,
      data: { labels: part.labels, datasets: [{ data: part.values, backgroundColor: "#4263eb" }] },
      options: {
        indexAxis: type === "bar" && part.labels.length > 6 ? "y" : "x",
        plugins: { legend: { display: false },
                   tooltip: { callbacks: { label: (c) => (money ? won(c.raw) : c.raw + "건") } } },
      },
    });
  }
  draw("chart-kind", data.kind, "bar", true);
  draw("chart-unit", data.unit, "bar", true);
  draw("chart-stage", data.stage, "bar", false);
})();
