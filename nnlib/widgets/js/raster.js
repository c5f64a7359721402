// nnlib: pictures of values over a plane, drawn from bytes. The kernel sends `pixels` (one
// uint8 per cell of every tile, row by row from the top), the `palette` (256 RGB colours) and
// the `tiles` (where each tile goes and how many cells it has); the points (float32 u, v,
// colour byte, kind) are drawn over tile 0. This file only draws: every value was computed and
// quantised by the kernel. Each tile is a small canvas of one pixel per cell, scaled up by the
// browser (pixelated); the frames, captions and points are an overlay drawn only when they
// change, so a new frame costs a few thousand bytes put into the small canvases. After drawing
// a frame it tells the kernel (`drawn`, a few times a second), so a playing widget never sends
// more frames than the browser draws; a click on a point sends the point's index.
const ACK_MS = 250;

// a Bytes trait arrives as a DataView (live) or another view of a buffer (saved state)
function bytesOf(v) {
  if (!v) return new Uint8Array(0);
  if (v instanceof DataView) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v === "string") {
    const s = atob(v), out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  return new Uint8Array(0);
}

function pointsOf(v) {
  const b = bytesOf(v);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = [];
  for (let o = 0; o + 16 <= b.byteLength; o += 16) {
    out.push([dv.getFloat32(o, true), dv.getFloat32(o + 4, true), dv.getFloat32(o + 8, true),
              dv.getFloat32(o + 12, true)]);
  }
  return out;
}

function colour(pal, byte) {
  const c = Math.max(0, Math.min(255, Math.round(byte))) * 3;
  return `rgb(${pal[c]},${pal[c + 1]},${pal[c + 2]})`;
}

function render({ model, el }) {
  el.classList.add("nn-raster");
  el.style.contain = "layout paint";
  const box = document.createElement("div");          // W × H, shrinks to fit the page
  box.className = "nn-raster-box";
  box.style.position = "relative";
  box.style.width = "100%";
  el.appendChild(box);
  const overlay = document.createElement("canvas");   // frames, captions, points
  overlay.className = "nn-raster-canvas";
  Object.assign(overlay.style, { position: "absolute", left: "0", top: "0", width: "100%",
                                 height: "100%", zIndex: "1" });
  box.appendChild(overlay);
  let canvases = [], layoutKey = null, overlayKey = null, pending = false, frames = 0;
  let points = pointsOf(model.get("points"));

  function layout(W, H, tiles) {
    // one canvas per tile, one pixel per cell, placed and scaled by the browser
    const key = `${W}x${H}:${JSON.stringify(tiles)}`;
    if (key === layoutKey) return;
    layoutKey = key;
    box.style.maxWidth = `${W}px`;
    box.style.aspectRatio = `${W} / ${H}`;
    for (const c of canvases) c.remove();
    canvases = tiles.map((t) => {
      const c = document.createElement("canvas");
      c.width = t.nx;
      c.height = t.ny;
      Object.assign(c.style, { position: "absolute", left: `${(100 * t.x) / W}%`,
                               top: `${(100 * t.y) / H}%`, width: `${(100 * t.w) / W}%`,
                               height: `${(100 * t.h) / H}%`, imageRendering: "pixelated" });
      box.insertBefore(c, overlay);
      return c;
    });
    overlayKey = null;
  }

  function drawOverlay(W, H, tiles, pal) {
    const dpr = window.devicePixelRatio || 1;
    const key = `${W}x${H}x${dpr}:${layoutKey}:${model.get("selected")}:${points.length}`;
    if (key === overlayKey) return;
    overlayKey = key;
    overlay.width = Math.round(W * dpr);
    overlay.height = Math.round(H * dpr);
    const ctx = overlay.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = '11px "Noto Sans", "DejaVu Sans", sans-serif';
    ctx.textAlign = "center";
    for (const t of tiles) {
      ctx.strokeStyle = "#9e9e9e";
      ctx.lineWidth = 1;
      ctx.strokeRect(t.x + 0.5, t.y + 0.5, t.w - 1, t.h - 1);
      ctx.fillStyle = "#424242";
      if (t.caption) ctx.fillText(t.caption, t.x + t.w / 2, t.y + t.h + 12);
      if (t.title) ctx.fillText(t.title, t.x + t.w / 2, t.y - 5);
    }
    const t0 = tiles[0];
    if (!t0) return;
    const r = model.get("point_radius");
    for (const [u, v, c, kind] of points) {
      if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1)) continue;     // outside the plane
      ctx.beginPath();
      ctx.arc(t0.x + u * t0.w, t0.y + (1 - v) * t0.h, r, 0, 2 * Math.PI);
      ctx.fillStyle = colour(pal, c);
      ctx.fill();
      ctx.lineWidth = kind ? 1.6 : 1.1;
      ctx.strokeStyle = kind ? "#212121" : "#ffffff";
      ctx.stroke();
    }
    const s = model.get("selected");
    if (s >= 0 && s < points.length) {
      const [u, v] = points[s];
      ctx.beginPath();
      ctx.arc(t0.x + u * t0.w, t0.y + (1 - v) * t0.h, r + 4, 0, 2 * Math.PI);
      ctx.lineWidth = 2.2;
      ctx.strokeStyle = "#0D47A1";
      ctx.stroke();
    }
  }

  function draw() {
    pending = false;
    const W = model.get("width"), H = model.get("height"), tiles = model.get("tiles");
    const pix = bytesOf(model.get("pixels")), pal = bytesOf(model.get("palette"));
    layout(W, H, tiles);
    drawOverlay(W, H, tiles, pal);
    let off = 0, drew = false;
    tiles.forEach((t, i) => {
      const n = t.nx * t.ny;
      if (n > 0 && off + n <= pix.length && pal.length >= 768) {
        const ctx = canvases[i].getContext("2d");
        const img = ctx.createImageData(t.nx, t.ny);
        const d = img.data;
        for (let k = 0; k < n; k++) {
          const c = pix[off + k] * 3;
          d[4 * k] = pal[c];
          d[4 * k + 1] = pal[c + 1];
          d[4 * k + 2] = pal[c + 2];
          d[4 * k + 3] = 255;
        }
        ctx.putImageData(img, 0, 0);
        drew = true;
      }
      off += n;
    });
    if (drew) {
      el.setAttribute("data-drawn", "1");                        // for the tests' blank check
      frames += 1;
      el.setAttribute("data-frames", String(frames));            // frames drawn (frames/s)
      acknowledge();
    }
  }

  // Tell the kernel which frame is drawn, at most every ACK_MS: every message to the kernel
  // makes it busy and idle again, and the page redraws its kernel indicators for each, so a
  // playing widget is acknowledged a few times a second (always with the latest frame).
  let lastAck = 0, ackTimer = null;
  function acknowledge() {
    const wait = lastAck + ACK_MS - performance.now();
    if (wait <= 0) {
      lastAck = performance.now();
      send(model, { event: "drawn", frame: model.get("frame") });
    } else if (ackTimer === null) {
      ackTimer = setTimeout(() => { ackTimer = null; acknowledge(); }, wait);
    }
  }

  function schedule() {
    if (!pending) { pending = true; requestAnimationFrame(draw); }
  }
  function newPoints() { points = pointsOf(model.get("points")); overlayKey = null; schedule(); }
  function newLook() { overlayKey = null; schedule(); }

  function onClick(e) {
    const t0 = model.get("tiles")[0];
    if (!t0 || !points.length) return;
    const b = overlay.getBoundingClientRect();
    const k = model.get("width") / b.width;
    const x = (e.clientX - b.left) * k, y = (e.clientY - b.top) * k;
    let best = -1, bestD = (model.get("point_radius") + 5) ** 2;
    points.forEach(([u, v], i) => {
      const d = (t0.x + u * t0.w - x) ** 2 + (t0.y + (1 - v) * t0.h - y) ** 2;
      if (d <= bestD) { best = i; bestD = d; }
    });
    if (best >= 0) send(model, { event: "click", index: best });
  }

  overlay.addEventListener("click", onClick);
  const events = ["change:pixels", "change:tiles", "change:width", "change:height",
                  "change:frame"];
  const looks = ["change:selected", "change:palette", "change:point_radius"];
  for (const ev of events) model.on(ev, schedule);
  for (const ev of looks) model.on(ev, newLook);
  model.on("change:points", newPoints);
  schedule();
  const unwatch = watchVisibility(model, el);
  return () => {
    unwatch();
    if (ackTimer !== null) clearTimeout(ackTimer);
    overlay.removeEventListener("click", onClick);
    for (const ev of events) model.off(ev, schedule);
    for (const ev of looks) model.off(ev, newLook);
    model.off("change:points", newPoints);
  };
}

export default { render };
