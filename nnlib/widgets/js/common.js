// nnlib: shared by the views (the kernel puts it in front of each view's own ESM: an ESM that
// anywidget loads from a Blob cannot import a neighbour file).
let views = 0;

// A message to the kernel; a saved picture (no kernel yet) has no one to tell.
function send(model, msg) {
  try { model.send(msg); } catch (e) { /* no kernel */ }
}

// Run `fn` once, just before the browser's next paint, however many times this is called
// before it: a frame's several messages (the diagram's, the tables', the status line's) change
// the page once, so it is laid out and painted once a frame, not once a message.
function onNextFrame(fn) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; fn(); });
  };
}

// Tell the kernel when this view scrolls into or out of sight: a view out of sight is not
// redrawn on every move, only when it comes back.
function watchVisibility(model, el) {
  const id = `${Date.now().toString(36)}-${++views}`;
  if (typeof IntersectionObserver === "undefined") return () => {};
  let last = null;
  const io = new IntersectionObserver((entries) => {
    const on = entries[entries.length - 1].isIntersecting;
    if (on !== last) { last = on; send(model, { event: "visible", visible: on, view: id }); }
  }, { rootMargin: "200px" });
  io.observe(el);
  return () => { io.disconnect(); send(model, { event: "visible", visible: false, view: id }); };
}
