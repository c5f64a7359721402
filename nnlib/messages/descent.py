"""Messages of lesson 05 (gradient descent revisited, notes 004 §1.3): nnlib.lessons.descent.

Chinese first, as the course is, with the notes' English terms in parentheses; the English is
the translation. Placeholders are {names}; both languages use the same.
"""

MESSAGES = {
    # -- the gradient explorer --------------------------------------------------------------
    "gd05.params": {"zh": "参数 (w, b)", "en": "parameters (w, b)"},
    "gd05.contour_title": {"zh": "L(w, b) 的等高线 (contour)", "en": "contours of L(w, b)"},
    "gd05.section_w": {"zh": "截线 (cross-section) L(w, b₀)", "en": "cross-section L(w, b₀)"},
    "gd05.section_b": {"zh": "截线 (cross-section) L(w₀, b)", "en": "cross-section L(w₀, b)"},
    "gd05.data_title": {"zh": "数据与直线 a = w x + b", "en": "data and line a = w x + b"},
    "gd05.surface_title": {"zh": "曲面 (surface) L(w, b)", "en": "the surface L(w, b)"},
    "gd05.legend": {
        "zh": "红箭头 ∇L（上坡），绿箭头 −∇L（下坡），都画成实际长度的 {scale} 倍 · ★ 最低点 · "
              "紫色、青色虚线：两条截线 b = b₀ 和 w = w₀ · 红色切线 (tangent) 的斜率就是 ∂L/∂w 和 "
              "∂L/∂b · 3-D 曲面上蓝点是当前位置，绿线沿 −∇L 下坡",
        "en": "red arrow ∇L (uphill), green arrow −∇L (downhill), both drawn at {scale} × their "
              "length · ★ the minimum · purple and teal dashed lines: the two cross-sections "
              "b = b₀ and w = w₀ · the red tangents have slopes ∂L/∂w and ∂L/∂b · on the 3-D "
              "surface the blue dot is where you are, the green line goes downhill along −∇L"},
    "gd05.one_unit": {"zh": "Δw = 1（一个单位）：ΔL/Δw", "en": "Δw = 1 (one unit): ΔL/Δw"},
    "gd05.small_step": {"zh": "Δw = {dw}：ΔL/Δw", "en": "Δw = {dw}: ΔL/Δw"},
    "gd05.instant": {
        "zh": "∂L/∂w 是瞬时变化率：小步的 ΔL/Δw 接近它，整整一个单位的 ΔL 不接近（曲线是弯的）。",
        "en": "∂L/∂w is the instantaneous rate: ΔL/Δw for a small step is close to it, ΔL for a "
              "whole unit is not (the curve bends)."},

    # -- the descent explorer ---------------------------------------------------------------
    "gd05.start": {"zh": "起点 (w₀, b₀)", "en": "start (w₀, b₀)"},
    "gd05.descent_title": {"zh": "梯度下降 (w, b) ← (w, b) − η ∇L",
                           "en": "gradient descent (w, b) ← (w, b) − η ∇L"},
    "gd05.step_title": {"zh": "(w, b) ← (w, b) − η ∇L，走“步数”那么多步",
                        "en": "(w, b) ← (w, b) − η ∇L, as many steps as “steps”"},
    "gd05.presets": {"zh": "η 的四个预设（从起点重新走）", "en": "four presets for η (each a new run from the start)"},
    "gd05.preset": {"zh": "预设 (preset)", "en": "preset"},
    "gd05.preset.too-small": {"zh": "太小 (too small)", "en": "too small"},
    "gd05.preset.good": {"zh": "不越过 (no overshoot)", "en": "no overshoot"},
    "gd05.preset.too-large": {"zh": "越过 (overshoots)", "en": "overshoots"},
    "gd05.preset.far-too-large": {"zh": "过大 (far too large)", "en": "far too large"},
    "gd05.preset_title": {"zh": "η = {eta}，从起点走 {k} 步",
                          "en": "η = {eta}, {k} steps from the start"},
    "gd05.preset_regime": {"zh": "从起点走 {k} 步：由运行判断的情形",
                           "en": "regime of the run ({k} steps from the start)"},
    "gd05.path_title": {"zh": "从 ■ 出发的路径 (w, b) ← (w, b) − η ∇L",
                        "en": "the path (w, b) ← (w, b) − η ∇L from ■"},
    "gd05.loss_title": {"zh": "每一步之后的 L（对数坐标）", "en": "L after each step (log scale)"},
    "gd05.floor": {"zh": "L*：可能的最低 L", "en": "L*: the lowest L possible"},
    "gd05.regime_head": {"zh": "情形 (regime)：{name} — {text}", "en": "regime: {name} — {text}"},
    "gd05.run": {"zh": "η = {eta}，{k} 步：L 从 {L0} 到 {Lk}（可能的最低 L* = {Ls}），"
                       "(w, b) = ({w}, {b})",
                 "en": "η = {eta}, {k} steps: L from {L0} to {Lk} (the lowest possible "
                       "L* = {Ls}), (w, b) = ({w}, {b})"},
    "gd05.regime.none": {"zh": "还没有走：按“走一步”，或按一个预设。",
                         "en": "no step yet: press “step”, or a preset."},
    "gd05.regime.crawls": {"zh": "爬行 (crawls)", "en": "crawls"},
    "gd05.regime.good": {"zh": "合适 (good)", "en": "good"},
    "gd05.regime.oscillates": {"zh": "振荡 (oscillates)", "en": "oscillates"},
    "gd05.regime.diverges": {"zh": "发散 (diverges)", "en": "diverges"},
    "gd05.regime_text.crawls": {
        "zh": "η 太小：走了这些步，仍离最低点很远",
        "en": "η is too small: after these steps the run is still far from the minimum"},
    "gd05.regime_text.good": {
        "zh": "η 合适：L 下降得快，路径走到了最低点",
        "en": "η is good: L falls fast and the path reaches the minimum"},
    "gd05.regime_text.oscillates": {
        "zh": "有一步越过了谷底，方向与前一步相反，路径呈之字形（L 中途甚至可能上升），但仍收敛",
        "en": "a step overshot the valley floor and points against the step before it; the "
              "path zig-zags (L may even go up on the way), but it still converges"},
    "gd05.regime_text.diverges": {
        "zh": "η 过大：每一步越过得更多，L 变大，发散",
        "en": "η is far too large: each step overshoots more than the last, L grows, and the "
              "run diverges"},
    "gd05.hill_title": {"zh": "下山：同一次运行，画在曲面 L(w, b) 上",
                        "en": "downhill: the same run on the surface L(w, b)"},
    "gd05.hill_caption": {
        "zh": "■ 起点，每个点是下山（或上山）的一步，★ 谷底",
        "en": "■ the start, one dot per step, ★ the valley floor"},
    "gd05.hill_left": {"zh": " · 路径在第 {k} 步之后离开了画面",
                       "en": " · off the picture after step {k}"},

    # -- the parameters and their gradients -------------------------------------------------
    "gd05.layer": {"zh": "第 {l} 层：", "en": "layer {l}:"},

    # -- back to the network ----------------------------------------------------------------
    "gd05.net.col.steps": {"zh": "步数", "en": "steps"},
    "gd05.net.col.E_max": {"zh": "途中最大的 E", "en": "max E on the way"},
    "gd05.net.col.E_end": {"zh": "最后的 E", "en": "E at the end"},
    "gd05.net.col.pred": {"zh": "每一步的预测 a", "en": "prediction a per step"},
    "gd05.net.col.dead": {"zh": "死的 ReLU (z ≤ 0)", "en": "dead ReLUs (z ≤ 0)"},
    "gd05.net.col.regime": {"zh": "情形 (regime)", "en": "regime"},
    "gd05.net.col.why": {"zh": "判断依据", "en": "judged by"},
    "gd05.net.name.crawls": {"zh": "爬行 (crawls)", "en": "crawls"},
    "gd05.net.name.good": {"zh": "合适 (good)", "en": "good"},
    "gd05.net.name.overshoots": {"zh": "预测越过 y (overshoots)", "en": "overshoots"},
    "gd05.net.name.went_up": {"zh": "E 上升过 (E went up)", "en": "E went up"},
    "gd05.net.name.dead": {"zh": "ReLU 全死 (dead ReLUs)", "en": "dead ReLUs"},
    "gd05.net.name.diverges": {"zh": "发散 (diverges)", "en": "diverges"},
    "gd05.net.text.crawls": {
        "zh": "E 每一步都下降，但很慢：这些步之后离 0 还远",
        "en": "E falls at every step, but slowly: still far from 0 after these steps"},
    "gd05.net.text.good": {
        "zh": "E 每一步都下降，预测从一侧接近 y",
        "en": "E falls at every step, and the prediction approaches y from one side"},
    "gd05.net.text.overshoots": {
        "zh": "E 每一步都下降，但预测跳过 y 又跳回来：它在 y 两侧振荡，同时收敛",
        "en": "E falls at every step, but the prediction jumps past y and back: it "
              "oscillates around y while it converges"},
    "gd05.net.text.went_up": {
        "zh": "有一步让 E 变大了（越过了最低点）",
        "en": "a step made E larger (it overshot the minimum)"},
    "gd05.net.text.dead": {
        "zh": "每个隐藏 ReLU 都死了（z ≤ 0，f′ = 0）：只剩输出偏置还在学；这里 E 小，"
              "不说明其余部分学到了什么",
        "en": "every hidden ReLU is dead (z ≤ 0, f′ = 0): only the output bias still learns; a "
              "small E here says nothing about the rest"},
    "gd05.net.text.diverges": {
        "zh": "E 无限增大（或变成了 inf/NaN）",
        "en": "E grows without bound (or becomes inf/NaN)"},

    # -- the training curve beside the panel ------------------------------------------------
    "gd05.curve_title": {"zh": "每一步的 E（面板的梯度下降）", "en": "E per step (the panel's descent)"},
    "gd05.curve_none": {"zh": "E = {E}：在面板上按“走一步”，这里就画出每一步的 E",
                        "en": "E = {E}: press “step” on the panel, and E per step will appear here"},
    "gd05.curve_summary": {"zh": "{k} 步，η = {eta}：E 从 {E0} 到 {Ek}",
                           "en": "{k} steps, η = {eta}: E from {E0} to {Ek}"},
}
