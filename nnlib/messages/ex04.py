"""Messages of notebook 04's exercises and questions (nnlib.exercises.nb04): each exercise's
``ok``, ``hint1..3`` and the diagnoses of its typical mistakes (``ex.04.<exercise>.<code>``),
each question's text, options and explanation (``pq.04.<question>.<part>``)."""

MESSAGES = {
    # -- 04.n_params: the number of parameters of a network ---------------------------------------
    "ex.04.n_params.ok": {
        "zh": "正确！偏置每个神经元一个（nˡ 个），不是每个输入一个；输入层 x 没有参数。",
        "en": "correct! A layer has one bias per neuron (nˡ of them), not one per input; the "
              "input x has no parameters."},
    "ex.04.n_params.hint1": {
        "zh": "上面 §1.1 的话：一层 nˡ⁻¹ → nˡ 有 Wˡ 的 nˡ·nˡ⁻¹ 个元素和 bˡ 的 nˡ 个元素；对 l = 1, …, L 加起来。",
        "en": "§1.1 above: a layer nˡ⁻¹ → nˡ has the nˡ·nˡ⁻¹ entries of Wˡ and the nˡ entries of "
              "bˡ; add them up over l = 1, …, L."},
    "ex.04.n_params.hint2": {
        "zh": "sizes = [n⁰, n¹, …, nᴸ] 有 L + 1 个数，但只有 L 层：每个数和它后面的那个配成一对。答案是一个整数。",
        "en": "sizes = [n⁰, n¹, …, nᴸ] holds L + 1 numbers but there are L layers: pair each size "
              "with the next one. The answer is one whole number."},
    "ex.04.n_params.hint3": {
        "zh": "循环：for n_in, n_out in zip(sizes[:-1], sizes[1:])，每一层加上 n_out * n_in + n_out。",
        "en": "the loop: for n_in, n_out in zip(sizes[:-1], sizes[1:]), each layer adding "
              "n_out * n_in + n_out."},
    "ex.04.n_params.no_bias": {
        "zh": "少了偏置：除了 nˡ·nˡ⁻¹ 个权重，每一层还有 nˡ 个偏置，每个神经元一个。",
        "en": "the biases are missing: besides its nˡ·nˡ⁻¹ weights, each layer has nˡ biases, one "
              "per neuron."},
    "ex.04.n_params.bias_per_input": {
        "zh": "偏置按输入数了（nˡ⁻¹ 个）：bˡ 是每个神经元一个，和 Wˡ 的行数一样，是 nˡ 个。",
        "en": "the biases are counted per input (nˡ⁻¹): bˡ has one entry per neuron, as many as "
              "Wˡ has rows, nˡ."},
    "ex.04.n_params.input_bias": {
        "zh": "输入层也算了偏置：x = a⁰ 是给定的，不是算出来的——只有 l = 1, …, L 层有 Wˡ 和 bˡ（sizes 的 L + 1 个数对应 L 层）。",
        "en": "biases are counted for the input too: x = a⁰ is given, not computed — only the "
              "layers l = 1, …, L have a Wˡ and a bˡ (L + 1 sizes make L layers)."},
    "ex.04.n_params.wrong": {
        "zh": "个数还不对，也不是常见的那几种错误：逐层数一数 Wˡ 的元素（nˡ × nˡ⁻¹）和 bˡ 的元素（nˡ）。",
        "en": "not the right count yet, and none of the usual mistakes: count, layer by layer, "
              "the entries of Wˡ (nˡ × nˡ⁻¹) and of bˡ (nˡ)."},

    # -- 04.chain_dw: the chain rule on another neuron --------------------------------------------
    "ex.04.chain_dw.ok": {
        "zh": "正确！三个局部导数相乘：(a − t) · σ′(u) · x。把下面控件的滑块设成这个神经元，会看到同一个数。",
        "en": "correct! Three local derivatives multiplied: (a − t) · σ′(u) · x. Set the widget "
              "below to this neuron to see the same number."},
    "ex.04.chain_dw.hint1": {
        "zh": "上面的链式法则：dE/dw = ∂E/∂a · ∂a/∂u · ∂u/∂w = (a − t) · a(1 − a) · x，其中 u = w x + b，a = σ(u) = 1/(1 + e⁻ᵘ)。",
        "en": "the chain rule above: dE/dw = ∂E/∂a · ∂a/∂u · ∂u/∂w = (a − t) · a(1 − a) · x, "
              "with u = w x + b and a = σ(u) = 1/(1 + e⁻ᵘ)."},
    "ex.04.chain_dw.hint2": {
        "zh": "答案是一个数。先算 u，再算 a，然后是三个因子。",
        "en": "the answer is one number. Compute u first, then a, then the three factors."},
    "ex.04.chain_dw.hint3": {
        "zh": "第一行：u_ex = w_ex * x_ex + b_ex", "en": "the first line: u_ex = w_ex * x_ex + b_ex"},
    "ex.04.chain_dw.wrong": {
        "zh": "还不对，也不是常见的那几种错误：用完整精度计算（中间不要四舍五入），再对照提示 1 逐个核对三个因子。",
        "en": "not right yet, and none of the usual mistakes: compute in full precision (no "
              "rounding on the way) and check the three factors one by one against hint 1."},
    "ex.04.chain_dw.no_fprime": {
        "zh": "少了中间的因子 σ′(u) = a(1 − a)：误差还要穿过 sigmoid（∂a/∂u）。",
        "en": "the middle factor σ′(u) = a(1 − a) is missing: the error has to pass through the "
              "sigmoid too (∂a/∂u)."},
    "ex.04.chain_dw.no_x": {
        "zh": "少了最后的因子 ∂u/∂w = x：w 增加 1 时，u = w x + b 增加 x。",
        "en": "the last factor ∂u/∂w = x is missing: when w grows by 1, u = w x + b grows by x."},
    "ex.04.chain_dw.fprime_as_f": {
        "zh": "用了 σ(u) = a，而这里要的是 σ′(u) = a(1 − a)：中间的因子是 sigmoid 的导数，不是它的值。",
        "en": "σ(u) = a is used where σ′(u) = a(1 − a) belongs: the middle factor is the "
              "sigmoid's derivative, not its value."},
    "ex.04.chain_dw.half": {
        "zh": "结果是正确答案的 2 倍：这里的损失是 E = ½(a − t)²，它的 ∂E/∂a = a − t，没有 2。",
        "en": "twice the right answer: the loss here is E = ½(a − t)², so ∂E/∂a = a − t, "
              "without a 2."},
    "ex.04.chain_dw.sign": {
        "zh": "符号反了：∂E/∂a = a − t（输出减目标），不是 t − a。",
        "en": "the sign is flipped: ∂E/∂a = a − t (the output minus the target), not t − a."},

    # -- 04.jac_shape: the shape of the Jacobian ---------------------------------------------------
    "ex.04.jac_shape.ok": {
        "zh": "正确！J 的每一行属于一个样本的 Lᵢ，每一列属于一个参数 θₚ：B × P。",
        "en": "correct! J has a row for each sample's loss Lᵢ and a column for each parameter "
              "θₚ: B × P."},
    "ex.04.jac_shape.hint1": {
        "zh": "上面的定义：J = ∂ℓ/∂θ ∈ ℝᴮˣᴾ，J_ip = ∂Lᵢ/∂θₚ。",
        "en": "the definition above: J = ∂ℓ/∂θ ∈ ℝᴮˣᴾ, J_ip = ∂Lᵢ/∂θₚ."},
    "ex.04.jac_shape.hint2": {
        "zh": "B 是样本数；P 是 2 → 3 → 1 网络的参数个数，也就是 §1.1 那个 n_params 练习的答案。",
        "en": "B is the number of samples; P is the number of parameters of the 2 → 3 → 1 "
              "network, what the n_params exercise of §1.1 counts."},
    "ex.04.jac_shape.hint3": {
        "zh": "J_shape = (B, P)：先写 B，再写 P。", "en": "J_shape = (B, P): B first, then P."},
    "ex.04.jac_shape.swapped": {
        "zh": "行和列对调了：J 每个样本一行（第 i 行是 Lᵢ 的梯度），每个参数一列。",
        "en": "rows and columns are swapped: J has one row per sample (row i is the gradient of "
              "Lᵢ) and one column per parameter."},
    "ex.04.jac_shape.ell": {
        "zh": "这是 ℓ = (L₁, …, L_B) 的形状，每个样本一个损失；J 对每个样本、每个参数各有一个导数。",
        "en": "that is the shape of ℓ = (L₁, …, L_B), one loss per sample; J holds a derivative "
              "for each sample and each parameter."},
    "ex.04.jac_shape.gradient": {
        "zh": "这是标量 L 的梯度 vᵀJ 的形状（每个参数一个数）；J 本身每个样本保留一行。",
        "en": "that is the shape of the gradient vᵀJ of a scalar L (one number per parameter); "
              "J itself keeps one row per sample."},
    "ex.04.jac_shape.no_bias": {
        "zh": "P 里少了偏置：θ 包含 W¹、b¹、W²、b² 的每一个元素。",
        "en": "the biases are missing from P: θ holds every entry of W¹, b¹, W² and b²."},
    "ex.04.jac_shape.outputs": {
        "zh": "这是这个 batch 的输出 ŷ 的形状（每个样本一列）；J 是每个参数一列。",
        "en": "that is the shape of the batch's outputs ŷ (one column per sample); J has one "
              "column per parameter."},

    # -- 04.vjp: vᵀJ as a function -----------------------------------------------------------------
    "ex.04.vjp.ok": {
        "zh": "正确！vᵀJ 把 J 的各行加起来，第 i 行乘以 vᵢ：每个参数得到一个数。",
        "en": "correct! vᵀJ adds up the rows of J, row i weighted by vᵢ: one number per "
              "parameter."},
    "ex.04.vjp.hint1": {
        "zh": "上面的公式：∂(vᵀℓ)/∂θ = vᵀJ；sum 是 v = 1，mean 是 v = (1/B)·1。",
        "en": "the formula above: ∂(vᵀℓ)/∂θ = vᵀJ; sum is v = 1, mean is v = (1/B)·1."},
    "ex.04.vjp.hint2": {
        "zh": "J 是 (B, P)，v 是 (B,)，结果是 (P,)：每个参数一个数，和 θ 一样。",
        "en": "J is (B, P), v is (B,), and the result is (P,): one number per parameter, like θ."},
    "ex.04.vjp.hint3": {
        "zh": "一行就够了：对一维的 v，vᵀJ 在 numpy 里就是 v @ J。",
        "en": "one line is enough: for a 1-D v, vᵀJ in numpy is v @ J."},
    "ex.04.vjp.no_seed": {
        "zh": "J 的各行直接加起来了，没有乘上权重 vᵢ：这只是 sum（v = 1）的梯度；第 i 行要先乘以 vᵢ。",
        "en": "the rows of J are added without their weights vᵢ: that is only the gradient of "
              "sum (v = 1); row i must be multiplied by vᵢ first."},
    "ex.04.vjp.not_summed": {
        "zh": "每一行都乘了 vᵢ，但各行没有加起来：结果应当是每个参数一个数，形状 (P,)，不是矩阵 (B, P)。",
        "en": "each row is weighted by vᵢ, but the rows are not added up: the result is one "
              "number per parameter, shape (P,), not a matrix (B, P)."},
    "ex.04.vjp.wrong_axis": {
        "zh": "沿错了轴相加：得到的是每个样本一个数 (B,)；vᵀJ 是对样本求和，每个参数留下一个数 (P,)。",
        "en": "added along the wrong axis: this gives one number per sample, (B,); vᵀJ adds over "
              "the samples and keeps one number per parameter, (P,)."},
    "ex.04.vjp.raised": {
        "zh": "你的函数出错了：{error}。如果是形状不匹配：J 是 (B, P)，每个样本一行，v 有 B 个数，所以 v 要放在左边——vᵀJ，numpy 里写 v @ J；J @ v 需要 v 有 P 个数。",
        "en": "your function raised: {error}. If that is a shape mismatch: J is (B, P), one row "
              "per sample, and v has B entries, so v goes on the left — vᵀJ, in numpy v @ J; "
              "J @ v would need P entries."},

    # -- 04.mean_grad: the mean's gradient from the sum's -----------------------------------------
    "ex.04.mean_grad.ok": {
        "zh": "正确！同样的数据，L_mean = L_sum / B，所以每个梯度都除以 B。",
        "en": "correct! On the same data L_mean = L_sum / B, so every gradient is divided by B."},
    "ex.04.mean_grad.hint1": {
        "zh": "上面的公式：mean 是 L = (1/B) Σᵢ Lᵢ，所以 ∂L_mean/∂W = (1/B) · ∂L_sum/∂W。",
        "en": "the formula above: mean is L = (1/B) Σᵢ Lᵢ, so ∂L_mean/∂W = (1/B) · ∂L_sum/∂W."},
    "ex.04.mean_grad.hint2": {
        "zh": "形状与 W 相同，也与 grad_sum_16 相同。", "en": "shaped like W, and like grad_sum_16."},
    "ex.04.mean_grad.hint3": {
        "zh": "grad_mean_16 = grad_sum_16 / ...", "en": "grad_mean_16 = grad_sum_16 / ..."},
    "ex.04.mean_grad.times_B": {
        "zh": "乘了 B 而不是除以 B：mean 是 (1/B) Σᵢ Lᵢ，它的梯度比 sum 的小，不是大。",
        "en": "multiplied by B instead of divided: mean is (1/B) Σᵢ Lᵢ, so its gradient is "
              "smaller than the sum's, not larger."},
    "ex.04.mean_grad.not_divided": {
        "zh": "这仍是 sum 的梯度：mean 把损失除以 B = {B}，梯度也跟着除以 B。",
        "en": "that is still the gradient of the sum: mean divides the loss by B = {B}, and so "
              "its gradient too."},
    "ex.04.mean_grad.stale_B": {
        "zh": "除错了 B：变量 B 还是上一个单元格最后留下的值，而这个 batch 有 {B} 个样本。",
        "en": "divided by the wrong B: the variable B still holds what the cell above left in it, "
              "but this batch has {B} samples."},
    "ex.04.mean_grad.whole_batch": {
        "zh": "这是 Xb 全部样本上的 mean；练习只取前 {B} 个样本（Xb[:, :{B}]）。",
        "en": "that is the mean over all the samples of Xb; the exercise takes the first {B} "
              "only (Xb[:, :{B}])."},

    # -- predict, then check -------------------------------------------------------------------
    "pq.04.vanish.question": {
        "zh": "预测：把 w 设为 −4、b 设为 −3（u = w x + b 远小于 0，a 离目标 t 很远），dE/dw 会怎样？",
        "en": "predict: with w = −4 and b = −3 (u = w x + b far below 0, a far from the target "
              "t), what becomes of dE/dw?"},
    "pq.04.vanish.zero": {"zh": "几乎为 0", "en": "it is nearly 0"},
    "pq.04.vanish.large": {"zh": "变得很大：预测错得很远", "en": "it is large: the prediction is far off"},
    "pq.04.vanish.same": {"zh": "和现在差不多", "en": "it stays about what it is now"},
    "pq.04.vanish.flip": {"zh": "变号", "en": "it changes sign"},
    "pq.04.vanish.why": {
        "zh": "σ′(u) = a(1 − a)：u 远小于 0 时 a ≈ 0，σ′(u) ≈ 0。链的中间一环几乎为 0，整个乘积 (a − t)·σ′(u)·x 就几乎为 0——尽管 a − t 很大。这个神经元错得很远，却几乎学不动：sigmoid 饱和（u 远离 0，无论哪一边）会挡住梯度，这就是梯度消失 (vanishing gradient)。",
        "en": "σ′(u) = a(1 − a): with u far below 0, a ≈ 0 and σ′(u) ≈ 0. The middle link of the "
              "chain is nearly 0, so the whole product (a − t)·σ′(u)·x is nearly 0 — although "
              "a − t is large. The neuron is far off and yet hardly learns: a saturated sigmoid "
              "(u far from 0, on either side) stops the gradient. This is what is called a "
              "vanishing gradient."},
    "pq.04.vanish.seen": {
        "zh": "上面的控件已设成 w = −4、b = −3（x 和 t 回到起始值）：看链里中间的因子 σ′(u) ≈ 0，和右图里几乎水平的切线。",
        "en": "the widget above is now at w = −4, b = −3 (x and t back at their starting "
              "values): look at the middle factor σ′(u) ≈ 0 of the chain, and at the almost "
              "flat tangent in the chart."},
    "pq.04.seed.question": {
        "zh": "预测：从 sum 切换到 mean，粉色箭头 −vᵀJ 会怎样？",
        "en": "predict: when you switch from sum to mean, what happens to the pink arrow −vᵀJ?"},
    "pq.04.seed.shrink": {"zh": "缩短为原来的 1/B，方向不变",
                          "en": "it shrinks to 1/B of its length and keeps its direction"},
    "pq.04.seed.grow": {"zh": "变长为原来的 B 倍", "en": "it grows B times longer"},
    "pq.04.seed.turn": {"zh": "转向另一个方向", "en": "it turns to point another way"},
    "pq.04.seed.same": {"zh": "不变：数据还是同样的数据", "en": "it stays as it is: the data are the same"},
    "pq.04.seed.why": {
        "zh": "mean 的种子是 v = (1/B)·1：每个 vᵢ 都除以 B，所以 vᵀJ = (1/B)·1ᵀJ——方向与 sum 相同，长度是它的 1/B（灰色箭头 −∇Lᵢ 不变）。下降的方向只由数据决定；sum 与 mean 只改变梯度的大小，也就是一步 η‖∇L‖ 的长短——这就是下面 sum ↔ mean 与学习率的关系。",
        "en": "mean's seed is v = (1/B)·1: every vᵢ is divided by B, so vᵀJ = (1/B)·1ᵀJ — the "
              "direction of sum's, 1/B of its length (the grey arrows −∇Lᵢ do not move). The data "
              "decide the direction; sum and mean only change the gradient's size, and with it "
              "the length of a step η‖∇L‖ — which is how sum ↔ mean is tied to the learning rate "
              "below."},
    "pq.04.seed.seen": {
        "zh": "上面的控件已切到 mean：把粉色箭头和刚才 sum 的比一比，再看表里 vᵀJ 那一行——每一项都除以了 B。",
        "en": "the widget above has switched to mean: compare the pink arrow with sum's a moment "
              "ago, and look at the vᵀJ row of the table — every entry divided by B."},
    "pq.04.scaled.question": {
        "zh": "预测：右图里，学习率为 η/B 的 sum（绿色虚线）与学习率为 η 的 mean（蓝线）比，走完这些步之后的损失……",
        "en": "predict: in the right chart, sum with the learning rate η/B (green, dashed) "
              "against mean with η (blue): after the steps, the loss…"},
    "pq.04.scaled.same": {"zh": "对每个 B 都完全相同", "en": "is exactly the same, for every B"},
    "pq.04.scaled.close": {"zh": "接近，但不完全相同", "en": "is close, but not the same"},
    "pq.04.scaled.lower": {"zh": "比 mean 低：sum 学得更快", "en": "is lower than mean's: sum learns faster"},
    "pq.04.scaled.diverges": {"zh": "B 大时仍然发散", "en": "still diverges for a large B"},
    "pq.04.scaled.why": {
        "zh": "同样的样本上 L_sum = B·L_mean，所以 ∂L_sum/∂W = B·∂L_mean/∂W；用 η/B 对 L_sum 走一步就是 (η/B)·B·∂L_mean/∂W = η·∂L_mean/∂W——每一步都一模一样，所以整条路径相同（上面的代码用 η·B 对 L_mean 核对过同一件事）。sum 还是 mean，选的是学习率，不是方向。",
        "en": "on the same samples L_sum = B·L_mean, so ∂L_sum/∂W = B·∂L_mean/∂W, and a step "
              "with η/B on L_sum is (η/B)·B·∂L_mean/∂W = η·∂L_mean/∂W — the very same step, every "
              "step, so the very same path (the code above checks the same thing with η·B on "
              "L_mean). Choosing sum or mean chooses a learning rate, not a direction."},
    "pq.04.scaled.seen": {
        "zh": "上面的控件停在 B = 32、sum：右图里橙色的 sum 曲线在这里已经中断（发散），绿色虚线仍然压在蓝色的 mean 上；左图里 sum 的 ‖∂L/∂W‖ 正好是 mean 的 32 倍。",
        "en": "the widget above now stands at B = 32 with sum: in the right chart the orange sum "
              "curve has broken off there (it diverged), while the green dashes still lie on the "
              "blue mean line; in the left chart, sum's ‖∂L/∂W‖ is exactly 32 times mean's."},
}
