// The demand chart: <canvas data-demand-chart="<id of a json_script element>">.
// One horizontal bar per topic, coloured by sector; the table on the page holds the same figures.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof window.Chart === "undefined") return;
  // Okabe–Ito: distinguishable with colour-vision deficiencies.
  const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
  document.querySelectorAll("canvas[data-demand-chart]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.demandChart);
    if (!source) return;
    const data = JSON.parse(source.textContent);
    data.datasets.forEach((dataset, i) => {
      dataset.backgroundColor = palette[i % palette.length];
      dataset.borderWidth = 0;
    });
    canvas.parentElement.style.height = `${Math.max(160, data.labels.length * 30 + 70)}px`;
    new window.Chart(canvas, {
      type: "bar",
      data,
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        skipNull: true,
        scales: {
          x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
          y: { stacked: true },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
  });
});
