"""Messages of the exercises: the general diagnoses (shapes, types, NaN, a hard-coded answer …),
the typical mistakes, and each exercise's own hints and diagnoses (``ex.<id>.<code>``)."""

MESSAGES = {
    "ex.unknown": {"zh": "没有编号为 {id} 的练习。", "en": "there is no exercise {id}."},
    "ex.hint_title": {"zh": "提示 {k}/{n}：", "en": "hint {k}/{n}:"},
    "ex.solution_title": {"zh": "参考答案（{id}）：", "en": "a solution ({id}):"},
    "ex.progress": {"zh": "本笔记本的练习：完成 {k} / {n} 个", "en": "this notebook's exercises: {k} of {n} done"},
    "ex.progress_all": {"zh": "本笔记本的 {n} 个练习全部完成 🎉", "en": "all {n} exercises of this notebook done 🎉"},

    # -- what any check can say -----------------------------------------------------------------
    "ex.mistake.ok": {"zh": "正确！", "en": "correct!"},
    "ex.mistake.not_answered": {
        "zh": "还没有作答：把 ... 换成你的答案，再运行这个单元格。",
        "en": "not answered yet: replace ... with your answer and run the cell again."},
    "ex.mistake.none": {
        "zh": "答案是 None：表达式或函数没有给出结果（是不是少了 return？）。",
        "en": "the answer is None: the expression or function gives nothing back (a missing "
              "return?)."},
    "ex.mistake.string": {
        "zh": "答案是一段文字（“{text}”），需要的是数（numpy 数组）。",
        "en": "the answer is text (“{text}”); numbers (a numpy array) are needed."},
    "ex.mistake.not_numbers": {"zh": "答案不是数。", "en": "the answer is not made of numbers."},
    "ex.mistake.list": {
        "zh": "答案是一个 {kind}，需要的是 numpy 数组：用 np.array(...) 把它包起来（数也不对）。",
        "en": "the answer is a {kind}; a numpy array is needed: wrap it in np.array(...) (and "
              "the numbers are not right either)."},
    "ex.mistake.list_right": {
        "zh": "数都对，但这是一个 {kind}，不是 numpy 数组：用 np.array(...) 把它包起来。",
        "en": "the numbers are right, but this is a {kind}, not a numpy array: wrap it in "
              "np.array(...)."},
    "ex.mistake.nan": {
        "zh": "答案里有 NaN 或 inf：检查有没有除以 0、log(0)，或者数溢出了。",
        "en": "the answer holds NaN or inf: look for a division by 0, a log(0) or an overflow."},
    "ex.mistake.transposed_shape": {
        "zh": "形状是 {got}，应为 {want}：行和列对调了——是不是少了（或多了）一个转置？",
        "en": "the shape is {got}, it should be {want}: rows and columns are swapped — a "
              "transpose missing (or one too many)?"},
    "ex.mistake.column": {
        "zh": "形状是 {got}，应为 {want}：讲义里的列向量在 nnlib 里是一维数组 (n,)。",
        "en": "the shape is {got}, it should be {want}: the notes' column vectors are 1-D "
              "arrays (n,) in nnlib."},
    "ex.mistake.shape": {"zh": "形状是 {got}，应为 {want}。",
                         "en": "the shape is {got}, it should be {want}."},
    "ex.mistake.tuple": {"zh": "应当返回由 {n} 个结果组成的元组。",
                         "en": "a tuple of {n} results should come back."},
    "ex.mistake.wrong": {
        "zh": "{size} 个数里有 {n} 个不对，位置（从 1 数起）：{where}。",
        "en": "{n} of the {size} numbers are wrong, at (counting from 1): {where}."},
    "ex.mistake.wrong_number": {"zh": "这个数不对。", "en": "this number is not right."},
    "ex.mistake.not_function": {"zh": "需要的是一个函数（def …），这里是一个 {kind}。",
                                "en": "a function (def …) is needed; this is a {kind}."},
    "ex.mistake.raised": {"zh": "你的函数出错了：{error}", "en": "your function raised: {error}"},
    "ex.mistake.changed_input": {
        "zh": "你的函数改动了传给它的数组：请返回新的数组，不要修改输入。",
        "en": "your function changed an array passed to it: give back new arrays and leave "
              "the inputs as they are."},
    "ex.mistake.hard_coded": {
        "zh": "第一组输入（笔记本里的例子）对了，换成别的随机输入就不对了：是不是写死了某个数，或者只照顾了一种特殊情形（例如只对某一个激活函数成立）？答案要对任何输入都成立。",
        "en": "right for the first input (the notebook's example), wrong for other, random "
              "inputs: is a number written in, or a special case (say, one activation function "
              "only)? The answer must hold for any input."},
    "ex.mistake.not_shape": {"zh": "答案应当是一个形状，例如 (3, 4)：由整数组成的元组。",
                             "en": "the answer should be a shape such as (3, 4): a tuple of whole "
                                   "numbers."},
    "ex.mistake.wrong_shape": {"zh": "{got} 不对。", "en": "{got} is not right."},

    # -- typical mistakes (an exercise may say more in its own words) ----------------------------
    "ex.mistake.transpose": {
        "zh": "少了一个转置：外积的顺序反了（或把 W 当成了 Wᵀ），行和列对调了。",
        "en": "a transpose is missing: the outer product is the wrong way round (or W is used "
              "for Wᵀ), so rows and columns are swapped."},
    "ex.mistake.no_fprime": {
        "zh": "忘了乘激活函数的导数 f′(z)：误差信号要先“穿过”激活函数（讲义 000 第二部分第 4 步）。",
        "en": "the activation's derivative f′(z) is missing: the error must pass through the "
              "activation (note 000, part 2, step 4)."},
    "ex.mistake.fprime_as_f": {
        "zh": "用了 f(z) 而不是 f′(z)：这里要的是激活函数的导数。",
        "en": "f(z) is used where f′(z) belongs: the derivative of the activation is needed."},
    "ex.mistake.half": {
        "zh": "结果是正确答案的 2 倍：用的是没有 ½ 的 E = (a − y)²；完整示例的损失带 ½，所以 δᵒ = a − y。",
        "en": "twice the right answer: this is E = (a − y)² without the ½; the worked example's "
              "loss has the ½, so δᵒ = a − y."},
    "ex.mistake.sign": {
        "zh": "符号反了：δᵒ = a − y（预测减目标），不是 y − a。",
        "en": "the sign is flipped: δᵒ = a − y (prediction minus target), not y − a."},
    "ex.mistake.update_sign": {
        "zh": "方向反了：梯度指向 E 上升最快的方向，下降要走负梯度，W ← W − η ∂E/∂W（讲义 004 §1.3）。",
        "en": "the wrong direction: the gradient points where E rises fastest; descent goes "
              "against it, W ← W − η ∂E/∂W (note 004 §1.3)."},
    "ex.mistake.off_by_one": {
        "zh": "用错了层：∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ 用的是这一层的输入 aˡ⁻¹，不是它的输出 aˡ。",
        "en": "the wrong layer: ∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ uses the layer's input aˡ⁻¹, not its output "
              "aˡ."},
    "ex.mistake.no_relu": {
        "zh": "忘了 ReLU：第 1 层的 z¹ 要先经过 max(0, z) 才传给下一层。",
        "en": "the ReLU is missing: z¹ must go through max(0, z) before the next layer."},
    "ex.mistake.no_bias": {"zh": "忘了加偏置 b：z = W x + b。",
                           "en": "the bias b is missing: z = W x + b."},
    "ex.mistake.no_eta": {"zh": "忘了乘学习率 η：W ← W − η ∂E/∂W。",
                          "en": "the learning rate η is missing: W ← W − η ∂E/∂W."},
    "ex.mistake.forward_difference": {
        "zh": "这是单侧差分 (E(θ+h) − E(θ)) / h：误差是 O(h)。中心差分 (E(θ+h) − E(θ−h)) / 2h 的误差是 O(h²)。",
        "en": "this is the one-sided difference (E(θ+h) − E(θ)) / h, with an O(h) error; the "
              "central difference (E(θ+h) − E(θ−h)) / 2h has an O(h²) error."},
    "ex.mistake.no_two": {
        "zh": "结果是正确答案的 2 倍：θ+h 和 θ−h 相距 2h，所以要除以 2h，不是 h。",
        "en": "twice the right answer: θ+h and θ−h are 2h apart, so divide by 2h, not h."},
    "ex.mistake.swapped": {
        "zh": "行和列对调了：W 的形状是 (m, n)——m 个神经元（行），n 个输入（列）。",
        "en": "rows and columns are swapped: W has shape (m, n) — m neurons (rows), n inputs "
              "(columns)."},
    "ex.mistake.sum_mean": {
        "zh": "差了一个因子 B：sum 的梯度是 mean 的 B 倍（讲义 004 §1.2）。",
        "en": "off by a factor B: the gradient of a sum is B times that of a mean (note 004 "
              "§1.2)."},

    "ex.yours.title": {"zh": "你的反向传播 vs 你的中心差分：", "en": "your backprop beside your central differences:"},
    "ex.yours.not_yet": {"zh": "先完成上面的两个练习（backward 和 numerical_gradient），再运行这个单元格。",
                         "en": "first do the two exercises above (backward and numerical_gradient), "
                               "then run this cell."},
    "ex.yours.agree": {"zh": "全部 {n} 个梯度都一致（相对误差 < 10⁻⁷）。这就是梯度检验 (gradient check)。",
                       "en": "all {n} gradients agree (relative error < 10⁻⁷). That is a gradient "
                             "check."},
    "ex.yours.disagree": {"zh": "{which} 不一致：两个函数里至少有一个有错（先看看上面两个练习的检查结果）。",
                          "en": "{which} disagree: at least one of the two functions is wrong (see "
                                "what the checks above say)."},

    # -- predict, then check ---------------------------------------------------------------------
    "pq.check": {"zh": "核对我的预测", "en": "check my prediction"},
    "pq.pick_first": {"zh": "先选一个你的预测，再核对。", "en": "pick your prediction first, then check it."},
    "pq.waiting": {"zh": "先想一想，选一个答案，再按“核对我的预测”。",
                   "en": "think first, pick an answer, then press “check my prediction”."},
    "pq.right": {"zh": "预测对了：{answer}", "en": "right: {answer}"},
    "pq.not_quite": {"zh": "不对。答案是：{answer}", "en": "not quite. The answer: {answer}"},
    "pq.see_panel": {"zh": "上面的交互图已经设成了这个情形：看看它现在的样子。",
                     "en": "the widget above now shows this case: have a look."},
    "pq.unknown": {"zh": "没有编号为 {id} 的预测题。", "en": "there is no question {id}."},
    "pq.03.dead.question": {"zh": "预测：把 b¹₁ 调到 −0.6，哪些梯度会变成 0？",
                            "en": "predict: with b¹₁ at −0.6, which gradients become 0?"},
    "pq.03.dead.row1": {"zh": "∂E/∂W¹ 的第 1 行、∂E/∂b¹₁ 和 ∂E/∂W² 的第 1 列",
                         "en": "row 1 of ∂E/∂W¹, ∂E/∂b¹₁ and column 1 of ∂E/∂W²"},
    "pq.03.dead.b_only": {"zh": "只有 ∂E/∂b¹₁", "en": "only ∂E/∂b¹₁"},
    "pq.03.dead.all": {"zh": "所有的梯度", "en": "every gradient"},
    "pq.03.dead.none": {"zh": "没有梯度变成 0，只是变小", "en": "none becomes 0, they only shrink"},
    "pq.03.dead.why": {
        "zh": "z¹₁ = W¹₁·x + b¹₁ ≤ 0，所以 ReLU′(z¹₁) = 0、δ¹₁ = 0：∂E/∂b¹₁ = δ¹₁ 和 ∂E/∂W¹ 的第 1 行 δ¹₁xᵀ 都是 0。这个单元的输出 a¹₁ = 0，所以 ∂E/∂W² = δ²(a¹)ᵀ 的第 1 列也是 0。第 2、3 层的其余梯度仍不为 0——它们更靠近输出，误差在到达这个单元之前就算好了。",
        "en": "z¹₁ = W¹₁·x + b¹₁ ≤ 0, so ReLU′(z¹₁) = 0 and δ¹₁ = 0: ∂E/∂b¹₁ = δ¹₁ and row 1 "
              "of ∂E/∂W¹, δ¹₁xᵀ, are 0. The unit's output a¹₁ = 0 as well, so column 1 of "
              "∂E/∂W² = δ²(a¹)ᵀ is 0 too. The other gradients of layers 2 and 3 stay nonzero: "
              "those layers are nearer the output, and their errors are computed before the "
              "error reaches this unit."},
    "pq.03.eta.question": {"zh": "预测：从完整示例出发，用 η = 0.1 走一步，预测值 a³ 会怎样？",
                           "en": "predict: one step with η = 0.1 from the worked example — what "
                                 "happens to the prediction a³?"},
    "pq.03.eta.closer": {"zh": "更接近目标，E 变小", "en": "it comes closer to the target, E falls"},
    "pq.03.eta.overshoot": {"zh": "冲过目标，E 反而变大", "en": "it jumps past the target and E grows"},
    "pq.03.eta.same": {"zh": "几乎不变", "en": "it hardly changes"},
    "pq.03.eta.why": {
        "zh": "所有参数一起移动：预测值的变化约为 −η‖∇E‖²/δᵒ，而 ‖∇E‖² 很大（下面的代码算出它），η = 0.1 让预测值跳过了目标。梯度只给出方向；步子多大要靠 η。",
        "en": "all parameters move together: the prediction changes by about −η‖∇E‖²/δᵒ, and "
              "‖∇E‖² is large (the code below computes it), so η = 0.1 jumps past the target. "
              "The gradient gives the direction; η decides how far."},

    # -- notebook 03 ------------------------------------------------------------------------------
    "ex.03.a2.ok": {"zh": "正确！b¹₁ = −0.6 让 z¹₁ = −0.1 ≤ 0，ReLU 输出 0，a² 只由第 1 层的第 2 个单元决定。",
                    "en": "correct! b¹₁ = −0.6 makes z¹₁ = −0.1 ≤ 0, so the ReLU outputs 0 and a² "
                          "depends only on the second unit of layer 1."},
    "ex.03.a2.hint1": {"zh": "讲义 000 第三部分第 0 步：z¹ = W¹x + b¹，a¹ = ReLU(z¹)，再对第 2 层做同样的事。",
                       "en": "note 000, part 3, step 0: z¹ = W¹x + b¹, a¹ = ReLU(z¹), then the "
                             "same for layer 2."},
    "ex.03.a2.hint2": {"zh": "形状：W¹ 是 (2, 2)，x 是 (2,)，所以 z¹、a¹、a² 都是 (2,)。",
                       "en": "shapes: W¹ is (2, 2), x is (2,), so z¹, a¹ and a² are all (2,)."},
    "ex.03.a2.hint3": {"zh": "第一行：Z_h1_b = W_h1 @ X + np.array([-0.6, 0.1])",
                       "en": "the first line: Z_h1_b = W_h1 @ X + np.array([-0.6, 0.1])"},
    "ex.03.delta_h2.ok": {"zh": "正确！", "en": "correct!"},
    "ex.03.delta_h2.hint1": {"zh": "讲义第 2 步：delta_h2 = (W_o 的转置 · delta_o) ⊙ ReLU′(Z_h2)，这里的 a³ 是新网络的输出。",
                             "en": "step 2 of the notes: delta_h2 = (W_o transposed · delta_o) ⊙ "
                                   "ReLU′(Z_h2), where a³ is the new network's output."},
    "ex.03.delta_h2.hint2": {"zh": "形状：W_o 是 (1, 2)，δᵒ 是 (1,)，(W_o)ᵀ δᵒ 和 δ² 都是 (2,)。",
                             "en": "shapes: W_o is (1, 2), δᵒ is (1,); (W_o)ᵀ δᵒ and δ² are both (2,)."},
    "ex.03.delta_h2.hint3": {"zh": "先用 nnlib 或手算得到新网络的 a³，再 delta_o_b = a3 - Y_true",
                             "en": "first get the new network's a³ (by hand or from nnlib), "
                                   "then delta_o_b = a3 - Y_true"},
    "ex.03.dW1.ok": {"zh": "正确！ReLU 关闭的第 1 个单元那一行全是 0：误差信号过不去。",
                     "en": "correct! The row of the first unit, whose ReLU is off, is all zeros: "
                           "no error gets through it."},
    "ex.03.dW1.hint1": {"zh": "讲义第 3 步：delta_h1 = (W_h2 的转置 · delta_h2) ⊙ ReLU′(Z_h1)，梯度 = delta_h1 · Xᵀ。",
                        "en": "step 3 of the notes: delta_h1 = (W_h2 transposed · delta_h2) ⊙ "
                              "ReLU′(Z_h1), and the gradient = delta_h1 · Xᵀ."},
    "ex.03.dW1.hint2": {"zh": "形状：∂E/∂W¹ 与 W¹ 相同，(2, 2)；第 i 行是 δ¹ᵢ · xᵀ。",
                        "en": "shape: ∂E/∂W¹ has the shape of W¹, (2, 2); row i is δ¹ᵢ · xᵀ."},
    "ex.03.dW1.hint3": {"zh": "最后一行：grad_W_h1_b = np.outer(delta_h1_b, X)",
                        "en": "the last line: grad_W_h1_b = np.outer(delta_h1_b, X)"},
    "ex.03.backward.ok": {"zh": "正确！在随机的网络上也和 nnlib 的反向传播一致。",
                          "en": "correct! It agrees with nnlib's backpropagation on random "
                                "networks too."},
    "ex.03.backward.hint1": {"zh": "按讲义的三步：先前向算出 z¹、a¹、z²、a²、a³；再 δ³ = a³ − y，δ² = (W³)ᵀδ³ ⊙ ReLU′(z²)，δ¹ = (W²)ᵀδ² ⊙ ReLU′(z¹)。",
                             "en": "the notes' three steps: first the forward pass, z¹, a¹, z², a², a³; "
                                   "then δ³ = a³ − y, δ² = (W³)ᵀδ³ ⊙ ReLU′(z²), δ¹ = (W²)ᵀδ² ⊙ ReLU′(z¹)."},
    "ex.03.backward.hint2": {"zh": "返回 [(∂E/∂W¹, ∂E/∂b¹), (∂E/∂W², ∂E/∂b²), (∂E/∂W³, ∂E/∂b³)]，每个梯度与对应的参数同形状。",
                             "en": "return [(∂E/∂W¹, ∂E/∂b¹), (∂E/∂W², ∂E/∂b²), (∂E/∂W³, ∂E/∂b³)], "
                                   "each gradient with the shape of its parameter."},
    "ex.03.backward.hint3": {"zh": "ReLU′(z) 在 numpy 里是 (z > 0)；∂E/∂Wˡ = np.outer(δˡ, aˡ⁻¹)。",
                             "en": "ReLU′(z) in numpy is (z > 0); ∂E/∂Wˡ = np.outer(δˡ, aˡ⁻¹)."},
    "ex.03.numgrad.ok": {"zh": "正确！下面就用它来检查你自己的 backward。",
                         "en": "correct! Below, it checks your own backward."},
    "ex.03.numgrad.hint1": {"zh": "笔记本 02 的中心差分：∂E/∂θᵢ ≈ (E(θ + h eᵢ) − E(θ − h eᵢ)) / 2h，每次只挪动一个元素。",
                            "en": "the central difference of notebook 02: ∂E/∂θᵢ ≈ "
                                  "(E(θ + h eᵢ) − E(θ − h eᵢ)) / 2h, moving one entry at a time."},
    "ex.03.numgrad.hint2": {"zh": "grad 与 θ 同形状；用 np.ndindex(theta.shape) 走遍 θ 的每个位置，别改动传进来的 θ（先 copy）。",
                            "en": "grad has the shape of θ; np.ndindex(theta.shape) visits every "
                                  "entry; do not change the θ passed in (copy it first)."},
    "ex.03.numgrad.hint3": {"zh": "循环的第一行：up, down = theta.copy(), theta.copy()",
                            "en": "the loop's first line: up, down = theta.copy(), theta.copy()"},
    "ex.03.step.ok": {"zh": "正确！每个权重都沿负梯度方向移动了 η 倍梯度。",
                      "en": "correct! Every weight moved against its gradient, by η times the "
                            "gradient."},
    "ex.03.step.hint1": {"zh": "讲义最后一句与讲义 004 §1.3：W ← W − η ∂E/∂W，η = 0.02，梯度是讲义的 Gradient of W_h1（t[1].dW）。",
                         "en": "the notes' last sentence, and note 004 §1.3: W ← W − η ∂E/∂W with "
                               "η = 0.02; the gradient is the notes' Gradient of W_h1 (t[1].dW)."},
    "ex.03.step.hint2": {"zh": "形状与 W¹ 相同：(2, 2)。", "en": "the shape of W¹: (2, 2)."},
    "ex.03.step.hint3": {"zh": "W_h1_new = W_h1 - 0.02 * ...", "en": "W_h1_new = W_h1 - 0.02 * ..."},
}
