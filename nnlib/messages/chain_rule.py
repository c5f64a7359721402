"""Messages of notebook 04's widgets (nnlib.lessons.chain_rule): the chain rule, the
computation graph, the scalar loss, sum vs mean. Placeholders are {names}; both languages use
the same. Maths symbols stay symbols; `sum` and `mean` are nnlib's reduction names."""

MESSAGES = {
    # -- the chain rule on one neuron -------------------------------------------------------
    "chain.inputs": {"zh": "输入与参数", "en": "inputs and parameters"},
    "chain.forward": {"zh": "前向：每一步记录自己的值",
                      "en": "forward: each step records its value"},
    "chain.backward": {"zh": "反向：局部导数（从右往左读）",
                       "en": "backward: the local derivatives (read right to left)"},
    "chain.local": {"zh": "局部导数", "en": "local derivative"},
    "chain.formula": {"zh": "公式", "en": "formula"},
    "chain.value": {"zh": "值", "en": "value"},
    "chain.central": {"zh": "中心差分 (central difference) (E(w+h) − E(w−h))/2h，h = {h}",
                      "en": "central difference (E(w+h) − E(w−h))/2h, h = {h}"},
    "chain.backprop": {"zh": "nnlib 反向传播 ∂E/∂W¹₁₁", "en": "nnlib backprop ∂E/∂W¹₁₁"},
    "chain.agree": {"zh": "乘积与差分一致？", "en": "product and difference agree?"},
    "chain.other": {
        "zh": "同一条链把最后一个因子 ∂u/∂w = x 换成 ∂u/∂x = w，得到 dE/dx = {dx}"
              "（nnlib ∂E/∂x = {nnlib_dx}）；换成 ∂u/∂b = 1，得到 dE/db = {db}",
        "en": "the same chain with the last factor ∂u/∂x = w instead of ∂u/∂w = x gives "
              "dE/dx = {dx} (nnlib ∂E/∂x = {nnlib_dx}); with ∂u/∂b = 1 it gives dE/db = {db}"},
    "chain.tangent": {"zh": "切线，斜率 dE/dw", "en": "tangent, slope dE/dw"},
    "chain.current_w": {"zh": "当前的 w", "en": "current w"},

    # -- the computation graph --------------------------------------------------------------
    "chain.graph.forward": {"zh": "前向：方框里是每个张量的值 →",
                            "en": "forward: each tensor's value, in its box →"},
    "chain.graph.backward": {
        "zh": "← 反向：粉色是 ∂E/∂(该张量)，从种子 ∂E/∂E = 1 出发",
        "en": "← backward: ∂E/∂(that tensor) in pink, starting from the seed ∂E/∂E = 1"},
    "chain.graph.input": {"zh": "输入", "en": "input"},
    "chain.graph.weight": {"zh": "权重", "en": "weights"},
    "chain.graph.bias": {"zh": "偏置", "en": "bias"},
    "chain.graph.output": {"zh": "输出", "en": "output"},
    "chain.graph.note": {
        "zh": "uˡ = Wˡaˡ⁻¹ 是加偏置之前的乘积；δˡ = ∂E/∂zˡ = ∂E/∂uˡ（“+” 把梯度原样传下去）；"
              "向量是列",
        "en": "uˡ = Wˡaˡ⁻¹ is the product before the bias; δˡ = ∂E/∂zˡ = ∂E/∂uˡ (“+” passes "
              "the gradient on unchanged); vectors are columns"},

    # -- L = vᵀℓ ------------------------------------------------------------------------------
    "chain.agg.weighted": {"zh": "加权 (weighted)", "en": "weighted"},
    "chain.agg.weights_shape": {"zh": "加权聚合需要 {B} 个权重，这里的形状是 {shape}",
                                "en": "weighted aggregation needs {B} weights; these have shape {shape}"},
    "chain.agg.unknown": {"zh": "不认识的聚合方式 {got}；可选的有 sum、mean、weighted",
                          "en": "unknown aggregation {got}; the choices are sum, mean and weighted"},
    "chain.agg.head": {
        "zh": "L = vᵀℓ = {L}（一个标量） · J = ∂ℓ/∂θ 是 {B} × {P}：每个样本一个梯度 · "
              "vᵀJ 与检验值：{agree}",
        "en": "L = vᵀℓ = {L} (a scalar) · J = ∂ℓ/∂θ is {B} × {P}: one gradient per sample · "
              "vᵀJ and the check: {agree}"},
    "chain.agg.sample": {"zh": "样本 i", "en": "sample i"},
    "chain.agg.seed_col": {"zh": "种子 vᵢ = ∂L/∂Lᵢ", "en": "seed vᵢ = ∂L/∂Lᵢ"},
    "chain.agg.how_trace": {"zh": "检验：nnlib 的 trace（reduction=\"{mode}\"）",
                            "en": "check: nnlib's trace with reduction=\"{mode}\""},
    "chain.agg.how_central": {"zh": "检验：Σ vᵢ Lᵢ(θ) 的中心差分",
                              "en": "check: central differences of Σ vᵢ Lᵢ(θ)"},
    "chain.agg.rows": {"zh": "−∇Lᵢ（J 的各行）", "en": "−∇Lᵢ (the rows of J)"},
    "chain.agg.total": {"zh": "−vᵀJ（标量 L）", "en": "−vᵀJ (the scalar L)"},
    "chain.agg.check": {"zh": "检验值", "en": "check"},

    # -- 误区: per-sample losses ----------------------------------------------------------------
    "chain.ps.title": {
        "zh": "L = Σ Lᵢ = {L}，共 B = {B} 个样本（mean：L = {Lm}，每个 ∂L/∂ŷᵢ 都除以 B）",
        "en": "L = Σ Lᵢ = {L} over B = {B} samples (mean: L = {Lm}, every ∂L/∂ŷᵢ divided "
              "by B)"},
    "chain.ps.method2": {"zh": "方法二：乘积", "en": "method 2: product"},
    "chain.ps.method1": {"zh": "方法一：ŷᵢ − yᵢ", "en": "method 1: ŷᵢ − yᵢ"},
    "chain.ps.nnlib": {"zh": "nnlib ∂L/∂ŷᵢ ({red})", "en": "nnlib ∂L/∂ŷᵢ ({red})"},

    # -- sum vs mean ----------------------------------------------------------------------------
    "chain.batch.controls": {"zh": "批大小 B 与聚合方式", "en": "batch size B and reduction"},
    "chain.batch.B": {"zh": "批大小 B", "en": "batch size B"},
    "chain.batch.left": {"zh": "梯度的大小", "en": "the gradient's size"},
    "chain.batch.right": {"zh": "一个 η 适用于所有 B 吗？", "en": "one η for every B?"},
    "chain.batch.after": {"zh": "{k} 步之后的平均损失", "en": "mean loss after {k} steps"},
    "chain.batch.start": {"zh": "起点", "en": "start"},
    "chain.batch.other": {"zh": "（{other}：{norm}；sum = B × mean）",
                          "en": "(with {other}: {norm}; sum = B × mean)"},
    "chain.batch.after_text": {"zh": "η = {eta} 走 {k} 步之后的平均损失：{after}",
                               "en": "mean loss after {k} steps at η = {eta}: {after}"},
    "chain.batch.diverged": {"zh": "发散（E 超过了 10⁶）", "en": "diverged (E grew past 10⁶)"},
    "chain.batch.advice_sum": {
        "zh": "用 sum 时一步是 η·Σ∇Lᵢ = (η·B)·(平均梯度)：η = {eta} 相当于对 mean 用 "
              "η = {eta_B}；要走同样的一步，用 η/B = {eta_over_B}",
        "en": "with sum a step is η·Σ∇Lᵢ = (η·B)·(the mean gradient): η = {eta} acts like "
              "η = {eta_B} on the mean; to take mean's step, use η/B = {eta_over_B}"},
    "chain.batch.advice_mean": {
        "zh": "用 mean 时步长与 B 无关：η = {eta} 对每个 B 都一样",
        "en": "with mean the step does not depend on B: η = {eta} means the same for every B"},
}
