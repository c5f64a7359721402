"""Messages of notebook 05's exercises and questions (nnlib.exercises.nb05): each exercise's
``ok``, ``hint1..3`` and the diagnoses of its typical mistakes (``ex.05.<exercise>.<code>``),
each question's text, options and explanation (``pq.05.<question>.<part>``)."""

MESSAGES = {
    # -- 05.grad_shape: ∂L/∂W² has the shape of W², for a batch too -------------------------------
    "ex.05.grad_shape.ok": {
        "zh": "正确！∂L/∂W² 与 W² 同形状 ({n2}, {n1})：每个权重一个偏导数。batch 的 {B} 个样本都用到了，"
              "但它们的贡献已经按 mean 合进了每一个元素：标量 loss 的梯度没有 batch 这一维。",
        "en": "correct! ∂L/∂W² has the shape of W², ({n2}, {n1}): one partial derivative per weight. "
              "All {B} samples of the batch are used, but their contributions are already averaged "
              "into each entry: the gradient of a scalar loss has no batch axis."},
    "ex.05.grad_shape.hint1": {
        "zh": "讲义 004 §1.3 1️⃣ 的第一点：∇_W L 是与参数同形状的张量。所以先问：W² 是什么形状？",
        "en": "note 004 §1.3 1️⃣, the first point: ∇_W L is a tensor with the parameter's shape. "
              "So ask first: what shape is W²?"},
    "ex.05.grad_shape.hint2": {
        "zh": "第 l 层的 Wˡ 是 nˡ × nˡ⁻¹：本层每个神经元一行，每个输入一列。sizes = [n⁰, n¹, n², n³]；"
              "第 2 层的输入是第 1 层的输出。",
        "en": "layer l's Wˡ is nˡ × nˡ⁻¹: one row per neuron of the layer, one column per input. "
              "sizes = [n⁰, n¹, n², n³]; the inputs of layer 2 are the outputs of layer 1."},
    "ex.05.grad_shape.hint3": {
        "zh": "grad_W2_shape = (第 2 层的神经元个数, 第 1 层的神经元个数)——B 不出现在里面。",
        "en": "grad_W2_shape = (neurons in layer 2, neurons in layer 1) — B does not appear in it."},
    "ex.05.grad_shape.swapped": {
        "zh": "行和列对调了：({n1}, {n2}) 是 (W²)ᵀ 的形状。W² 的每一行属于第 2 层的一个神经元（{n2} 个），"
              "每一列属于它的一个输入（第 1 层的 {n1} 个输出）。",
        "en": "rows and columns are swapped: ({n1}, {n2}) is the shape of (W²)ᵀ. Each row of W² "
              "belongs to one neuron of layer 2 ({n2} of them), each column to one of its inputs "
              "(the {n1} outputs of layer 1)."},
    "ex.05.grad_shape.batch": {
        "zh": "多了一个 batch 维：每个样本确实各有一个梯度，但要下降的是标量 L（这里是 {B} 个样本的 mean），"
              "它对 W² 只有一个梯度，与 W² 同形状。反向传播已经把各样本的贡献合在一起了（讲义 004 §1.2）。",
        "en": "there is an extra batch axis: each sample does have a gradient of its own, but what "
              "descends is the scalar L (here the mean over the {B} samples), and L has one "
              "gradient with respect to W², shaped like W². Backprop has already combined the "
              "samples' contributions (note 004 §1.2)."},
    "ex.05.grad_shape.previous_layer": {
        "zh": "这是 W¹ 的形状 ({n1}, {n0})（第 1 层：{n0} 个输入 → {n1} 个神经元）。W² 是下一层：{n1} → {n2}。",
        "en": "this is the shape of W¹, ({n1}, {n0}) (layer 1: {n0} inputs → {n1} neurons). W² is "
              "the next layer: {n1} → {n2}."},
    "ex.05.grad_shape.next_layer": {
        "zh": "这是 W³ 的形状 ({n3}, {n2})——是不是从 0 开始数了层？（Python 里 net.layers[2] 是第 3 层。）"
              "W² 是第 2 层：{n1} → {n2}。",
        "en": "this is the shape of W³, ({n3}, {n2}) — did you count the layers from 0? (In Python, "
              "net.layers[2] is layer 3.) W² is layer 2: {n1} → {n2}."},
    "ex.05.grad_shape.delta": {
        "zh": "({n2}, {B}) 是这个 batch 的 δ² = ∂L/∂z² 的形状：每个样本一列。∂L/∂W² = δ² (a¹)ᵀ "
              "把这 {B} 列乘好再加在一起，结果是 ({n2}, {n1})。",
        "en": "({n2}, {B}) is the shape of this batch's δ² = ∂L/∂z²: one column per sample. "
              "∂L/∂W² = δ² (a¹)ᵀ multiplies those {B} columns and adds them up, which gives "
              "({n2}, {n1})."},
    "ex.05.grad_shape.bias": {
        "zh": "({n2},) 是 b²（以及 ∂L/∂b²）的形状：每个神经元一个数。W² 还要为每个输入留一列。",
        "en": "({n2},) is the shape of b² (and of ∂L/∂b²): one number per neuron. W² also has a "
              "column for each input."},

    # -- 05.update: one step of the neuron, by hand ---------------------------------------------
    "ex.05.update.ok": {
        "zh": "正确！这就是一步 (w, b) ← (w, b) − η ∇L。把上面梯度控件的滑块拖到 (w_ex, b_ex)，"
              "可以看到同一个 ∇L。",
        "en": "correct! That is one step (w, b) ← (w, b) − η ∇L. Drag the sliders of the gradient "
              "widget above to (w_ex, b_ex), and you will see the same ∇L."},
    "ex.05.update.hint1": {
        "zh": "讲义 004 §1.3 2️⃣：W ← W − η ∇_W L。这个神经元的梯度上面写出来了："
              "∇L = ((1/m) Σ (aᵢ − yᵢ) xᵢ, (1/m) Σ (aᵢ − yᵢ))，其中 aᵢ = w xᵢ + b。",
        "en": "note 004 §1.3 2️⃣: W ← W − η ∇_W L. This neuron's gradient is written out above: "
              "∇L = ((1/m) Σ (aᵢ − yᵢ) xᵢ, (1/m) Σ (aᵢ − yᵢ)), with aᵢ = w xᵢ + b."},
    "ex.05.update.hint2": {
        "zh": "答案是两个数：np.array([w_new, b_new])。数据是 land.x 和 land.y（各 {m} 个数），(1/m) Σ 就是 np.mean。",
        "en": "the answer is two numbers, np.array([w_new, b_new]). The data are land.x and land.y "
              "({m} numbers each), and (1/m) Σ is np.mean."},
    "ex.05.update.hint3": {"zh": "第一行：a_ex = w_ex * land.x + b_ex",
                           "en": "the first line: a_ex = w_ex * land.x + b_ex"},
    "ex.05.update.update_sign": {
        "zh": "方向反了：这是 (w, b) + η ∇L，向上坡走了一步。∇L 指向 L 上升最快的方向，下降要减去它："
              "(w, b) ← (w, b) − η ∇L（讲义 004 §1.3）。",
        "en": "the wrong direction: this is (w, b) + η ∇L, a step uphill. ∇L points where L rises "
              "fastest; descent subtracts it: (w, b) ← (w, b) − η ∇L (note 004 §1.3)."},
    "ex.05.update.no_eta": {
        "zh": "忘了乘学习率：这是 (w, b) − ∇L，相当于 η = 1。η 决定每一步走多远：(w, b) ← (w, b) − η ∇L。",
        "en": "the learning rate is missing: this is (w, b) − ∇L, as if η were 1. η decides how far "
              "each step goes: (w, b) ← (w, b) − η ∇L."},
    "ex.05.update.loss_for_grad": {
        "zh": "减去的是 loss 的值 L(w, b)，不是梯度：L 只是一个数，说明你现在站得多高；往哪里走、走多远，"
              "要看斜率 ∂L/∂w 和 ∂L/∂b。",
        "en": "you subtracted the loss value L(w, b), not the gradient: L is one number that says "
              "how high you stand; which way to go, and how far, comes from the slopes ∂L/∂w and "
              "∂L/∂b."},
    "ex.05.update.sum_mean": {
        "zh": "步子长了 m = {m} 倍：梯度用的是求和 Σ，而这个 L 是平均 (mean)，还要除以 m（用 np.mean；讲义 004 §1.2）。",
        "en": "the step is m = {m} times too long: this gradient is a sum Σ, but this L is a mean, "
              "so divide by m (np.mean; note 004 §1.2)."},
    "ex.05.update.half": {
        "zh": "步子长了一倍：这个梯度平均的是 2 (aᵢ − yᵢ)…，那是没有 ½ 的 (a − y)² 的导数。"
              "这里的 L 带 ½：½ (a − y)² 对 a 的导数是 a − y。",
        "en": "the step is twice too long: this gradient averages 2 (aᵢ − yᵢ)…, the derivative of "
              "(a − y)² without the ½. This L has the ½: the derivative of ½ (a − y)² with respect "
              "to a is a − y."},
    "ex.05.update.no_x": {
        "zh": "b 对了，w 不对：∂L/∂w 少了因子 xᵢ。aᵢ = w xᵢ + b，所以 ∂aᵢ/∂w = xᵢ，"
              "∂L/∂w = (1/m) Σ (aᵢ − yᵢ) xᵢ。",
        "en": "b is right, w is not: ∂L/∂w is missing its factor xᵢ. aᵢ = w xᵢ + b, so "
              "∂aᵢ/∂w = xᵢ and ∂L/∂w = (1/m) Σ (aᵢ − yᵢ) xᵢ."},
    "ex.05.update.stale_gradient": {
        "zh": "用的是上面起点 D.START 处的梯度（t0），不是 (w_ex, b_ex) 处的：梯度随位置而变，"
              "每一步都要在当前所在的点重新计算（讲义的第 1 步）。",
        "en": "this uses the gradient at the start D.START above (t0), not at (w_ex, b_ex): the "
              "gradient changes from point to point and has to be computed again where you stand "
              "(step 1 in the notes)."},

    # -- 05.eta_max: the largest η that does not diverge --------------------------------------------
    "ex.05.eta_max.ok": {
        "zh": "正确！η < 2/λ_max 时，沿每个特征方向的偏移每步都乘以 |1 − ηλ| < 1。把每个 x 右移 1 让 λ_max 变大、"
              "阈值变小：输入不居中，能用的 η 就小——这是训练前把输入减去均值（标准化）的一个理由。",
        "en": "correct! With η < 2/λ_max the offset along every eigendirection is multiplied by "
              "|1 − ηλ| < 1 at each step. Moving every x right by 1 raised λ_max and lowered the "
              "threshold: inputs that are not centred allow only smaller steps — one reason to "
              "subtract the mean from (standardise) the inputs before training."},
    "ex.05.eta_max.hint1": {
        "zh": "上面的「学习率 η：四种情形」：沿特征值为 λ 的方向，偏移每步乘以 1 − ηλ；|1 − ηλ| < 1 才收敛，"
              "而且要对每一个 λ 都成立。",
        "en": "“the learning rate η: four regimes” above: along the direction of eigenvalue λ the "
              "offset is multiplied by 1 − ηλ at each step; it converges only if |1 − ηλ| < 1, and "
              "that has to hold for every λ."},
    "ex.05.eta_max.hint2": {
        "zh": "先求移动后数据的 Hessian H（2 × 2；像上面的 land.curvature() 那样用 nnlib.hessian），"
              "再求它的特征值 np.linalg.eigvalsh(H)。答案是一个数。",
        "en": "first the Hessian H on the shifted data (2 × 2; use nnlib.hessian, as "
              "land.curvature() above does), then its eigenvalues, np.linalg.eigvalsh(H). The "
              "answer is one number."},
    "ex.05.eta_max.hint3": {
        "zh": "第一行：H_shift = nnlib.hessian(D.neuron(0.0, 0.0), X_shift, land.Y)",
        "en": "the first line: H_shift = nnlib.hessian(D.neuron(0.0, 0.0), X_shift, land.Y)"},
    "ex.05.eta_max.wrong": {
        "zh": "这个数不对（也不要四舍五入）。hint(\"05.eta_max\") 会一步一步提示。",
        "en": "this number is not right (and it should not be rounded). hint(\"05.eta_max\") "
              "helps step by step."},
    "ex.05.eta_max.one_over": {
        "zh": "这是 1/λ_max：超过它，步子开始越过谷底、来回振荡，但仍然收敛。发散要到 |1 − ηλ_max| > 1，"
              "也就是 η > 2/λ_max。",
        "en": "this is 1/λ_max: beyond it the steps overshoot the valley floor and oscillate, but "
              "they still converge. Divergence needs |1 − ηλ_max| > 1, that is η > 2/λ_max."},
    "ex.05.eta_max.lambda_half": {
        "zh": "这是 λ_max/2，上下颠倒了：条件是 ηλ_max < 2，所以 η < 2/λ_max。曲率越大，η 就要越小。",
        "en": "this is λ_max/2, upside down: the condition is ηλ_max < 2, so η < 2/λ_max. The "
              "larger the curvature, the smaller η has to be."},
    "ex.05.eta_max.lambda_min": {
        "zh": "用了最小的特征值：η < 2/λ_min 只保证平缓的方向收敛；在陡的方向 ηλ_max 早就超过 2 了，"
              "那个方向发散。要对每个方向都成立，得用最大的 λ。",
        "en": "this uses the smallest eigenvalue: η < 2/λ_min only keeps the flat direction "
              "converging; along the steep one ηλ_max is already past 2, and that direction "
              "diverges. To hold for every direction, use the largest λ."},
    "ex.05.eta_max.one_over_min": {
        "zh": "这是 1/λ_min：用了最小的特征值，而且该用 2 的地方用了 1。要每个方向都收敛：η < 2/λ_max。",
        "en": "this is 1/λ_min: the smallest eigenvalue, and 1 where 2 belongs. For every "
              "direction to converge: η < 2/λ_max."},
    "ex.05.eta_max.diagonal": {
        "zh": "用的是 H 的对角元 ∂²L/∂w²，不是特征值：H 的非对角元 ∂²L/∂w∂b 不为 0，w、b 两个方向不是 H 的"
              "特征方向，最陡的曲率 λ_max 比对角元还大。",
        "en": "this uses the diagonal entry ∂²L/∂w² of H, not an eigenvalue: the off-diagonal "
              "entry ∂²L/∂w∂b is not 0, so the w and b directions are not eigendirections of H, and "
              "the steepest curvature λ_max is larger than the diagonal entry."},
    "ex.05.eta_max.sum_mean": {
        "zh": "小了 m = {m} 倍：这是求和 Σ 的 loss 的 Hessian（是 mean 的 m 倍）。这里的 L 是平均 (mean)。",
        "en": "m = {m} times too small: this is the Hessian of the summed loss (m times that of "
              "the mean). This L is the mean."},
    "ex.05.eta_max.unshifted": {
        "zh": "这是笔记本原来那组数据的 2/λ_max（上面印出来了）。x 移动以后 H 就变了：用 X_shift 重新算 H。",
        "en": "this is 2/λ_max of the notebook's own data (printed above). Moving x changes H: "
              "compute H again from X_shift."},

    # -- 05.gd_step: one step for one layer, as a function -------------------------------------------
    "ex.05.gd_step.ok": {
        "zh": "正确！返回新数组，输入原封不动。对网络的每一层都这样做，就是 nnlib.gradient_descent_step。",
        "en": "correct! New arrays, and the inputs untouched. Doing this to every layer of a "
              "network is nnlib.gradient_descent_step."},
    "ex.05.gd_step.hint1": {
        "zh": "上面的公式：Wˡ ← Wˡ − η ∂E/∂Wˡ，bˡ ← bˡ − η ∂E/∂bˡ（讲义 004 §1.3 2️⃣）。",
        "en": "the formula above: Wˡ ← Wˡ − η ∂E/∂Wˡ, bˡ ← bˡ − η ∂E/∂bˡ (note 004 §1.3 2️⃣)."},
    "ex.05.gd_step.hint2": {
        "zh": "返回两个数组 (W_new, b_new)：W_new 与 W 同形状，b_new 与 b 同形状。不要改动传进来的 W 和 b（不要用 -=）。",
        "en": "give back two arrays (W_new, b_new), W_new shaped like W and b_new like b. Leave the "
              "W and b passed in as they are (no -=)."},
    "ex.05.gd_step.hint3": {"zh": "一行就够：return W - eta * dW, ...",
                            "en": "one line does it: return W - eta * dW, ..."},
    "ex.05.gd_step.update_sign": {
        "zh": "方向反了：W + η ∂E/∂W 是向上坡走。梯度指向 E 上升最快的方向，下降要减去它：W ← W − η ∂E/∂W。",
        "en": "the wrong direction: W + η ∂E/∂W goes uphill. The gradient points where E rises "
              "fastest; descent subtracts it: W ← W − η ∂E/∂W."},
    "ex.05.gd_step.no_eta": {
        "zh": "少了学习率 η：W − ∂E/∂W 相当于 η = 1，不管传进来的 eta 是多少。",
        "en": "the learning rate η is missing: W − ∂E/∂W is a step with η = 1, whatever eta is "
              "passed in."},
    "ex.05.gd_step.step_only": {
        "zh": "返回的是这一步的改变量 −η ∂E/∂W，不是新的参数：还要加上原来的 W（和 b）。",
        "en": "this gives back the change −η ∂E/∂W, not the new parameters: add it to the old W "
              "(and b)."},
    "ex.05.gd_step.no_bias_update": {
        "zh": "W 更新了，b 没有：偏置也是参数，同样 b ← b − η ∂E/∂b。",
        "en": "W is updated, b is not: the bias is a parameter too, b ← b − η ∂E/∂b."},
    "ex.05.gd_step.changed_input": {
        "zh": "你的函数改动了传给它的数组（像 W -= … 这样的原地 (in-place) 运算）：调用者手里的参数也跟着变了，"
              "梯度对应的那个网络不见了，也没法退回上一步。写成 W - eta * dW，返回新的数组。",
        "en": "your function changed the arrays passed to it (an in-place operation such as "
              "W -= …): the caller's parameters moved too, the network the gradients belong to is "
              "gone, and there is no going back a step. Write W - eta * dW and give back new "
              "arrays."},

    # -- predict, then check: the descent explorer -------------------------------------------------
    "pq.05.regime.question": {
        "zh": "预测：从起点 ■ 用 η = {eta}（不是预设）走 {k} 步，这次运行属于哪种情形？",
        "en": "predict: {k} steps from the start ■ with η = {eta} (not one of the presets) — "
              "which regime will the run be in?"},
    "pq.05.regime.crawls": {"zh": "爬行 (crawls)：不振荡也不发散，但走完了还离最低点很远",
                            "en": "crawls: no zig-zag, no divergence, but still far from the "
                                  "minimum at the end"},
    "pq.05.regime.good": {"zh": "合适 (good)：走到了最低点", "en": "good: it reaches the minimum"},
    "pq.05.regime.oscillates": {"zh": "振荡 (oscillates)：之字形，但收敛",
                                "en": "oscillates: it zig-zags, but converges"},
    "pq.05.regime.diverges": {"zh": "发散 (diverges)", "en": "diverges"},
    "pq.05.regime.why": {
        "zh": "η·λ_max 和 η·λ_min 都远小于 1（λ 是上面算出的 H 的特征值）：每一步都把到最低点的偏移缩小一点，"
              "而不改变它的方向——不会振荡，更不会发散。但沿山谷平缓的方向（λ_min），偏移每步只乘以 1 − ηλ_min，"
              "非常接近 1：走完这些步，L 还远在 L* 之上。稳不稳由 λ_max 决定，快不快由 λ_min 决定。",
        "en": "η·λ_max and η·λ_min are both far below 1 (λ: the eigenvalues of H above): each step "
              "shrinks the offset from the minimum a little without reversing it — no zig-zag, "
              "let alone divergence. But along the valley's flat direction (λ_min) the offset is "
              "multiplied by 1 − ηλ_min per step, very close to 1: after these steps L is still well "
              "above L*. λ_max decides whether descent is stable, λ_min how fast it goes."},
    "pq.05.regime.seen": {
        "zh": "上面的控件已经用问题里的 η 从起点 ■ 重走了这些步：情形一行写的是「爬行」，路径停在离 ★ 还很远的地方，"
              "右图的 L 还远在虚线 L* 之上。",
        "en": "the widget above has just run these steps from the start ■ with the question's "
              "η: the regime line says “crawls”, the path stops well short of ★, and in the right "
              "chart L is still far above the dashed line L*."},
    "pq.05.blowup.question": {
        "zh": "预测：按“过大 (far too large)”预设（η = {eta}：ηλ_min < 2 < ηλ_max），路径会怎样？",
        "en": "predict: you press the “far too large” preset (η = {eta}: ηλ_min < 2 < ηλ_max) — "
              "what will the path do?"},
    "pq.05.blowup.slow": {"zh": "慢慢收敛：平缓的方向上 ηλ_min < 2，还是稳的",
                          "en": "it converges slowly: along the flat direction ηλ_min < 2, so "
                                "descent is still stable"},
    "pq.05.blowup.zigzag_in": {"zh": "之字形，一步比一步短，最后收敛",
                               "en": "it zig-zags, each step shorter than the last, and converges"},
    "pq.05.blowup.zigzag_out": {"zh": "横穿山谷来回跳，一次比一次远，飞出图外",
                                "en": "it jumps back and forth across the valley, wider each "
                                      "time, until it leaves the picture"},
    "pq.05.blowup.along": {"zh": "不拐弯，顺着山谷一直冲出去",
                           "en": "it runs straight along the valley and out, without a "
                                 "zig-zag"},
    "pq.05.blowup.why": {
        "zh": "只要有一个方向 |1 − ηλ| > 1 就发散。沿陡的方向 1 − ηλ_max < −1：偏移每步变号（越过谷底跳到对面）"
              "并且变大——横穿山谷、越跳越远。沿平缓的方向 0 < 1 − ηλ_min < 1，那一部分反而在缩小，"
              "所以路径不是顺着山谷冲出去的。下面的曲面画的也是这次运行。",
        "en": "one direction with |1 − ηλ| > 1 is enough to diverge. Along the steep direction "
              "1 − ηλ_max < −1: the offset changes sign at every step (across the valley floor to "
              "the other side) and grows — back and forth across the valley, ever wider. Along the "
              "flat direction 0 < 1 − ηλ_min < 1, so that part even shrinks: the path does not run "
              "off along the valley. The surface below shows this run too."},
    "pq.05.blowup.seen": {
        "zh": "上面的控件已经按下了“过大”预设（下面的曲面画的是同一次运行）：路径在山谷两侧来回跳，一次比一次远，"
              "很快离开画面；情形一行写的是「发散」，右图的 L 一路上升。",
        "en": "the widget above has pressed the “far too large” preset (the surface below "
              "shows the same run): the path jumps from one side of the valley to the other, "
              "wider each time, and soon leaves the picture; the regime line says “diverges”, "
              "and in the right chart L keeps rising."},
}
