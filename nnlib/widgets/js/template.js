// nnlib: formulas and tables with numbers. The kernel sends the HTML once (`template`, with
// empty slots <span data-key="z-1-2"></span>); on a slider move it sends only the texts of
// the slots (`values`) and the classes of marked elements (`classes`, e.g. a dead unit's row),
// and they are updated in place.
function render({ model, el }) {
  el.classList.add("nn-template");
  let slots = new Map();
  let marked = new Map();

  function index(attr) {
    const out = new Map();
    for (const e of el.querySelectorAll(`[${attr}]`)) {
      const k = e.getAttribute(attr);
      if (!out.has(k)) out.set(k, []);
      out.get(k).push(e);
    }
    return out;
  }

  function build() {
    el.innerHTML = model.get("template");
    slots = index("data-key");
    marked = index("data-mark");
    for (const es of marked.values()) for (const e of es) e.dataset.base = e.getAttribute("class") || "";
    values();
    classes();
  }

  function values() {
    const v = model.get("values");
    for (const [k, es] of slots) {
      const t = v[k] ?? "";
      for (const e of es) if (e.textContent !== t) e.textContent = t;
    }
  }

  function classes() {
    const c = model.get("classes");
    for (const [k, es] of marked) {
      for (const e of es) {
        const want = `${e.dataset.base} ${c[k] || ""}`.trim();
        if (e.getAttribute("class") !== want) e.setAttribute("class", want);
      }
    }
  }

  model.on("change:template", build);
  const later = onNextFrame(() => { values(); classes(); });
  model.on("change:values", later);
  model.on("change:classes", later);
  build();
  const unwatch = watchVisibility(model, el);
  return () => {
    unwatch();
    model.off("change:template", build);
    model.off("change:values", later);
    model.off("change:classes", later);
  };
}

export default { render };
