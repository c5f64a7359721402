// nnlib: shared by the views (the kernel puts it in front of each view's own ESM: an ESM that
// anywidget loads from a Blob cannot import a neighbour file).
let views = 0;

// Tell the kernel when this view scrolls into or out of sight: a view out of sight is not
// redrawn on every move, only when it comes back.
function watchVisibility(model, el) {
  const id = `${Date.now().toString(36)}-${++views}`;
  if (typeof IntersectionObserver === "undefined") return () => {};
  let last = null;
  const io = new IntersectionObserver((entries) => {
    const on = entries[entries.length - 1].isIntersecting;
    if (on !== last) { last = on; model.send({ event: "visible", visible: on, view: id }); }
  }, { rootMargin: "200px" });
  io.observe(el);
  return () => { io.disconnect(); model.send({ event: "visible", visible: false, view: id }); };
}
