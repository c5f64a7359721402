// nnlib: the controls of a panel (sliders, menus, buttons) as one widget. A learner's move sets
// `values[key]` and sends it; the kernel answers with the texts of the readouts (`readouts`),
// so a readout always shows the value the numbers were computed from, formatted in one place
// (the kernel). A typed value that is not a number, or outside the slider's range, is refused
// here: the slider keeps its value and the kernel is told, to say so in the panel.
function el_(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function parseNumber(text) {
  const t = String(text).trim().replace(/\u2212/g, "-").replace(/,/g, ".");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return NaN;
  return Number(t);
}

function render({ model, el }) {
  el.classList.add("nn-controls");
  let rows = new Map();
  // keys typed or pressed in a control are the control's: JupyterLab's notebook shortcuts
  // (arrows move between cells, "d d" deletes one) must not see them. Running the cell
  // (Shift/Ctrl+Enter) and leaving the control (Escape) still reach the notebook.
  el.addEventListener("keydown", (e) => {
    if (e.key === "Escape" || (e.key === "Enter" && (e.shiftKey || e.ctrlKey || e.metaKey))) return;
    e.stopPropagation();
  });

  function send(key, value) {
    const values = { ...model.get("values"), [key]: value };
    model.set("values", values);
    model.save_changes();
  }

  function refuse(key, text, reason) {
    model.send({ type: "rejected", key, text: String(text), reason });
    sync();
  }

  function sliderRow(item) {
    const row = el_("div", `nn-control nn-slider nn-${item.key}`);
    row.append(el_("span", "nn-label", item.label));
    const range = el_("input", "nn-range");
    range.type = "range";
    const grid = item.options || null;               // a slider over a list of values (η)
    range.min = grid ? 0 : item.min;
    range.max = grid ? grid.length - 1 : item.max;
    range.step = grid ? 1 : item.step;
    range.setAttribute("aria-label", item.label);
    const readout = el_("input", "nn-readout");
    readout.type = "text";
    readout.spellcheck = false;
    readout.setAttribute("aria-label", item.label);
    range.addEventListener("input", () => {
      const v = grid ? grid[Number(range.value)][0] : Number(range.value);
      send(item.key, v);
    });
    const commit = () => {
      const text = readout.value;
      const shown = model.get("readouts")[item.key];
      if (text === shown) return;
      if (grid) {
        const i = grid.findIndex(([v, label]) => label === text.trim() || v === parseNumber(text));
        if (i < 0) return refuse(item.key, text, "choice");
        return send(item.key, grid[i][0]);
      }
      const v = parseNumber(text);
      if (!Number.isFinite(v)) return refuse(item.key, text, "nan");
      if (v < item.min || v > item.max) return refuse(item.key, text, "range");
      send(item.key, v);
    };
    readout.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); readout.blur(); } });
    readout.addEventListener("change", commit);     // Enter (blur) or leaving the field
    row.append(range, readout);
    return { row, item, range, readout, grid };
  }

  function choiceRow(item) {
    const row = el_("div", `nn-control nn-choice nn-${item.key}`);
    row.append(el_("span", "nn-label", item.label));
    const select = el_("select", "nn-select");
    for (const [v, label] of item.options) {
      const o = el_("option", "", label);
      o.value = JSON.stringify(v);
      select.append(o);
    }
    select.addEventListener("change", () => send(item.key, JSON.parse(select.value)));
    row.append(select);
    return { row, item, select };
  }

  function toggleRow(item) {
    const row = el_("div", `nn-control nn-toggle nn-${item.key}`);
    if (item.label) row.append(el_("span", "nn-label", item.label));
    const group = el_("span", "nn-toggles");
    const buttons = item.options.map(([v, label]) => {
      const b = el_("button", "nn-toggle-button", label);
      b.type = "button";
      b.addEventListener("click", () => send(item.key, v));
      group.append(b);
      return [v, b];
    });
    row.append(group);
    return { row, item, buttons };
  }

  function numberRow(item) {
    const row = el_("div", `nn-control nn-number nn-${item.key}`);
    row.append(el_("span", "nn-label", item.label));
    const input = el_("input", "nn-readout nn-int");
    input.type = "text";
    const commit = () => {
      const text = input.value;
      if (text === model.get("readouts")[item.key]) return;
      const v = parseNumber(text);
      if (!Number.isInteger(v)) return refuse(item.key, text, "int");
      if (v < item.min || v > item.max) return refuse(item.key, text, "range");
      send(item.key, v);
    };
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); input.blur(); } });
    input.addEventListener("change", commit);
    row.append(input);
    return { row, item, readout: input };
  }

  function buttonRow(item) {
    const b = el_("button", `nn-button nn-${item.key}${item.primary ? " nn-primary" : ""}`, item.label);
    b.type = "button";
    if (item.title) b.title = item.title;
    b.addEventListener("click", () => model.send({ type: "press", key: item.key }));
    return { row: b, item, button: b };
  }

  const KINDS = { slider: sliderRow, choice: choiceRow, toggle: toggleRow, number: numberRow, button: buttonRow };

  function build() {
    el.replaceChildren();
    rows = new Map();
    const wrap = el_("div", "nn-groups");
    for (const g of model.get("groups")) {
      const box = el_("div", `nn-group${g.row ? " nn-row" : ""}${g.css ? " " + g.css : ""}`);
      if (g.title) box.append(el_("div", "nn-group-title", g.title));
      const body = el_("div", "nn-group-body");
      for (const item of g.items) {
        const r = KINDS[item.kind](item);
        body.append(r.row);
        rows.set(item.key, r);
      }
      box.append(body);
      wrap.append(box);
    }
    el.append(wrap);
    sync();
  }

  function sync() {
    const values = model.get("values"), readouts = model.get("readouts");
    const disabled = new Set(model.get("disabled"));
    for (const [key, r] of rows) {
      const v = values[key];
      const off = disabled.has(key);
      if (r.range) {
        const pos = r.grid ? Math.max(0, r.grid.findIndex(([g]) => g === v)) : v;
        if (Number(r.range.value) !== Number(pos)) r.range.value = pos;
        r.range.disabled = off;
      }
      const text = readouts[key] ?? "";
      if (r.readout && document.activeElement !== r.readout && r.readout.value !== text) r.readout.value = text;
      if (r.readout) r.readout.disabled = off;
      if (r.select) { r.select.value = JSON.stringify(v); r.select.disabled = off; }
      if (r.buttons) for (const [bv, b] of r.buttons) { b.classList.toggle("nn-on", bv === v); b.disabled = off; }
      if (r.button) r.button.disabled = off;
    }
  }

  model.on("change:groups", build);
  model.on("change:values", sync);
  model.on("change:readouts", sync);
  model.on("change:disabled", sync);
  build();
  return () => {
    model.off("change:groups", build);
    model.off("change:values", sync);
    model.off("change:readouts", sync);
    model.off("change:disabled", sync);
  };
}

export default { render };
