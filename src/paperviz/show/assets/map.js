// paperviz map app: search box, zoom-dependent labels without overlap, selection list,
// click to open a paper. Runs inside the exported HTML, after plotly has drawn the map.
(function () {
  const gd = document.getElementById("pv-map");
  if (!gd || gd.dataset.pvReady) return;
  gd.dataset.pvReady = "1";
  const meta = gd.layout.meta || {};
  // the map's levels, coarse to fine, and the zoom factor from which each one's names show
  const levels = meta.pv_levels || ["area", "subarea"];
  const zooms = meta.pv_zoom || [1, 2.5];
  const full = {x: gd.layout.xaxis.range.slice(), y: gd.layout.yaxis.range.slice()};
  const paperTraces = [];
  gd.data.forEach((t, i) => { if (t.meta === "papers") paperTraces.push(i); });
  const searchTrace = gd.data.findIndex((t) => t.meta === "search");
  // positions as plotly decoded them (gd.data keeps numpy's arrays base64-encoded)
  const positions = (i) => {
    const t = (gd._fullData || []).find((f) => f.index === i) || gd.data[i];
    return [t.x, t.y];
  };

  // --- the toolbar and the selection panel, created here so the HTML stays one file ---
  const bar = document.createElement("div");
  bar.className = "pv-bar";
  bar.innerHTML =
    '<input id="pv-search" type="search" placeholder="Search titles and abstracts…" ' +
    'aria-label="search papers"> <span id="pv-count"></span>' +
    '<span class="pv-hint">Box or lasso select (toolbar, top right) lists papers below.</span>';
  gd.parentNode.insertBefore(bar, gd);
  const panel = document.createElement("div");
  panel.className = "pv-panel";
  panel.innerHTML = '<div><b id="pv-selected-count">No papers selected.</b> ' +
    '<button id="pv-copy" disabled>Copy titles</button> ' +
    '<button id="pv-bib" disabled hidden>Download .bib</button> ' +
    '<button id="pv-ris" disabled hidden>.ris</button></div><ol id="pv-selected"></ol>';
  gd.parentNode.insertBefore(panel, gd.nextSibling);

  // Each point's fields, escaped HTML wrapped with <br> at spaces, by name: the figure lists
  // their order (paperviz.show.mapfigure.HOVER_FIELDS) as meta.pv_fields. F.title is the
  // position of the title in a point's customdata, and so on.
  const F = {};
  (meta.pv_fields || []).forEach((name, i) => { F[name] = i; });
  // The fields were escaped by Python's html.escape, which writes these five entities and
  // no others: undoing exactly them gives the text back and parses no markup, with no DOM
  // element per field (three per paper: three million on a map of a million papers).
  const ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'"};
  const plain = (s) => String(s || "").replace(/<br>/g, " ")
    .replace(/&(?:amp|lt|gt|quot|#x27);/g, (e) => ENTITIES[e]).trim();
  const fields = (i, p) => (gd.data[i].customdata || [])[p] || [];
  // search reads the title, the authors (all of them: a long list is cut in the byline
  // and whole in "people") and the abstract, never the area's name; the
  // texts are gathered at the first search, so a large map is ready to use sooner
  let searchTexts = null;
  const texts = () => searchTexts || (searchTexts = paperTraces.map((i) =>
    (gd.data[i].customdata || []).map((f) =>
      [f[F.title], f[F.byline], f[F.people], f[F.abstract]].map(plain).join(" ")
        .toLowerCase())));
  const titleOf = (i, p) => plain(fields(i, p)[F.title]);

  // --- search: highlight matching papers, show how many ---
  const input = bar.querySelector("#pv-search");
  const count = bar.querySelector("#pv-count");
  function search() {
    const terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    const xs = [], ys = [];
    if (terms.length) {
      paperTraces.forEach((ti, k) => {
        const [tx, ty] = positions(ti);
        texts()[k].forEach((t, p) => {
          if (terms.every((w) => t.includes(w))) { xs.push(tx[p]); ys.push(ty[p]); }
        });
      });
      count.textContent = xs.length + (xs.length === 1 ? " paper matches" : " papers match");
    } else {
      count.textContent = "";
    }
    count.dataset.count = String(xs.length);
    Plotly.restyle(gd, {x: [xs], y: [ys]}, [searchTrace]);
  }
  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 150); });

  // --- labels: the coarsest level's names zoomed out, finer ones zoomed in, never
  // overlapping ---
  let level = (gd.layout.annotations || []).filter((a) => a.visible !== false)
    .map((a) => a.name)[0] || levels[0];
  function zoomFactor() {
    const xr = gd.layout.xaxis.range, yr = gd.layout.yaxis.range;
    return Math.min((full.x[1] - full.x[0]) / Math.abs(xr[1] - xr[0]),
                    (full.y[1] - full.y[0]) / Math.abs(yr[1] - yr[0]));
  }
  function declutter() {
    const kept = [];
    const nodes = gd.querySelectorAll(".annotation");
    nodes.forEach((node) => { node.style.display = ""; });
    // annotations come biggest area first, so bigger areas keep their labels
    nodes.forEach((node) => {
      const box = node.getBoundingClientRect();
      if (!box.width) return;
      const hit = kept.some((b) => !(box.right < b.left || box.left > b.right ||
                                     box.bottom < b.top || box.top > b.bottom));
      if (hit) node.style.display = "none"; else kept.push(box);
    });
  }
  function relabel() {
    const zoom = zoomFactor();
    let want = levels[0];
    levels.forEach((name, i) => { if (zoom >= zooms[i]) want = name; });
    if (want === level) { declutter(); return; }
    level = want;
    const update = {};
    gd.layout.annotations.forEach((a, i) => { update["annotations[" + i + "].visible"] = a.name === level; });
    Plotly.relayout(gd, update);
  }
  gd.on("plotly_relayout", () => setTimeout(relabel, 0));
  gd.on("plotly_afterplot", () => setTimeout(declutter, 0));
  setTimeout(declutter, 0);

  // --- what is shown: the chosen period's papers (the date histogram below) at full
  // strength, the others faint (each point's opacity), and apart from that plotly's own box
  // or lasso selection; the two compose, and the list holds the selection's papers of the
  // period ---
  let period = null;  // per paper trace, the points dated in the chosen period; null: all
  let boxed = null;  // per paper trace, the points in the box or lasso; null: no selection
  const baseOpacity = paperTraces.map((ti) => {
    const o = (gd.data[ti].marker || {}).opacity;  // one for all, or one a point (weak ones)
    return typeof o === "number" || Array.isArray(o) || ArrayBuffer.isView(o) ? o : 1;
  });
  function showPeriod() {
    paperTraces.forEach((ti, k) => {
      const base = baseOpacity[k];
      const of = (p) => (typeof base === "number" ? base : base[p]);
      const value = period ? dates[k].map((d, p) => (period[k].has(p) ? of(p) : of(p) * 0.08))
        : base;
      Plotly.restyle(gd, {"marker.opacity": [value]}, [ti]);
    });
    listSelection();
  }

  // --- selection: list the selected papers (in the period, if one is chosen), copy their
  // titles, download their entries ---
  const list = panel.querySelector("#pv-selected");
  const copy = panel.querySelector("#pv-copy");
  const downloads = [panel.querySelector("#pv-bib"), panel.querySelector("#pv-ris")];
  const label = panel.querySelector("#pv-selected-count");
  let selected = [], selectedIds = [];
  function listSelection() {
    selected = [];
    selectedIds = [];
    if (boxed) {
      paperTraces.forEach((ti, k) => boxed[k].forEach((p) => {
        if (!period || period[k].has(p)) {
          selected.push(titleOf(ti, p));
          selectedIds.push(String((gd.data[ti].ids || [])[p]));
        }
      }));
    }
    list.innerHTML = "";
    selected.slice(0, 500).forEach((t) => { const li = document.createElement("li"); li.textContent = t; list.appendChild(li); });
    label.textContent = selected.length ? selected.length + " papers selected" : "No papers selected.";
    label.dataset.count = String(selected.length);
    copy.disabled = !selected.length;
    downloads.forEach((b) => { b.disabled = !selected.length; });
  }
  gd.on("plotly_selected", (ev) => {
    if (!ev) return;  // plotly's own clearing of a selection
    boxed = paperTraces.map(() => []);
    (ev.points || []).forEach((pt) => {
      const k = paperTraces.indexOf(pt.curveNumber);
      if (k >= 0) boxed[k].push(pt.pointNumber);
    });
    listSelection();
  });
  gd.on("plotly_deselect", () => { boxed = null; listSelection(); });
  copy.addEventListener("click", () => {
    const text = selected.join("\n");
    if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {});
    copy.textContent = "Copied";
    setTimeout(() => { copy.textContent = "Copy titles"; }, 1200);
  });
  // the selected papers' BibTeX or RIS entries (paperviz.export, written with the page and
  // inflated at the first download), as a file: offline, nothing leaves the page
  let cited = null;
  async function citations() {
    if (!cited) {
      const all = JSON.parse(await inflate("pv-cite"));
      const row = new Map(all.ids.map((id, i) => [id, i]));
      cited = {row, bib: all.bib, ris: all.ris};
    }
    return cited;
  }
  if (document.getElementById("pv-cite")) {
    downloads.forEach((button, k) => {
      const kind = k ? "ris" : "bib";
      button.hidden = false;
      button.addEventListener("click", async () => {
        const c = await citations();
        const chosen = selectedIds.filter((id) => c.row.has(id)).map((id) => c[kind][c.row.get(id)]);
        const text = chosen.join(kind === "bib" ? "\n\n" : "\n") + "\n";
        const link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([text], {type: kind === "bib"
          ? "application/x-bibtex" : "application/x-research-info-systems"}));
        link.download = "selection." + kind;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      });
    });
  }

  // --- dates: a histogram under the map; dragging across it shows only that period ---
  const dates = paperTraces.map((i) => (gd.data[i].customdata || []).map((f) => f[F.date] || ""));
  const allDates = [].concat(...dates).filter(Boolean);
  if (allDates.length) {
    const hist = document.createElement("div");
    hist.id = "pv-dates";
    const note = document.createElement("div");
    note.className = "pv-date-note";
    note.innerHTML = '<span id="pv-date-count">Drag across the dates to show one period; ' +
      "double-click to show all.</span>";
    panel.parentNode.insertBefore(note, panel);
    panel.parentNode.insertBefore(hist, note);
    Plotly.newPlot(hist, [{type: "histogram", x: allDates, marker: {color: "#8c8c8c"},
                           hovertemplate: "%{x}: %{y} papers<extra></extra>"}],
                   {height: 150, margin: {l: 45, r: 15, t: 8, b: 30}, dragmode: "select",
                    selectdirection: "h", bargap: 0.05, yaxis: {fixedrange: true},
                    xaxis: {type: "date"}, template: gd.layout.template},
                   {displayModeBar: false, responsive: true});
    const shown = note.querySelector("#pv-date-count");
    const filterDates = (lo, hi) => {
      let n = 0;
      period = lo === null ? null : dates.map((ds) => {
        const keep = new Set();
        ds.forEach((d, p) => { if (d && d >= lo && d <= hi) keep.add(p); });
        n += keep.size;
        return keep;
      });
      showPeriod();
      shown.dataset.count = lo === null ? "" : String(n);
      shown.textContent = lo === null
        ? "Drag across the dates to show one period; double-click to show all."
        : n + " papers from " + lo + " to " + hi + " (double-click the dates to show all)";
    };
    hist.on("plotly_selected", (ev) => {
      const range = ev && ev.range && ev.range.x;
      if (range) filterDates(String(range[0]).slice(0, 10), String(range[1]).slice(0, 10));
    });
    hist.on("plotly_deselect", () => filterDates(null, null));
  }

  // --- click: open the paper's page when the corpus has a URL ---
  gd.on("plotly_click", (ev) => {
    const pt = ev && ev.points && ev.points[0];
    const url = pt && pt.customdata && pt.customdata[F.url];
    if (typeof url === "string" && /^https?:\/\//.test(url)) window.open(url, "_blank", "noopener");
  });
  window.__pvReadyAt = performance.now();  // drawn and wired: what benchmarks/map.py times
})();
