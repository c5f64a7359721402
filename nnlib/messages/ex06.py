"""Messages of notebook 06's exercises and questions (nnlib.exercises.nb06): each exercise's
``ok``, ``hint1..3`` and the diagnoses of its typical mistakes (``ex.06.<exercise>.<code>``),
each question's text, options and explanation (``pq.06.<question>.<part>``)."""

MESSAGES = {
    # -- 06.steps: an epoch is ⌈N / B⌉ steps ------------------------------------------------------
    "ex.06.steps.ok": {
        "zh": "正确！一轮 (epoch) 把 {N} 个训练点各用一次，每步 B = {B} 个：前面的步都是满的，最后一步"
              "用剩下的点（不足 B 个也算一步），所以是 ⌈N/B⌉ 步。练习场的“步数”计数器就是这样数的。",
        "en": "correct! An epoch uses each of the {N} training points once, B = {B} per step: the "
              "steps are full except the last, which takes what is left (fewer than B still "
              "make a step), so it is ⌈N/B⌉ steps. The playground's step counter counts them "
              "this way."},
    "ex.06.steps.hint1": {
        "zh": "一轮 (epoch) = 所有训练点各用一次；一步 = 一个小批量 (minibatch)，也就是 B 个点的一次 "
              "trace 和一次 W ← W − η ∂E/∂W。",
        "en": "an epoch = every training point used once; a step = one minibatch, that is one "
              "trace of B points and one W ← W − η ∂E/∂W."},
    "ex.06.steps.hint2": {
        "zh": "N/B 不是整数时，最后剩下的点也要用到：它们组成最后一个（较小的）batch。",
        "en": "when N/B is not a whole number, the points left at the end are used too: they "
              "make one last, smaller batch."},
    "ex.06.steps.hint3": {"zh": "steps_per_epoch = int(np.ceil(n_train / B))",
                          "en": "steps_per_epoch = int(np.ceil(n_train / B))"},
    "ex.06.steps.floor": {
        "zh": "少了一步：N // B 丢掉了最后剩下的点。练习场不丢点：最后 N − B·⌊N/B⌋ 个点也走一步。",
        "en": "one step short: N // B drops the points left at the end. The playground drops "
              "none: the last N − B·⌊N/B⌋ points make a step of their own."},
    "ex.06.steps.points": {
        "zh": "这是每个点一步（B = 1 时才对）。一步用一整个 batch 的 B 个点：它们的梯度先合在一起"
              "（∂E/∂W = δ Aᵀ 对 batch 的列求和），再更新一次。",
        "en": "this is one step per point (right only for B = 1). A step uses a whole batch of B "
              "points: their gradients are combined first (∂E/∂W = δ Aᵀ sums over the batch's "
              "columns), then one update is made."},

    # -- 06.delta_shape: δ² of a batch is (n², B) ---------------------------------------------------
    "ex.06.delta_shape.ok": {
        "zh": "正确！δ² = ∂E/∂Z² 和 Z² 同形状 ({n2}, {B})：第 2 层每个单元一行，batch 的每个样本一列"
              "（样本是列）。对列求和之后才是 ∂E/∂b² = Σₖ δ²ₖ，形状 ({n2},)。",
        "en": "correct! δ² = ∂E/∂Z² has Z²'s shape, ({n2}, {B}): one row per unit of layer 2, one "
              "column per example of the batch (examples are columns). Summed over the columns "
              "it becomes ∂E/∂b² = Σₖ δ²ₖ, of shape ({n2},)."},
    "ex.06.delta_shape.hint1": {
        "zh": "讲义 000 第二部分：δˡ = ∂E/∂zˡ，和 zˡ 同形状。一个样本时 zˡ 是一列；B 个样本并排成 B 列。",
        "en": "note 000, part 2: δˡ = ∂E/∂zˡ has zˡ's shape. For one example zˡ is a column; for "
              "B examples side by side, B columns."},
    "ex.06.delta_shape.hint2": {
        "zh": "Z² = W² A¹ + b²：W² 是 (n², n¹)，A¹ 是 (n¹, B)。",
        "en": "Z² = W² A¹ + b²: W² is (n², n¹), A¹ is (n¹, B)."},
    "ex.06.delta_shape.hint3": {"zh": "delta2_shape = (sizes[2], B)",
                                "en": "delta2_shape = (sizes[2], B)"},
    "ex.06.delta_shape.rows_cols": {
        "zh": "行和列对调了：在讲义和 nnlib 里样本是列，所以 δ² 是 (单元数, B) = ({n2}, {B})，不是 (B, 单元数)。",
        "en": "rows and columns are swapped: in the notes and in nnlib examples are columns, so δ² "
              "is (units, B) = ({n2}, {B}), not (B, units)."},
    "ex.06.delta_shape.summed": {
        "zh": "({n2},) 是 ∂E/∂b² = Σₖ δ²ₖ 的形状（练习场的图在单元里显示的就是它）。δ² 本身每个样本一列：({n2}, {B})。",
        "en": "({n2},) is the shape of ∂E/∂b² = Σₖ δ²ₖ (what the playground's diagram shows in its "
              "units). δ² itself has one column per example: ({n2}, {B})."},
    "ex.06.delta_shape.epoch": {
        "zh": "一步只看一个 batch 的 B = {B} 个点，不是一轮 (epoch) 的全部 {N} 个点：δ² 是 ({n2}, {B})。",
        "en": "a step sees one batch of B = {B} points, not all {N} points of an epoch: δ² is "
              "({n2}, {B})."},
    "ex.06.delta_shape.next_layer": {
        "zh": "这是 δ³（输出层，1 个单元）的形状。δ² 属于第 2 层，它有 {n2} 个单元。",
        "en": "this is the shape of δ³ (the output layer, 1 unit). δ² belongs to layer 2, which "
              "has {n2} units."},
    "ex.06.delta_shape.prev_layer": {
        "zh": "这是 δ¹ 的形状（第 1 层有 {n1} 个单元）。sizes = [n⁰, n¹, n², n³]：第 2 层是 sizes[2]。",
        "en": "this is the shape of δ¹ (layer 1 has {n1} units). sizes = [n⁰, n¹, n², n³]: layer 2 "
              "is sizes[2]."},

    # -- 06.batch_grad: one neuron, a batch, the mean ------------------------------------------------
    "ex.06.batch_grad.ok": {
        "zh": "正确！δ = (a − y) ⊙ σ′(z) / B 每个样本一列，∂E/∂W = δ Xᵀ 用一次矩阵乘法把 B 个样本的贡献加起来，"
              "∂E/∂b = Σₖ δₖ。练习场每一步做的就是这个（nnlib 的 trace）。",
        "en": "correct! δ = (a − y) ⊙ σ′(z) / B has one column per example, ∂E/∂W = δ Xᵀ adds up "
              "the B examples' contributions in one matrix product, and ∂E/∂b = Σₖ δₖ. This is "
              "what every step of the playground does (nnlib's trace)."},
    "ex.06.batch_grad.hint1": {
        "zh": "讲义 000 第二部分第 1、2 步，再加上平均：δ = ∂E/∂z = ∂E/∂a ⊙ σ′(z)，∂E/∂W = δ (a⁰)ᵀ；"
              "E 是 B 个样本的平均，所以每个样本的 ∂E/∂a 是 (aₖ − yₖ)/B。",
        "en": "note 000, part 2, steps 1 and 2, plus the mean: δ = ∂E/∂z = ∂E/∂a ⊙ σ′(z), "
              "∂E/∂W = δ (a⁰)ᵀ; E is the mean over the B examples, so each example's ∂E/∂a is "
              "(aₖ − yₖ)/B."},
    "ex.06.batch_grad.hint2": {
        "zh": "形状：Z = W X + b 是 (1, B)（b[:, None] 让 b 加到每一列上），δ 也是 (1, B)，δ Xᵀ 是 (1, 2)，"
              "∂E/∂b 是 (1,)。σ′(z) = a (1 − a)。",
        "en": "shapes: Z = W X + b is (1, B) (b[:, None] adds b to every column), δ is (1, B) too, "
              "δ Xᵀ is (1, 2), ∂E/∂b is (1,). σ′(z) = a (1 − a)."},
    "ex.06.batch_grad.hint3": {
        "zh": "第一行：A = 1 / (1 + np.exp(-(W @ X + b[:, None])))",
        "en": "the first line: A = 1 / (1 + np.exp(-(W @ X + b[:, None])))"},
    "ex.06.batch_grad.sum": {
        "zh": "这是求和的梯度，是平均的 B 倍：E 是 (1/B) Σₖ ½ (aₖ − yₖ)²，δ 要除以 B。"
              "（选 sum 时同一个 η 的步子就大了 B 倍。）",
        "en": "this is the gradient of the sum, B times the mean's: E is (1/B) Σₖ ½ (aₖ − yₖ)², "
              "so δ is divided by B. (With sum, the same η takes steps B times as large.)"},
    "ex.06.batch_grad.no_fprime": {
        "zh": "少了 σ′(z) = a (1 − a)：δ = ∂E/∂z = (a − y) ⊙ σ′(z)。讲义第 1 步的 δᴸ = aᴸ − y 是 softmax + "
              "交叉熵的捷径，对 sigmoid + ½ 平方误差不成立。",
        "en": "σ′(z) = a (1 − a) is missing: δ = ∂E/∂z = (a − y) ⊙ σ′(z). The notes' step 1, "
              "δᴸ = aᴸ − y, is the shortcut of softmax + cross-entropy; it does not hold for "
              "sigmoid + ½ squared error."},
    "ex.06.batch_grad.half": {
        "zh": "梯度大了一倍：E 里有 ½，所以 ∂E/∂a = a − y，不是 2 (a − y)。",
        "en": "the gradient is twice too large: E has the ½, so ∂E/∂a = a − y, not 2 (a − y)."},
    "ex.06.batch_grad.sign": {
        "zh": "符号反了：∂E/∂a = a − y（预测减目标）。用 y − a 的话，W ← W − η ∂E/∂W 就会往上坡走。",
        "en": "the sign is flipped: ∂E/∂a = a − y (prediction minus target). With y − a, "
              "W ← W − η ∂E/∂W would walk uphill."},
    "ex.06.batch_grad.transpose": {
        "zh": "∂E/∂W 的形状是 (2, 1)：X δᵀ 是转置。∂E/∂W = δ Xᵀ，和 W 同形状 (1, 2)。",
        "en": "∂E/∂W has shape (2, 1): X δᵀ is the transpose. ∂E/∂W = δ Xᵀ, shaped like W, (1, 2)."},
    "ex.06.batch_grad.db_not_summed": {
        "zh": "∂E/∂W 对了，∂E/∂b 还是每个样本一列 (1, B)：b 只有一个，它的梯度是 Σₖ δₖ（delta.sum(axis=1)），形状 (1,)。",
        "en": "∂E/∂W is right, but ∂E/∂b still has one column per example, (1, B): there is one "
              "b, and its gradient is Σₖ δₖ (delta.sum(axis=1)), of shape (1,)."},

    # -- 06.heat: the boundary picture is a forward pass over a grid --------------------------------
    "ex.06.heat.ok": {
        "zh": "正确！整张热图就是一次前向传播：网格的 M 个格子中心并排成 M 列，A¹ = tanh(W¹X + b¹)，"
              "a² = σ(W²A¹ + b²)。练习场每一帧对 50 × 50 = 2500 列做的就是这个。",
        "en": "correct! The whole heat map is one forward pass: the M cell centres of the grid "
              "side by side as M columns, A¹ = tanh(W¹X + b¹), a² = σ(W²A¹ + b²). Every frame "
              "of the playground does this for 50 × 50 = 2500 columns."},
    "ex.06.heat.hint1": {
        "zh": "讲义 000 第一部分：zˡ = Wˡ aˡ⁻¹ + bˡ，aˡ = f(zˡ)，逐层做。这里 a⁰ = X：每一列是一个点。",
        "en": "note 000, part 1: zˡ = Wˡ aˡ⁻¹ + bˡ, aˡ = f(zˡ), layer by layer. Here a⁰ = X: each "
              "column is one point."},
    "ex.06.heat.hint2": {
        "zh": "W¹ 是 (n¹, 2)，X 是 (2, M)，所以 W¹X 是 (n¹, M)；b¹ 是 (n¹,)，要写成 b1[:, None] 加到每一列上。结果是 (1, M)。",
        "en": "W¹ is (n¹, 2) and X is (2, M), so W¹X is (n¹, M); b¹ is (n¹,) and goes on as "
              "b1[:, None], added to every column. The result is (1, M)."},
    "ex.06.heat.hint3": {"zh": "第一行：A1 = np.tanh(W1 @ X + b1[:, None])",
                         "en": "the first line: A1 = np.tanh(W1 @ X + b1[:, None])"},
    "ex.06.heat.no_sigmoid": {
        "zh": "这是 z²，还没有过输出层的 sigmoid：a² = σ(z²) 才是 0 到 1 之间的“类别 1 的概率”，热图画的是它。",
        "en": "this is z², before the output's sigmoid: a² = σ(z²), between 0 and 1, is the "
              "“chance of class 1” the heat map shows."},
    "ex.06.heat.no_tanh": {
        "zh": "隐藏层少了 tanh：a¹ = tanh(z¹)。没有它，两层合起来只是一个线性映射，边界只能是一条直线。",
        "en": "the hidden layer's tanh is missing: a¹ = tanh(z¹). Without it the two layers are "
              "one linear map together, and the boundary can only be a straight line."},
    "ex.06.heat.sigmoid_hidden": {
        "zh": "隐藏层用了 sigmoid，这个网络的隐藏层是 tanh：a¹ = tanh(W¹X + b¹)。",
        "en": "the hidden layer uses a sigmoid; this network's hidden layer is tanh: "
              "a¹ = tanh(W¹X + b¹)."},
    "ex.06.heat.rows": {
        "zh": "形状是 (M, 1)：样本是列，结果应是 (1, M)，每个点一列（这里多转置了一次）。",
        "en": "the shape is (M, 1): examples are columns, so the result is (1, M), one column per "
              "point (there is one transpose too many)."},

    # -- the questions ------------------------------------------------------------------------------
    "pq.06.seen": {
        "zh": "上面的练习场已经设成了这个情形，并训练好了：看看边界、单元的小图和曲线。",
        "en": "the playground above is now set to this case and trained: look at the boundary, "
              "the units' small pictures and the curves."},
    "pq.06.xor0.question": {
        "zh": "预测：异或 (XOR) 数据，没有隐藏层（2 → 1，sigmoid），训练 50 轮之后，边界会是什么样子？",
        "en": "predict: XOR with no hidden layer (2 → 1, sigmoid), after 50 epochs, what does the "
              "boundary look like?"},
    "pq.06.xor0.quadrants": {"zh": "四个象限各自着色，和数据一样",
                             "en": "four quadrants, coloured like the data"},
    "pq.06.xor0.line": {"zh": "至多一条直线，一半左右的点在错的一边",
                        "en": "one straight line at best, with about half the points on the "
                              "wrong side"},
    "pq.06.xor0.diverges": {"zh": "发散：数值变成 inf/NaN", "en": "it diverges: the numbers become "
                            "inf/NaN"},
    "pq.06.xor0.why": {
        "zh": "没有隐藏层时 a = σ(W x + b)：a = 0.5 的地方是直线 W x + b = 0，这个网络能画的边界只有直线。"
              "异或 (XOR) 的两类点呈对角分布，没有一条直线能分开它们，所以 E 降到接近“处处预测 0.5”时的 "
              "½ · 0.5² = 0.125 就不再下降。加一个隐藏层（例如 4 个 tanh 单元）：每个单元画一条线，"
              "输出层把它们组合起来，就能围出四个象限。",
        "en": "with no hidden layer, a = σ(W x + b): a = 0.5 along the straight line W x + b = 0, "
              "and a straight line is the only boundary this network can draw. XOR's two classes "
              "sit on the diagonals and no line separates them, so E falls to about what "
              "predicting 0.5 everywhere gives, ½ · 0.5² = 0.125, and stays there. Add one hidden "
              "layer (say 4 tanh units): each unit draws a line, the output layer combines them, "
              "and the four quadrants can be fenced in."},
    "pq.06.dead.question": {
        "zh": "预测：圆形数据，一个 8 单元的 ReLU 隐藏层，softmax + 交叉熵，η = 5（很大），训练 20 轮之后会怎样？",
        "en": "predict: the circle, one hidden layer of 8 ReLU units, softmax + cross-entropy, "
              "η = 5 (large), after 20 epochs?"},
    "pq.06.dead.faster": {"zh": "大步子学得更快，E 很快接近 0",
                          "en": "big steps learn faster, E is soon close to 0"},
    "pq.06.dead.dead": {"zh": "大多数 ReLU 死掉了，E 停在高处不再下降",
                        "en": "most ReLUs die and E stays high"},
    "pq.06.dead.nan": {"zh": "数值溢出成 NaN，练习场暂停", "en": "the numbers overflow to NaN and "
                       "the playground pauses"},
    "pq.06.dead.why": {
        "zh": "第一个 batch 的梯度很大，η = 5 的一步把某些单元的 bˡᵢ 和 Wˡᵢ 推到使 zˡᵢ = Wˡᵢ x + bˡᵢ ≤ 0 "
              "对每一个训练点都成立的地方。这时 ReLU′(zˡᵢ) = 0，δˡᵢ = 0，它的权重再也得不到梯度："
              "单元死了，不会复活（图里灰色虚线，小图在所有数据点上都是白的）。剩下的几个单元不够围出一个圆，E 就停住了。"
              "softmax + 交叉熵的 δᴸ = aᴸ − y 不会因饱和而变小，所以大步子的冲击特别大；η = 2 时没有单元死掉。",
        "en": "the first batches' gradients are large, and a step with η = 5 pushes some units' "
              "bˡᵢ and Wˡᵢ to where zˡᵢ = Wˡᵢ x + bˡᵢ ≤ 0 for every training point. Then "
              "ReLU′(zˡᵢ) = 0 and δˡᵢ = 0: the unit's weights never get a gradient again, the unit "
              "is dead and stays dead (grey and dashed in the diagram, its small picture white at every data point). "
              "The few units left cannot fence in a circle, so E stalls. Softmax + "
              "cross-entropy's δᴸ = aᴸ − y does not shrink when the output saturates, which is "
              "why big steps hit so hard here; with η = 2 no unit dies."},
}
