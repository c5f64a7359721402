"""Notebook 06's playground, headless: its core (data, CSV checks, the trainer, nnlib.io) and
its widget (the synced state holds nnlib's numbers; the play loop, driven with asyncio here as
the kernel's event loop drives it, advances and stops; bad input is said and loses nothing)."""
from __future__ import annotations

import asyncio
import json
import threading

import numpy as np
import pytest

import nnlib
from nnlib import playground as P
from nnlib.i18n import tr
from nnlib.io import load_network, network_from_dict, network_to_dict, save_network

ARCH = P.Architecture(hidden=(4,), activations=("tanh",))        # 2 → 4 → 1, tanh, sigmoid


def trainer(name="xor", arch=ARCH, eta=0.5, batch_size=10, seed=0, noise=0.0):
    split = P.make(name, noise=noise, seed=seed).split(0.2, seed=seed)
    return P.Trainer(P.build(arch, seed=seed), split, eta=eta, batch_size=batch_size, seed=seed)


def params(net):
    return [(W.copy(), b.copy()) for W, b in net.params()]


def same_params(a, b):
    return all(np.array_equal(Wa, Wb) and np.array_equal(ba, bb)
               for (Wa, ba), (Wb, bb) in zip(a.params(), b.params()))


# --- data ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", P.SETS)
def test_the_built_in_sets_are_columns_seeded_and_split(name):
    d = P.make(name, n=250, noise=0.1, seed=3)
    assert d.X.shape == (2, 250) and d.y.shape == (250,)
    assert np.array_equal(d.X, P.make(name, n=250, noise=0.1, seed=3).X)     # seeded
    assert not np.array_equal(d.X, P.make(name, n=250, noise=0.1, seed=4).X)
    if d.regression:
        assert ((d.y > 0) & (d.y <= 1)).all()
    else:
        assert set(np.unique(d.y)) == {0.0, 1.0}
    s = d.split(0.2, seed=3)
    assert (s.n_train, s.n_test) == (200, 50)
    both = np.hstack([s.X_train, s.X_test])
    assert sorted(map(tuple, both.T)) == sorted(map(tuple, d.X.T))         # a partition


def test_the_sample_csvs_are_found_from_anywhere_and_load():
    paths = P.samples()
    assert {"moons", "moons_with_nan"} <= set(paths)
    d = P.load_csv(P.sample("moons"))
    assert d.X.shape == (2, 200) and set(np.unique(d.y)) == {0.0, 1.0}
    lo, hi = d.extent
    assert lo < d.X.min() and d.X.max() < hi


def csv_file(tmp_path, text, name="data.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


GOOD = "x1,x2,label\n0.5,1.0,0\n-1.0,2.0,1\n1.5,-0.5,1\n"


def test_a_csv_with_chosen_columns_and_other_labels(tmp_path):
    d = P.load_csv(csv_file(tmp_path, "a;u;v;c\n9;0.5;1.0;-1\n9;-1.0;2.0;1\n9;1.5;-0.5;1\n"),
                   columns=("u", "v", "c"))
    assert np.array_equal(d.X, [[0.5, -1.0, 1.5], [1.0, 2.0, -0.5]])
    assert np.array_equal(d.y, [0, 1, 1]) and d.classes == (-1.0, 1.0)      # −1 → 0, 1 → 1
    d2 = P.load_csv(csv_file(tmp_path, GOOD).read_bytes(), columns=(0, 1, 2))   # an upload
    assert np.array_equal(d2.X, [[0.5, -1.0, 1.5], [1.0, 2.0, -0.5]])


BAD_CSV = {
    # case: (file text, message key, fields, an English fragment)
    "missing column": ("x1,x2,class\n1,2,0\n3,4,1\n", "pg.csv.no_column",
                       {"col": "label", "have": "x1, x2, class"}, "no column “label”"),
    "non-numeric": ("x1,x2,label\n1,2,0\n3,abc,1\n", "pg.csv.not_number",
                    {"line": 3, "col": "x2", "cell": "abc"}, "“abc” in column “x2” is not a number"),
    "NaN": ("x1,x2,label\n1,2,0\nnan,4,1\n", "pg.csv.not_finite",
            {"line": 3, "col": "x1", "cell": "nan"}, "column “x1” is nan"),
    "empty cell": ("x1,x2,label\n1,2,0\n3,,1\n", "pg.csv.empty_cell",
                   {"line": 3, "col": "x2"}, "column “x2” is empty"),
    "no rows": ("x1,x2,label\n", "pg.csv.no_rows", {}, "has its header but no rows"),
    "one class": ("x1,x2,label\n1,2,1\n3,4,1\n", "pg.csv.one_class",
                  {"col": "label", "values": "1", "k": 1}, "one value only"),
    "three classes": ("x1,x2,label\n1,2,0\n3,4,1\n5,6,2\n", "pg.csv.classes",
                      {"col": "label", "values": "0, 1, 2", "k": 3}, "takes 3 different values"),
    "too many rows": ("x1,x2,label\n" + "1,2,0\n3,4,1\n" * (P.MAX_ROWS // 2 + 1),
                      "pg.csv.too_many", {"n": P.MAX_ROWS + 2, "hi": P.MAX_ROWS},
                      f"the playground takes at most {P.MAX_ROWS}"),
    "empty file": ("", "pg.csv.empty", {}, "is empty"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", sorted(BAD_CSV))
def test_every_bad_csv_gets_its_own_message(tmp_path, case, lang):
    nnlib.set_language(lang)
    text, key, fields, fragment = BAD_CSV[case]
    path = csv_file(tmp_path, text)
    with pytest.raises(ValueError) as err:
        P.load_csv(path)
    assert str(err.value) == tr(key, name=str(path), **fields)
    assert "\n" not in str(err.value)
    if lang == "en":
        assert fragment in str(err.value)


def test_a_csv_that_is_no_file_or_no_text(tmp_path, english):
    with pytest.raises(ValueError, match="there is no file nowhere.csv"):
        P.load_csv("nowhere.csv")
    with pytest.raises(ValueError, match="is not UTF-8 text"):
        P.load_csv(b"\xff\xfe\x00\x81\x82")
    with pytest.raises(ValueError, match="type the path of a CSV file first"):
        P.load_csv("  ")


# --- the network and its training ------------------------------------------------------------

def test_the_builder_makes_seeded_networks_and_refuses_nonsense(english):
    net = P.build(P.Architecture((8, 8, 8, 8), ("relu", "tanh", "sigmoid", "identity")), seed=1)
    assert net.sizes == [2, 8, 8, 8, 8, 1]
    assert net.activations == ["relu", "tanh", "sigmoid", "identity", "sigmoid"]
    assert net == P.build(P.Architecture((8, 8, 8, 8), ("relu", "tanh", "sigmoid", "identity")),
                          seed=1)
    soft = P.build(P.Architecture((), (), "softmax", "sum"))
    assert soft.sizes == [2, 2] and soft.loss.name == "cross_entropy"
    for bad, msg in [(dict(hidden=(4,) * 5, activations=("tanh",) * 5), "at most 4"),
                     (dict(hidden=(9,), activations=("tanh",)), "from 1 to 8"),
                     (dict(hidden=(0,), activations=("tanh",)), "from 1 to 8"),
                     (dict(hidden=(4,), activations=("softmax",)), "unknown activation"),
                     (dict(hidden=(4,), activations=()), "need 1 activations")]:
        with pytest.raises(ValueError, match=msg):
            P.Architecture(**bad)


def test_xor_2_4_1_tanh_learns_from_a_fixed_seed():
    """XOR with one hidden layer of 4 tanh units, seed 0, η = 0.5, batch 10, mean: the mean
    loss per training point falls from its start (≈ 0.14) below 0.02 within 50 epochs."""
    t = trainer("xor")
    start = t.history["train"][0]
    t.run(50)
    assert t.epoch == 50 and t.steps == 50 * 20
    assert start > 0.1 and t.history["train"][-1] < 0.02 and t.history["test"][-1] < 0.05


def test_circle_learns_and_xor_without_a_hidden_layer_does_not():
    """circle, 2 → 4 → 1 tanh, seed 0, η = 0.5: mean loss per point below 0.02 within 100
    epochs. XOR with no hidden layer (one line): it stays above 0.1 after 50 epochs."""
    t = trainer("circle")
    t.run(100)
    assert t.history["train"][-1] < 0.02
    flat = trainer("xor", P.Architecture((), ()))
    flat.run(50)
    assert flat.history["train"][-1] > 0.1


def test_an_epoch_is_every_training_point_once_in_batches():
    t = trainer("gauss", batch_size=30)            # 200 points: 6 batches of 30 and one of 20
    t.step()
    assert t.position == 30 and t.epoch == 0 and t.last[0].a.shape == (2, 30)
    t.run_epoch()
    assert t.epoch == 1 and t.steps == 7 and t.last[0].a.shape == (2, 20)
    assert len(t.history["train"]) == 2            # at the start, after epoch 1


def test_the_last_step_is_nnlibs_trace_and_update():
    t = trainer("xor")
    before = t.net
    trace = t.step()
    idx = t._order[:10]
    X, Y = t.split.X_train[:, idx], t.Y_train[:, idx]
    want = before.trace(X, Y)
    for l in range(1, want.L + 1):
        assert np.array_equal(trace[l].delta, want[l].delta)
        assert np.array_equal(trace[l].dW, want[l].dW)
    assert t.net == nnlib.gradient_descent_step(before, want, 0.5)


def test_replay_from_the_same_start_gives_bit_identical_weights():
    t = trainer("spiral", P.Architecture((6, 6), ("tanh", "relu")), batch_size=5)
    t.run(3)
    for _ in range(7):
        t.step()
    first, losses = t.net, list(t.history["train"])
    t.replay()
    assert same_params(t.net, first) and t.history["train"] == losses
    again = trainer("spiral", P.Architecture((6, 6), ("tanh", "relu")), batch_size=5)
    for _ in range(t.steps):
        again.step()
    assert same_params(again.net, first)


def test_divergence_keeps_the_last_finite_network_and_says_so(english):
    """Softmax + cross-entropy through two identity layers (a linear map: δᴸ = a − y does not
    vanish on XOR's misclassified points) with η = 5: the weights overflow within 20 steps."""
    t = trainer("xor", P.Architecture((8, 8), ("identity", "identity"), "softmax"), eta=5.0)
    kept = None
    with pytest.raises(nnlib.DivergenceError) as err:
        for _ in range(20):
            kept = t.net
            t.step()
    assert t.net is kept and all(np.isfinite(W).all() for W, _ in t.net.params())
    assert str(err.value).startswith("η = 5 is too large") and "Paused" in str(err.value)


# --- nnlib.io ---------------------------------------------------------------------------------

def grid(n=50):
    g = np.linspace(-3, 3, n)
    return np.vstack([np.repeat(g, n), np.tile(g, n)])


def test_the_json_round_trip_is_exact(tmp_path):
    t = trainer("circle", P.Architecture((5, 3), ("relu", "tanh"), "softmax", "sum"), eta=0.1)
    t.run(3)
    net = t.net
    path = save_network(net, tmp_path / "net.json", meta={"epoch": t.epoch})
    back = load_network(path, like=net)
    assert back == net and same_params(back, net)
    assert np.array_equal(back.forward(grid()), net.forward(grid()))       # == , not close
    d = json.loads(path.read_text())
    assert d["format"] == "nnlib.network" and d["version"] == 1 and d["meta"] == {"epoch": 3}
    assert d["sizes"] == [2, 5, 3, 2] and network_to_dict(back, {"epoch": 3}) == d


def bad_json_cases(net):
    good = network_to_dict(net)
    other = network_to_dict(P.build(P.Architecture((8,), ("tanh",))))
    return {
        "another format": ({**good, "format": "keras"}, "io.format",
                           {"want": "nnlib.network", "got": "'keras'"}, "not an nnlib network"),
        "another version": ({**good, "version": 2}, "io.version", {"got": "2", "want": 1},
                            "schema version is 2"),
        "another shape": (other, "io.other_shape",
                          {"got": "2 → 8 → 1 (tanh, sigmoid; squared_error)",
                           "want": "2 → 4 → 1 (tanh, sigmoid; squared_error)"}, "another shape"),
        "a layer without W": ({**good, "layers": [{"b": [0.0], "activation": "tanh"}]},
                              "io.layer", {"l": 1, "field": "W"}, "lacks W"),
        "sizes that lie": ({**good, "sizes": [2, 3, 1]}, "io.sizes",
                           {"said": "2 → 3 → 1", "found": "2 → 4 → 1"}, "says sizes"),
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_bad_json_gets_its_own_message(tmp_path, lang):
    nnlib.set_language(lang)
    net = P.build(ARCH)
    for case, (d, key, fields, fragment) in bad_json_cases(net).items():
        with pytest.raises(ValueError) as err:
            network_from_dict(d, like=net)
        assert str(err.value) == tr(key, **fields), case
        if lang == "en":
            assert fragment in str(err.value), case
    (tmp_path / "broken.json").write_text('{"format": "nnlib.network", ')
    with pytest.raises(ValueError) as err:
        load_network(tmp_path / "broken.json")
    assert str(err.value) == tr("io.not_json", path=str(tmp_path / "broken.json"), line=1, col=29)


# --- the raster view ----------------------------------------------------------------------------

def test_quantise_and_the_palette():
    from nnlib.widgets import PALETTE, quantise
    assert quantise([0.0, 0.5, 1.0, 2.0, -1.0, np.nan], 0.0, 1.0) == bytes([0, 128, 255, 255, 0,
                                                                            128])
    assert len(PALETTE) == 768 and PALETTE[128 * 3:129 * 3] == bytes([250, 250, 250])


def test_the_raster_view_says_clicks_and_frames_drawn():
    from nnlib.widgets import RasterView, tile
    v = RasterView(100, 100)
    v.layout_tiles([tile(0, 0, 100, 100, 2, 2)])
    v.show(bytes([0, 64, 128, 255]))
    v.set_points([0.25], [0.75], [255], [0])
    assert v.frame == 1 and len(v.points) == 16
    clicks, drawn = [], []
    v.on_click(clicks.append)
    v.on_drawn(drawn.append)
    v.receive({"event": "click", "index": 0})
    v.receive({"event": "drawn", "frame": 1})
    assert clicks == [0] and drawn == [1] and v.drawn_frame == 1


# --- the widget ---------------------------------------------------------------------------------

def press(pg, key):
    pg.controls.receive({"type": "press", "key": key})


def move(pg, **values):
    """A learner's change in the browser."""
    pg.controls.set_state({"values": {**pg.controls.values, **values}})


def playground(**kw):
    from nnlib.lessons.playground import Playground
    return Playground(**kw)


def check_views(pg):
    """Every picture and number of the widget is nnlib's for the current network."""
    from nnlib.lessons import playground as L
    from nnlib.widgets import quantise
    net = pg.trainer.net
    G = L.grid_points(pg.extent, L.GRID)
    boundary = quantise(P.probability(net, G), 0.0, 1.0)          # tile 0: 50 × 50 bytes
    outs = P.layer_outputs(net, L.grid_points(pg.extent, L.TILE))
    scales = L.unit_scales(net, outs)
    units = b"".join(quantise(a, lo, hi) for a, (lo, hi) in zip(outs, scales))
    assert pg.boundary.pixels == boundary + units                  # then 25 × 25 per unit
    assert len(pg.boundary.tiles) == 1 + sum(net.sizes[1:])
    assert [(t["nx"], t["ny"]) for t in pg.boundary.tiles] == \
        [(L.GRID, L.GRID)] + [(L.TILE, L.TILE)] * sum(net.sizes[1:])
    E_train, E_test = pg.trainer.losses()
    assert pg.status.values["pg-train"] == nnlib.fmt.num(E_train, 4)
    assert pg.status.values["pg-epoch"] == str(pg.trainer.epoch)
    up = pg.diagram.updates
    mode = pg.controls.values["edges"]
    for l in range(1, net.L + 1):
        W = net.layers[l - 1].W
        for i in range(W.shape[0]):
            last = pg.trainer.last                      # None before the first step: 0
            want = (0.0 if last is None else last[l].db[i]) if mode == "dW" \
                else net.layers[l - 1].b[i]
            assert up[f"t-{l}-{i + 1}"]["text"] == nnlib.fmt.num(want, 3 if mode == "dW" else 2)
            assert f"W{nnlib.fmt.sym('', l, i + 1, 1)} = {nnlib.fmt.num(W[i, 0])}" in \
                up[f"e-{l}-{i + 1}-1"]["title"]
    shown = pg.panel.start_net                          # the point panel: this network, to
    assert all(np.array_equal(Ws, np.round(W, 4)) and np.array_equal(bs, np.round(b, 4))
               for (Ws, bs), (W, b) in zip(shown.params(), net.params()))   # 4 decimals


def test_the_widget_shows_nnlibs_numbers_before_and_after_training():
    pg = playground()
    assert pg.message.text == "" and not pg.playing and pg._task is None   # nothing plays
    check_views(pg)
    press(pg, "pg-step")
    assert pg.trainer.steps == 1
    move(pg, edges="dW")
    check_views(pg)
    press(pg, "pg-epoch")
    assert pg.trainer.epoch == 1 and pg.trainer.steps == 20
    check_views(pg)
    move(pg, layers=2, **{"units-2": 3, "f-2": "relu"})
    assert pg.trainer.net.sizes == [2, 4, 3, 1] and pg.trainer.epoch == 0
    check_views(pg)
    assert pg.status.values["pg-dead"].endswith("/ 3")


def test_changing_eta_batch_and_sum_keep_the_network_and_apply_from_the_next_step():
    pg = playground()
    press(pg, "pg-epoch")
    net = pg.trainer.net
    move(pg, eta=2.0, batch=50, reduction="sum")
    assert pg.trainer.eta == 2.0 and pg.trainer.batch_size == 50
    assert same_params(pg.trainer.net, net) and pg.trainer.net.reduction == "sum"
    assert pg.trainer.epoch == 1
    press(pg, "pg-epoch")
    assert pg.trainer.steps == 20 + 4


def test_reset_and_replay_from_the_buttons():
    pg = playground(data="xor")
    start = pg.trainer.net
    for _ in range(3):
        press(pg, "pg-epoch")
    after = pg.trainer.net
    press(pg, "pg-replay")
    assert same_params(pg.trainer.net, after) and pg.trainer.epoch == 3
    press(pg, "pg-reset")
    assert pg.trainer.net is start and pg.trainer.epoch == 0
    check_views(pg)


def test_a_click_on_a_point_shows_its_forward_and_backward_pass():
    pg = playground(data="gauss")
    press(pg, "pg-epoch")
    pg.boundary.receive({"event": "click", "index": 7})
    X, y = pg.points()
    net, x, target = pg.panel.current()
    assert net.sizes == pg.trainer.net.sizes and np.array_equal(x, np.round(X[:, 7], 4))
    assert target[0] == y[7]
    for (Wp, bp), (W, b) in zip(net.params(), pg.trainer.net.params()):
        assert np.array_equal(Wp, np.round(W, 4)) and np.array_equal(bp, np.round(b, 4))
    assert pg.boundary.selected == 7
    assert pg.panel.values_view.values["E"] == nnlib.fmt.num(net.trace(x, target).loss)
    assert pg.point_box.children == (pg.panel.widget,)


def test_a_regression_cannot_have_a_softmax_and_the_controls_go_back(english):
    pg = playground(data="bump")
    net = pg.trainer.net
    move(pg, output="softmax")
    assert "softmax + cross-entropy needs two classes" in pg.message.text
    assert pg.controls.values["output"] == "sigmoid" and pg.trainer.net is net


def test_a_bad_csv_is_said_and_nothing_is_lost(english):
    pg = playground(data="xor")
    press(pg, "pg-epoch")
    net, split = pg.trainer.net, pg.trainer.split
    pg.csv_path.value = str(P.sample("moons_with_nan"))
    pg.files.receive({"type": "press", "key": "csv-load"})
    assert pg.message.text.endswith("line 8: column “x2” is nan; every cell must be a finite "
                                    "number")
    assert pg.trainer.net is net and pg.trainer.split is split and pg.controls.values["data"] == "xor"
    pg.csv_path.value = str(P.sample("moons"))
    pg.files.receive({"type": "press", "key": "csv-load"})
    assert pg.message.text == "loaded moons: 200 points"
    assert pg.controls.values["data"] == "csv" and pg.trainer.split.dataset.name == "moons"
    assert "noise" in pg.controls.disabled
    check_views(pg)


def test_an_upload_is_a_csv_too(english):
    pg = playground()
    pg._uploaded([{"name": "m.csv", "content": memoryview(P.sample("moons").read_bytes())}])
    assert pg.controls.values["data"] == "csv" and pg.trainer.split.dataset.n == 200


def test_save_and_load_json_and_a_failed_load_keeps_the_network(tmp_path, english):
    pg = playground(data="spiral", layers=2)
    for _ in range(2):
        press(pg, "pg-epoch")
    path = pg.save(tmp_path / "pg.json")
    trained = pg.trainer.net
    press(pg, "pg-reset")
    assert pg.load(path) == trained
    assert np.array_equal(pg.trainer.net.forward(grid()), trained.forward(grid()))
    assert pg.trainer.epoch == 0 and pg.trainer.start == trained
    other = tmp_path / "other.json"
    save_network(P.build(P.Architecture((8,), ("relu",))), other)
    running = pg.trainer.net
    assert pg.load(other) is None
    assert "another shape, so nothing was loaded" in pg.message.text
    assert pg.trainer.net is running
    (tmp_path / "v2.json").write_text(json.dumps({**json.loads(path.read_text()), "version": 2}))
    assert pg.load(tmp_path / "v2.json") is None and "schema version is 2" in pg.message.text
    assert pg.trainer.net is running


def test_set_from_code_applies_at_once():
    pg = playground()
    pg.set(data="xor", layers=0)
    assert pg.trainer.net.sizes == [2, 1] and pg.trainer.split.dataset.name == "xor"
    pg.train(5)
    assert pg.trainer.epoch == 5
    check_views(pg)


# --- playing ------------------------------------------------------------------------------------

def on_own_thread(fn):
    """Run ``fn`` on a thread of its own, where no event loop runs unless ``fn`` starts one (as
    in a kernel): in one pytest session with the browser tests, Playwright's synchronous API
    keeps its event loop running on pytest's thread."""
    errors = []

    def target():
        try:
            fn()
        except BaseException as exc:                  # noqa: BLE001 — re-raised below
            errors.append(exc)
    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the test's thread did not finish in 60 s"
    if errors:
        raise errors[0]


def test_without_an_event_loop_nothing_plays(english):
    def no_loop():
        pg = playground()
        press(pg, "pg-play")
        assert not pg.playing and pg._task is None and "no event loop" in pg.message.text
    on_own_thread(no_loop)


async def browser(pg, seconds):
    """A browser that draws every frame it is sent, as raster.js does."""
    end = asyncio.get_running_loop().time() + seconds
    while asyncio.get_running_loop().time() < end:
        await asyncio.sleep(0.002)
        pg.boundary.receive({"event": "drawn", "frame": pg.boundary.frame})


def test_the_play_loop_advances_epochs_and_stops_on_pause():
    async def main():
        pg = playground(data="xor")
        press(pg, "pg-play")
        assert pg.playing and pg._task is not None
        assert "pg-play" in pg.controls.disabled and "pg-pause" not in pg.controls.disabled
        E0 = pg.trainer.history["train"][0]
        await browser(pg, 0.6)
        played = pg.trainer.epoch
        assert played >= 5 and pg.frames >= 5 and pg.trainer.history["train"][-1] < E0
        move(pg, eta=1.0)                               # a control while playing
        await browser(pg, 0.1)
        assert pg.trainer.eta == 1.0 and pg.playing
        press(pg, "pg-pause")
        await browser(pg, 0.1)
        assert not pg.playing and pg._task is None
        stopped = pg.trainer.epoch
        await browser(pg, 0.2)
        assert pg.trainer.epoch == stopped              # paused: nothing more
        check_views(pg)
    on_own_thread(lambda: asyncio.run(main()))


def test_no_browser_drawing_pauses_the_loop(english):
    async def main():
        pg = playground()
        pg.ack_timeout = 0.02
        press(pg, "pg-play")
        await asyncio.sleep(pg.in_flight / pg.max_fps + 0.5)   # the frames in flight, 3 waits
        assert not pg.playing and pg._task is None
        assert pg.message.text.startswith("paused: no browser drew the last frames")
        assert pg.trainer.epoch <= pg.in_flight + pg.max_misses     # at most the frames in flight
    on_own_thread(lambda: asyncio.run(main()))


def test_divergence_while_playing_pauses_keeps_the_last_finite_state_and_says_so(english):
    async def main():
        pg = playground(data="xor", layers=2, f=("identity",) * 4, output="softmax", eta=5.0,
                        units=(8, 8, 2, 2))
        press(pg, "pg-play")
        await browser(pg, 0.5)
        assert not pg.playing and pg._task is None
        assert pg.message.text.startswith("η = 5 is too large")
        assert all(np.isfinite(W).all() for W, _ in pg.trainer.net.params())
        check_views(pg)
        press(pg, "pg-reset")                           # reset after divergence works
        assert pg.trainer.epoch == 0 and pg.message.text == ""
    on_own_thread(lambda: asyncio.run(main()))


# --- notebook 06's questions and exercises: what they say is what nnlib does ---------------------

def test_the_questions_acts_set_the_playground_to_what_they_explain():
    from nnlib.exercises import _load
    from nnlib.exercises.predict import QUESTIONS
    _load()
    pg = playground()
    QUESTIONS["06.xor0"].act(pg)                   # XOR, no hidden layer, 50 epochs
    assert pg.trainer.net.sizes == [2, 1] and pg.trainer.epoch == 50
    assert abs(pg.trainer.history["train"][-1] - 0.125) < 0.02     # ≈ ½ · 0.5², and stays
    QUESTIONS["06.dead"].act(pg)                   # circle, 8 ReLUs, softmax, η = 5, 20 epochs
    assert pg.trainer.net.sizes == [2, 8, 2] and pg.trainer.epoch == 20
    assert pg.trainer.dead_units()[0].sum() > 4    # most ReLUs die …
    assert pg.trainer.history["train"][-1] > 0.3   # … and E stays high
    circle = P.make("circle", seed=0).split(0.2, seed=0)
    calm = P.Trainer(P.build(P.Architecture((8,), ("relu",), "softmax")), circle, eta=2.0)
    calm.run(20)
    assert calm.dead_units()[0].sum() == 0         # with η = 2 no unit dies


def test_the_exercises_values_are_nnlibs():
    from nnlib.exercises import EXERCISES, _load
    _load()
    assert EXERCISES["06.steps"].expected() == 8.0                 # ⌈150 / 20⌉
    assert EXERCISES["06.delta_shape"].expected() == (3, 20)
    values = [EXERCISES["06.delta_shape"].expected()] + \
        [m.wrong() for m in EXERCISES["06.delta_shape"].mistakes]
    assert len(set(map(tuple, values))) == len(values)             # every mistake its own shape
