"""Messages of the widget toolkit (controls, panel, diagram, formulas, descent).

Chinese first, as the course is; each Chinese entry keeps the notes' English terms in
parentheses where the narrative does. Placeholders are {names}; both languages use the same.
"""

MESSAGES = {
    # -- what a view says where no widget can be shown (untrusted notebook, plain viewer) -------
    "fallback.panel": {
        "zh": "（交互面板：运行这个单元格即可显示。Run → Run All Cells）",
        "en": "(An interactive panel: run this cell to show it. Run → Run All Cells)"},
    "fallback.view": {
        "zh": "（交互视图：运行这个单元格即可显示）",
        "en": "(An interactive view: run this cell to show it)"},
    "fallback.picture": {
        "zh": "（图：运行这个单元格即可显示）",
        "en": "(A picture: run this cell to show it)"},
    "fallback.numbers": {
        "zh": "（带数字的公式或表格：运行这个单元格即可显示）",
        "en": "(A formula or table with numbers: run this cell to show it)"},
    "fallback.controls": {
        "zh": "（滑块：运行这个单元格即可显示）",
        "en": "(Sliders: run this cell to show them)"},

    "offline.banner": {
        "zh": "（保存的画面：运行笔记本（Run All）之后才能拖动）",
        "en": "(A saved picture: run the notebook (Run All) to move it)"},

    # -- messages ---------------------------------------------------------------------------
    "msg.internal": {
        "zh": "内部错误：{error}（保留了上一个正确的状态）",
        "en": "internal error: {error} (the last good state is kept)"},
    "msg.reject.nan": {
        "zh": "“{text}” 不是一个数：{label} 仍是 {value}。",
        "en": "“{text}” is not a number: {label} stays {value}."},
    "msg.reject.range": {
        "zh": "{label} 的范围是 {lo} … {hi}，输入的 {text} 超出了范围：{label} 仍是 {value}。",
        "en": "{label} goes from {lo} to {hi}; {text} is outside that range: {label} stays {value}."},
    "msg.reject.int": {
        "zh": "{label} 要一个整数，“{text}” 不是：{label} 仍是 {value}。",
        "en": "{label} needs a whole number, “{text}” is not one: {label} stays {value}."},
    "msg.reject.choice": {
        "zh": "“{text}” 不是 {label} 的可选值：{label} 仍是 {value}。",
        "en": "“{text}” is not one of the values of {label}: {label} stays {value}."},
    "msg.not_finite": {
        "zh": "这些值算出的 E 是 {E}：保留了上一个正确的状态。",
        "en": "E is {E} for these values: the last good state is kept."},

    # -- the network panel ------------------------------------------------------------------
    "panel.input": {"zh": "输入 x", "en": "input x"},
    "panel.unknown_views": {"zh": "NetworkPanel：不认识的视图 {got}；可选的有 {choices}",
                            "en": "NetworkPanel: unknown view(s) {got}; expected some of {choices}"},
    "panel.layer": {"zh": "第 {l} 层 ({f})", "en": "layer {l} ({f})"},
    "panel.layer_plain": {"zh": "第 {l} 层", "en": "layer {l}"},
    "panel.output": {"zh": "输出层 (l = {l}, {f})", "en": "output layer (l = {l}, {f})"},
    "panel.target": {"zh": "目标 y", "en": "target y"},
    "panel.true_class": {"zh": "真实类别 (one-hot y)", "en": "true class (one-hot y)"},
    "panel.f": {"zh": "激活 f", "en": "activation f"},
    "panel.reset": {"zh": "重置", "en": "reset"},
    "panel.reset_title": {"zh": "回到起始的数值、滑块范围、η 和历史",
                          "en": "back to the starting values, slider ranges, η and history"},
    "panel.randomise": {"zh": "随机权重", "en": "random weights"},
    "panel.randomise_title": {"zh": "W ~ U(−1, 1)，b ~ U(−0.5, 0.5)（固定种子，可重复）",
                              "en": "W ~ U(−1, 1), b ~ U(−0.5, 0.5) (seeded: reproducible)"},
    "panel.edges": {"zh": "边显示", "en": "edges show"},
    "panel.view": {"zh": "显示", "en": "show"},

    # -- the network diagram ----------------------------------------------------------------
    "diagram.input": {"zh": "输入 x", "en": "input x"},
    "diagram.layer": {"zh": "第 {l} 层 · {f}", "en": "layer {l} · {f}"},
    "diagram.output": {"zh": "输出层 · {f}", "en": "output · {f}"},
    "diagram.edges": {"zh": "边：{what}（橙 +，紫 −，灰 0），粗细 ∝ |值|",
                      "en": "edges: {what} (orange +, purple −, grey 0), width ∝ |value|"},
    "diagram.circles": {"zh": "圆内：{inside}", "en": "circles: {inside}"},
    "diagram.dead": {
        "zh": "灰色虚线圆：f′(z) = 0（ReLU 关闭，z ≤ 0），梯度过不去",
        "en": "grey dashed circle: f′(z) = 0 (ReLU off, z ≤ 0): no gradient passes"},
    "diagram.loss": {"zh": "E = {E}", "en": "E = {E}"},

    # -- tables and formulas ----------------------------------------------------------------
    "values.layer": {"zh": "第 {l} 层 ({f})", "en": "layer {l} ({f})"},
    "values.prediction": {"zh": "预测", "en": "prediction"},
    "tab.forward": {"zh": "前向公式", "en": "forward formulas"},
    "tab.backward": {"zh": "反向公式", "en": "backward formulas"},
    "tab.gradcheck": {"zh": "梯度检验", "en": "gradient check"},
    "forward.title": {"zh": "前向：zˡ = Wˡ aˡ⁻¹ + bˡ，aˡ = f(zˡ)",
                      "en": "forward: zˡ = Wˡ aˡ⁻¹ + bˡ, aˡ = f(zˡ)"},
    "backward.title": {"zh": "反向：δˡ 与 ∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ",
                       "en": "backward: δˡ and ∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ"},
    "backward.layer": {"zh": "第 {l} 层", "en": "layer {l}"},
    "gradcheck.title": {
        "zh": "反向传播 (backprop) 与中心差分 (E(θ+h) − E(θ−h)) / 2h，h = 10⁻⁵",
        "en": "backprop beside central differences (E(θ+h) − E(θ−h)) / 2h, h = 10⁻⁵"},
    "gradcheck.param": {"zh": "参数", "en": "parameter"},
    "gradcheck.backprop": {"zh": "反向传播", "en": "backprop"},
    "gradcheck.numeric": {"zh": "中心差分", "en": "central difference"},
    "gradcheck.agree": {"zh": "一致？", "en": "agree?"},
    "gradcheck.ok": {"zh": "✓ 相对误差 < 10⁻⁷", "en": "✓ relative error < 10⁻⁷"},
    "gradcheck.bad": {"zh": "✗ 相对误差 {err}", "en": "✗ relative error {err}"},
    "gradcheck.summary_ok": {"zh": "全部 {n} 个梯度一致（相对误差 < 10⁻⁷）",
                             "en": "all {n} gradients agree (relative error < 10⁻⁷)"},
    "gradcheck.summary_bad": {
        "zh": "{bad} / {n} 个梯度不一致：某个 ReLU 的 z 离 0 太近时，θ ± h 会跨过拐点",
        "en": "{bad} of {n} gradients disagree: when a ReLU's z is this close to 0, θ ± h "
              "crosses its kink"},

    # -- gradient descent -------------------------------------------------------------------
    "descent.title": {"zh": "梯度下降 W ← W − η ∂E/∂W", "en": "gradient descent W ← W − η ∂E/∂W"},
    "descent.eta": {"zh": "η", "en": "η"},
    "descent.steps": {"zh": "步数", "en": "steps"},
    "descent.step": {"zh": "走一步", "en": "step"},
    "descent.step_title": {"zh": "每一层同时 W ← W − η ∂E/∂W，b ← b − η ∂E/∂b（走“步数”那么多步）",
                           "en": "W ← W − η ∂E/∂W and b ← b − η ∂E/∂b on every layer (as many "
                                 "steps as “steps”)"},
    "descent.undo": {"zh": "撤销", "en": "undo"},
    "descent.undo_title": {"zh": "退回一步", "en": "back one step"},
    "descent.replay": {"zh": "重放", "en": "replay"},
    "descent.replay_title": {"zh": "用现在的 η 从同一个起点重走同样多的步数",
                             "en": "the same number of steps from the same start, with the "
                                   "current η"},
    "descent.none": {"zh": "还没有走：按“走一步”，每一层同时 W ← W − η ∂E/∂W。",
                     "en": "no step taken yet: press “step” to apply W ← W − η ∂E/∂W to every "
                           "layer at once."},
    "descent.summary": {"zh": "η = {eta}，走完第 {k} 步：{L} 从 {E0} 到 {Ek}",
                        "en": "η = {eta}, after step {k}: {L} from {E0} to {Ek}"},
    "descent.step_col": {"zh": "步 k", "en": "step k"},
    "descent.went_up": {
        "zh": "{L} 从 {old} 升到了 {new}（η = {eta}）：这一步越过了最低点。如果它继续上升，η 就太大了："
              "撤销，换一个更小的 η 试试。",
        "en": "{L} went up from {old} to {new} with η = {eta}: this step overshot the minimum. "
              "If it keeps going up, η is too large: undo and try a smaller η."},
    "descent.diverged": {
        "zh": "第 {k} 步让数值溢出成了 inf/NaN（η = {eta} 太大）：保留了第 {kept} 步（{L} = {E}）。",
        "en": "step {k} overflowed to inf/NaN (η = {eta} is too large): step {kept} is kept "
              "({L} = {E})."},
    "descent.eta_grid": {"zh": "梯度下降：η 必须是 {grid} 中的一个，这里是 {got}",
                         "en": "descent: η must be one of {grid}, got {got}"},
    "descent.start_over": {"zh": "起点变了：梯度下降从这里重新开始。",
                           "en": "a new start: gradient descent begins again from here."},
}
