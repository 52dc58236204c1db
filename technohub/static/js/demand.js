// The demand chart: <figure hidden><canvas data-demand-chart="<id of a json_script element>">.
// One horizontal bar per topic, coloured by sector; the table on the page holds the same
// figures, so without JavaScript (or Chart.js) the figure simply stays hidden.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof window.Chart === "undefined") return;
  // Okabe–Ito: distinguishable with colour-vision deficiencies.
  const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
  // Long topic names break into lines instead of squeezing the bars on a phone.
  const wrap = (label, width) => {
    const lines = [];
    label.split(" ").forEach((word) => {
      const last = lines.length - 1;
      if (last >= 0 && lines[last].length + word.length < width) lines[last] += ` ${word}`;
      else lines.push(word);
    });
    return lines;
  };
  document.querySelectorAll("canvas[data-demand-chart]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.demandChart);
    const figure = canvas.closest("figure");
    if (!source || !figure) return;
    const data = JSON.parse(source.textContent);
    figure.hidden = false;
    const narrow = figure.clientWidth < 560;
    const width = narrow ? 16 : 40;
    data.labels = data.labels.map((label) => wrap(label, width));
    data.datasets.forEach((dataset, i) => {
      dataset.backgroundColor = palette[i % palette.length];
      dataset.borderWidth = 0;
    });
    const lines = data.labels.reduce((sum, label) => sum + label.length, 0);
    canvas.parentElement.style.height = `${Math.max(160, lines * 16 + data.labels.length * 10 + 90)}px`;
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
          y: { stacked: true, ticks: { autoSkip: false, color: "#1f2933", font: { size: 13 } } },
        },
        plugins: {
          legend: { position: "bottom", labels: { color: "#1f2933", boxWidth: 14 } },
        },
      },
    });
  });
});
