// nnlib: a picture drawn in the browser from shapes the kernel sends once (`shapes`), whose
// attributes and texts change on every slider move (`updates`, a few hundred numbers as
// strings). The kernel decides every number, colour and width; this file only draws.
const NS = "http://www.w3.org/2000/svg";
const RESERVED = new Set(["tag", "id", "parent", "text", "lines", "title", "click"]);

function setLines(el, lines) {
  // multi-line text: one <tspan> per line, the block centred on the text's y; the tspans are
  // kept from one update to the next and only their texts change
  const x = el.getAttribute("x");
  if (el.childElementCount !== lines.length || el.firstChild?.nodeName !== "tspan") {
    el.replaceChildren();
    lines.forEach((_, i) => {
      const t = document.createElementNS(NS, "tspan");
      t.setAttribute("x", x);
      t.setAttribute("dy", i === 0 ? `${(-(lines.length - 1) / 2) * 1.2 + 0.35}em` : "1.2em");
      el.appendChild(t);
    });
  }
  lines.forEach((line, i) => {
    const t = el.children[i];
    if (t.textContent !== line) t.textContent = line;
  });
}

function setTitle(el, text) {
  let t = el.querySelector(":scope > title");
  if (!t) { t = document.createElementNS(NS, "title"); el.appendChild(t); }
  t.textContent = text;
}

function apply(el, spec) {
  for (const [k, v] of Object.entries(spec)) {
    if (k === "text") { if (el.textContent !== v) el.textContent = v; }
    else if (k === "lines") setLines(el, v);
    else if (k === "title") setTitle(el, v);
    else if (RESERVED.has(k)) continue;
    else if (v === null) el.removeAttribute(k);
    else if (el.getAttribute(k) !== String(v)) el.setAttribute(k, v);
  }
}

function render({ model, el }) {
  el.classList.add("nn-scene");
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "nn-svg");
  svg.setAttribute("role", "img");
  el.appendChild(svg);
  let byId = new Map();

  function draw() {
    const w = model.get("width"), h = model.get("height");
    svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
    svg.style.width = "100%";
    svg.style.maxWidth = `${w}px`;
    svg.replaceChildren();
    byId = new Map();
    for (const s of model.get("shapes")) {
      const e = document.createElementNS(NS, s.tag);
      apply(e, s);
      if (s.lines) setLines(e, s.lines);
      if (s.title) setTitle(e, s.title);
      if (s.click) {
        e.style.cursor = "pointer";
        e.addEventListener("click", () => model.send({ event: "click", id: s.click }));
      }
      (s.parent ? byId.get(s.parent) || svg : svg).appendChild(e);
      if (s.id) { byId.set(s.id, e); e.setAttribute("data-id", s.id); }   // for tests
    }
    update();
  }

  function update() {
    for (const [id, spec] of Object.entries(model.get("updates"))) {
      const e = byId.get(id);
      if (e) apply(e, spec);
    }
  }

  model.on("change:shapes", draw);
  model.on("change:width", draw);
  model.on("change:height", draw);
  const later = onNextFrame(update);
  model.on("change:updates", later);
  draw();
  const unwatch = watchVisibility(model, el);
  return () => {
    unwatch();
    model.off("change:shapes", draw);
    model.off("change:width", draw);
    model.off("change:height", draw);
    model.off("change:updates", later);
  };
}

export default { render };
