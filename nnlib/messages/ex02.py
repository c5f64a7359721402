"""Messages of notebook 02's exercises (``ex.02.*``) and predict-then-check questions
(``pq.02.*``): each exercise's hints, what it says when right, and its own diagnoses."""

MESSAGES = {
    # -- 02.delta_L: δᴸ = aᴸ − y for true class 1 ------------------------------------------------
    "ex.02.delta_L.ok": {
        "zh": "正确！只有真实类别那一项是负的（“这个概率应该更大”），另外两项就是概率本身（“这些应该更小”）；三项之和是 0。",
        "en": "correct! Only the true class's entry is negative (“this probability should "
              "grow”); the other two are the probabilities themselves (“these should shrink”). "
              "The three add up to 0."},
    "ex.02.delta_L.hint1": {
        "zh": "讲义 000 第二部分第 1 步：softmax + 交叉熵时 δᴸ = aᴸ − y。aᴸ 是网络的预测，就是上面的 t[2].a；它与 y 无关。",
        "en": "note 000, part 2, step 1: with softmax and cross-entropy, δᴸ = aᴸ − y. aᴸ is the "
              "network's prediction, t[2].a above; it does not depend on y."},
    "ex.02.delta_L.hint2": {
        "zh": "形状：与 aᴸ、y 相同，(3,)——每个输出类别一项。",
        "en": "shape: like aᴸ and y, (3,): one entry per output class."},
    "ex.02.delta_L.hint3": {"zh": "delta_L_class1 = t[2].a - ...",
                            "en": "delta_L_class1 = t[2].a - ..."},
    "ex.02.delta_L.sign": {
        "zh": "符号反了：δᴸ = aᴸ − y（预测减目标），不是 y − aᴸ。符号反了，梯度下降就会把真实类别的概率往下推。",
        "en": "the sign is flipped: δᴸ = aᴸ − y (prediction minus target), not y − aᴸ. With the "
              "sign flipped, gradient descent would push the true class's probability down."},
    "ex.02.delta_L.no_y": {
        "zh": "这只是 aᴸ，少了 y：δᴸ = aᴸ − y。y_class1 只在类别 1 处为 1，所以只有第一项变化（减 1）。",
        "en": "this is aᴸ alone: y is missing. δᴸ = aᴸ − y, and y_class1 is 1 at class 1 only, "
              "so only the first entry changes (it goes down by 1)."},
    "ex.02.delta_L.old_class": {
        "zh": "这是类别 2 的 aᴸ − y：用的是笔记本上面的 y（或者 np.eye(3)[1]——numpy 从 0 开始数）。这里的真实类别是 1：用 y_class1。",
        "en": "this is aᴸ − y for class 2: the notebook's y above (or np.eye(3)[1]: numpy counts "
              "from 0). Here the true class is 1: use y_class1."},

    # -- 02.shape_dW2 ---------------------------------------------------------------------------
    "ex.02.shape_dW2.ok": {
        "zh": "正确！梯度总是与它的参数同形状：∂E/∂W² 和 W² 一样，每个输出神经元一行，每个隐藏神经元一列。",
        "en": "correct! A gradient always has its parameter's shape: ∂E/∂W² is shaped like W², "
              "one row per output neuron, one column per hidden neuron."},
    "ex.02.shape_dW2.hint1": {
        "zh": "讲义第 2 步：∂E/∂Wᴸ = δᴸ (aᴸ⁻¹)ᵀ，一个列向量乘一个行向量（外积）。这里 L = 2。",
        "en": "step 2 of the notes: ∂E/∂Wᴸ = δᴸ (aᴸ⁻¹)ᵀ, a column times a row (an outer "
              "product). Here L = 2."},
    "ex.02.shape_dW2.hint2": {
        "zh": "δ² 每个输出神经元一项，a¹ 每个隐藏神经元一项；(m × 1) 的列乘 (1 × n) 的行得到 m × n。",
        "en": "δ² has one entry per output neuron, a¹ one per hidden neuron; an (m × 1) column "
              "times a (1 × n) row is m × n."},
    "ex.02.shape_dW2.hint3": {
        "zh": "shape_dW2 = (输出神经元的个数, 隐藏神经元的个数)——先行后列，与 W² 相同。",
        "en": "shape_dW2 = (number of output neurons, number of hidden neurons): rows first, as "
              "for W²."},
    "ex.02.shape_dW2.swapped": {
        "zh": "行和列对调了：∂E/∂W² = δ² (a¹)ᵀ 是列 δ²（每个输出神经元一项）乘行 (a¹)ᵀ（每个隐藏神经元一项），所以行数等于输出的个数——正是 W² 的形状。",
        "en": "rows and columns are swapped: ∂E/∂W² = δ² (a¹)ᵀ is the column δ² (one entry per "
              "output neuron) times the row (a¹)ᵀ (one per hidden neuron), so it has a row per "
              "output: the shape of W² itself."},
    "ex.02.shape_dW2.square": {
        "zh": "这是 δ² 乘一个和 δ² 一样长的向量，例如 δ²(a²)ᵀ（这一层自己的输出）或 δ² xᵀ（网络的输入）。第 2 层的输入是 a¹，每个隐藏神经元一项。",
        "en": "that is δ² times a vector as long as δ² itself, such as δ² (a²)ᵀ (the layer's own "
              "output) or δ² xᵀ (the network's input). The input of layer 2 is a¹, one entry per "
              "hidden neuron."},
    "ex.02.shape_dW2.bias": {
        "zh": "这是 δ² = ∂E/∂b² 的形状：每个输出神经元一个数。∂E/∂W² 是每个权重一个数，与 W² 同形状。",
        "en": "that is the shape of δ² = ∂E/∂b²: one number per output neuron. ∂E/∂W² has one "
              "number per weight, like W²."},

    # -- 02.dW_L: ∂E/∂W² = δ² (a¹)ᵀ for true class 1 ---------------------------------------------
    "ex.02.dW_L.ok": {
        "zh": "正确！第 i 行是 δᴸᵢ (a¹)ᵀ：真实类别那一行（δ 为负）的符号与另外两行正好相反。",
        "en": "correct! Row i is δᴸᵢ (a¹)ᵀ: the row of the true class, whose δ is negative, has "
              "the opposite signs to the other two rows."},
    "ex.02.dW_L.hint1": {
        "zh": "讲义第 2 步：∂E/∂Wᴸ = δᴸ (aᴸ⁻¹)ᵀ。δᴸ 是练习 02.delta_L 里类别 1 的 δᴸ，aᴸ⁻¹ = a¹ 是隐藏层的输出 t[1].a。",
        "en": "step 2 of the notes: ∂E/∂Wᴸ = δᴸ (aᴸ⁻¹)ᵀ, with δᴸ for class 1 (exercise "
              "02.delta_L) and aᴸ⁻¹ = a¹, the hidden layer's output t[1].a."},
    "ex.02.dW_L.hint2": {
        "zh": "形状与 W² 相同（上一个练习）；第 i 行是 δᴸᵢ · (a¹)ᵀ。",
        "en": "shaped like W² (the previous exercise); row i is δᴸᵢ · (a¹)ᵀ."},
    "ex.02.dW_L.hint3": {"zh": "grad_W2_class1 = np.outer(..., t[1].a)",
                         "en": "grad_W2_class1 = np.outer(..., t[1].a)"},
    "ex.02.dW_L.transpose": {
        "zh": "外积的顺序反了：这是 a¹ (δᴸ)ᵀ，形状是 (W²)ᵀ 的。∂E/∂Wᴸ = δᴸ (aᴸ⁻¹)ᵀ：δᴸ 在前（行对应输出神经元），np.outer(delta, a)。",
        "en": "the outer product is the wrong way round: this is a¹ (δᴸ)ᵀ, shaped like (W²)ᵀ. "
              "∂E/∂Wᴸ = δᴸ (aᴸ⁻¹)ᵀ: δᴸ first (its rows are the output neurons), "
              "np.outer(delta, a)."},
    "ex.02.dW_L.off_by_one": {
        "zh": "用错了层：这是 δᴸ (aᴸ)ᵀ，用了这一层自己的输出 aᴸ = a²。∂E/∂Wᴸ 用的是这一层的输入 aᴸ⁻¹ = a¹（t[1].a）。",
        "en": "the wrong layer: this is δᴸ (aᴸ)ᵀ, with the layer's own output aᴸ = a². ∂E/∂Wᴸ "
              "uses the layer's input, aᴸ⁻¹ = a¹ (t[1].a)."},
    "ex.02.dW_L.input_x": {
        "zh": "这是 δᴸ xᵀ：x 是第 1 层的输入，不是第 2 层的。输出层的输入是隐藏层的输出 aᴸ⁻¹ = a¹（t[1].a）。",
        "en": "this is δᴸ xᵀ: x is the input of layer 1, not of layer 2. The output layer's "
              "input is the hidden layer's output, aᴸ⁻¹ = a¹ (t[1].a)."},
    "ex.02.dW_L.old_class": {
        "zh": "这是类别 2（笔记本的 y）的梯度，也就是 t[2].dW。这里的真实类别是 1：δᴸ = aᴸ − y_class1。",
        "en": "this is the gradient for class 2, the notebook's y: t[2].dW. Here the true class "
              "is 1: δᴸ = aᴸ − y_class1."},
    "ex.02.dW_L.sign": {
        "zh": "每个符号都反了：δᴸ = aᴸ − y，不是 y − aᴸ（见练习 02.delta_L）。",
        "en": "every sign is flipped: δᴸ = aᴸ − y, not y − aᴸ (see exercise 02.delta_L)."},

    # -- 02.hidden_delta: ((W_next)ᵀ δ_next) ⊙ f′(z) -----------------------------------------------
    "ex.02.hidden_delta.ok": {
        "zh": "正确！在笔记本的隐藏层上，也在随机的 tanh、sigmoid、ReLU 层上都对。",
        "en": "correct! It holds for the notebook's hidden layer and for random layers with "
              "tanh, sigmoid and ReLU."},
    "ex.02.hidden_delta.hint1": {
        "zh": "讲义第 4 步：δᴸ⁻¹ = ((Wᴸ)ᵀ δᴸ) ⊙ σ′(zᴸ⁻¹)。这里 W_next 是 Wᴸ，delta_next 是 δᴸ，z 是 zᴸ⁻¹，fprime 是 σ′。",
        "en": "step 4 of the notes: δᴸ⁻¹ = ((Wᴸ)ᵀ δᴸ) ⊙ σ′(zᴸ⁻¹). Here W_next is Wᴸ, delta_next "
              "is δᴸ, z is zᴸ⁻¹ and fprime is σ′."},
    "ex.02.hidden_delta.hint2": {
        "zh": "形状：W_next 是 (n_next, n)，delta_next 是 (n_next,)，z 是 (n,)；(W_next)ᵀ δ_next 是 (n,)，⊙（按元素乘，numpy 里的 *）之后仍是 (n,)。",
        "en": "shapes: W_next is (n_next, n), delta_next (n_next,), z (n,); (W_next)ᵀ δ_next is "
              "(n,), and ⊙ (element-wise, * in numpy) keeps it (n,)."},
    "ex.02.hidden_delta.hint3": {"zh": "return (W_next.T @ delta_next) * ...",
                                 "en": "return (W_next.T @ delta_next) * ..."},
    "ex.02.hidden_delta.no_fprime": {
        "zh": "少了 f′(z)：(W_next)ᵀ δ_next 只是到达这一层的误差 ∂E/∂a（第 3 步），它还要穿过激活函数：⊙ σ′(z)（第 4 步）。",
        "en": "f′(z) is missing: (W_next)ᵀ δ_next is the error arriving at the layer, ∂E/∂a "
              "(step 3). It must still pass through the activation: ⊙ σ′(z) (step 4)."},
    "ex.02.hidden_delta.fprime_as_f": {
        "zh": "用了 f(z) 而不是 f′(z)：误差穿过的是激活函数的导数 fprime(z)，不是激活函数本身。",
        "en": "f(z) is used where f′(z) belongs: the error passes through the activation's "
              "derivative, fprime(z), not through the activation itself."},
    "ex.02.hidden_delta.fprime_of_a": {
        "zh": "f′ 是在 a = f(z) 处取的：fprime(f(z))。导数要在 z 处取：fprime(z)。（像 tanh′ = 1 − a² 这样的式子是用 a 写的，但它仍是 f′ 在 z 处的值。）",
        "en": "f′ is taken at a = f(z): fprime(f(z)). The derivative belongs at z: fprime(z). "
              "(Formulas such as tanh′ = 1 − a² are written in a, but they are still f′ at z.)"},
    "ex.02.hidden_delta.dot": {
        "zh": "返回的是一个数：@ 把 (W_next)ᵀ δ_next 和 f′(z) 当成向量做了点积。⊙ 是按元素乘，numpy 里是 *，结果是一个向量，这一层每个神经元一项。",
        "en": "a single number came back: @ took (W_next)ᵀ δ_next and f′(z) as vectors and gave "
              "their dot product. ⊙ is element-wise, * in numpy, and the result is a vector, one "
              "entry per neuron of the layer."},
    "ex.02.hidden_delta.tanh_only": {
        "zh": "在 tanh 层上对，在 sigmoid 和 ReLU 层上不对：你用的是本页的 tanh′ = 1 − tanh²(z)，而不是传进来的 fprime。函数要对任何激活函数都成立：用 fprime(z)。",
        "en": "right for tanh layers, wrong for sigmoid and ReLU ones: this uses this page's "
              "tanh′ = 1 − tanh²(z) instead of the fprime passed in. The function must hold for "
              "any activation: use fprime(z)."},
    "ex.02.hidden_delta.raised_transpose": {
        "zh": "numpy 无法相乘这两个形状（{error}）：少了一个转置。W_next 是 (n_next, n)，delta_next 是 (n_next,)：能和 delta_next 相乘的是 (W_next)ᵀ，W_next.T @ delta_next 的形状是 (n,)（讲义第 3 步）。",
        "en": "numpy cannot multiply these shapes ({error}): a transpose is missing. W_next is "
              "(n_next, n) and delta_next is (n_next,): it is (W_next)ᵀ that fits, and "
              "W_next.T @ delta_next has shape (n,) (step 3 of the notes)."},

    # -- 02.dW1: ∂E/∂W¹ = δ¹ xᵀ for true class 1 -------------------------------------------------
    "ex.02.dW1.ok": {
        "zh": "正确！每一行是 δ¹ᵢ xᵀ；饱和的隐藏神经元（|z| 大，tanh′ 接近 0）那一行很小：误差几乎过不去。",
        "en": "correct! Each row is δ¹ᵢ xᵀ; the row of the saturated hidden neuron (|z| large, "
              "tanh′ near 0) is small: little error gets through it."},
    "ex.02.dW1.hint1": {
        "zh": "讲义第 3–5 步：δ¹ = ((W²)ᵀ δ²) ⊙ tanh′(z¹)，其中 δ² 是类别 1 的 δᴸ；然后 ∂E/∂W¹ = δ¹ xᵀ（a⁰ = x）。你的 hidden_delta 就能算 δ¹。",
        "en": "steps 3–5 of the notes: δ¹ = ((W²)ᵀ δ²) ⊙ tanh′(z¹), with δ² the class-1 δᴸ; "
              "then ∂E/∂W¹ = δ¹ xᵀ (a⁰ = x). Your hidden_delta can compute δ¹."},
    "ex.02.dW1.hint2": {
        "zh": "形状与 W¹ 相同（行：隐藏神经元；列：输入）；tanh′(z) = 1 − tanh²(z)。",
        "en": "shaped like W¹ (rows: hidden neurons; columns: inputs); tanh′(z) = 1 − tanh²(z)."},
    "ex.02.dW1.hint3": {
        "zh": "第一行：delta_1_class1 = (W2.T @ delta_L_class1) * (1 - np.tanh(t[1].z) ** 2)",
        "en": "the first line: delta_1_class1 = (W2.T @ delta_L_class1) * (1 - np.tanh(t[1].z) ** 2)"},
    "ex.02.dW1.no_fprime": {
        "zh": "少了 tanh′(z¹)：(W²)ᵀ δ² 只是到达隐藏层的误差（第 3 步）；δ¹ = ((W²)ᵀ δ²) ⊙ tanh′(z¹)（第 4 步），然后 ∂E/∂W¹ = δ¹ xᵀ。",
        "en": "tanh′(z¹) is missing: (W²)ᵀ δ² is the error arriving at the hidden layer (step 3); "
              "δ¹ = ((W²)ᵀ δ²) ⊙ tanh′(z¹) (step 4), then ∂E/∂W¹ = δ¹ xᵀ."},
    "ex.02.dW1.fprime_as_f": {
        "zh": "用了 tanh(z¹)，这里要的是导数 tanh′(z¹) = 1 − tanh²(z¹)。",
        "en": "tanh(z¹) is used where its derivative belongs: tanh′(z¹) = 1 − tanh²(z¹)."},
    "ex.02.dW1.transpose": {
        "zh": "外积的顺序反了：这是 x (δ¹)ᵀ，形状是 (W¹)ᵀ 的。∂E/∂W¹ = δ¹ xᵀ：np.outer(delta_1, x)。",
        "en": "the outer product is the wrong way round: this is x (δ¹)ᵀ, shaped like (W¹)ᵀ. "
              "∂E/∂W¹ = δ¹ xᵀ: np.outer(delta_1, x)."},
    "ex.02.dW1.off_by_one": {
        "zh": "用错了层：δ¹ (a¹)ᵀ 用的是这一层自己的输出 a¹。第 1 层的输入是 a⁰ = x：∂E/∂W¹ = δ¹ xᵀ。",
        "en": "the wrong layer: δ¹ (a¹)ᵀ uses the layer's own output a¹. The input of layer 1 "
              "is a⁰ = x: ∂E/∂W¹ = δ¹ xᵀ."},
    "ex.02.dW1.old_class": {
        "zh": "这是类别 2（笔记本的 y）的 ∂E/∂W¹，也就是 t[1].dW。这里的真实类别是 1：从 δ² = aᴸ − y_class1 开始。",
        "en": "this is ∂E/∂W¹ for class 2, the notebook's y: t[1].dW. Here the true class is 1: "
              "start from δ² = aᴸ − y_class1."},

    # -- predict, then check ------------------------------------------------------------------------
    "pq.02.class.question": {
        "zh": "预测：把真实类别换成 3，δᴸ 的哪些分量是负的？",
        "en": "predict: with true class 3, which entries of δᴸ are negative?"},
    "pq.02.class.k3": {"zh": "只有 δᴸ₃", "en": "δᴸ₃ only"},
    "pq.02.class.k2": {"zh": "仍然是 δᴸ₂：预测 aᴸ 没有变", "en": "still δᴸ₂: the prediction aᴸ has not changed"},
    "pq.02.class.k23": {"zh": "δᴸ₂ 和 δᴸ₃", "en": "δᴸ₂ and δᴸ₃"},
    "pq.02.class.none": {"zh": "没有负的分量", "en": "none"},
    "pq.02.class.why": {
        "zh": "δᴸ = aᴸ − y，而 aᴸ 与 y 无关：变的只有 y。类别 3 时 y = (0, 0, 1)：δᴸ₃ = aᴸ₃ − 1 < 0（概率小于 1），δᴸ₁ = aᴸ₁、δᴸ₂ = aᴸ₂ 都是正的。负的分量总是恰好一个，就在真实类别处：“这个概率应该更大，其余的应该更小”；三个分量之和总是 0。",
        "en": "δᴸ = aᴸ − y, and aᴸ does not depend on y: only y changes. With class 3, "
              "y = (0, 0, 1): δᴸ₃ = aᴸ₃ − 1 < 0 (a probability is below 1), while δᴸ₁ = aᴸ₁ and "
              "δᴸ₂ = aᴸ₂ are positive. There is always exactly one negative entry, at the true "
              "class: “this probability should grow, the others shrink”; the three always add "
              "up to 0."},
    "pq.02.x2_zero.question": {
        "zh": "预测：把 x₂ 拖到 0，∂E/∂W¹ 里哪些元素会变成 0？",
        "en": "predict: with x₂ dragged to 0, which entries of ∂E/∂W¹ become 0?"},
    "pq.02.x2_zero.col2": {"zh": "第 2 列整列", "en": "all of column 2"},
    "pq.02.x2_zero.row2": {"zh": "第 2 行整行", "en": "all of row 2"},
    "pq.02.x2_zero.all": {"zh": "全部元素", "en": "every entry"},
    "pq.02.x2_zero.none": {"zh": "没有元素恰好变成 0", "en": "none becomes exactly 0"},
    "pq.02.x2_zero.why": {
        "zh": "∂E/∂W¹ = δ¹ xᵀ：第 (i, j) 个元素是 δ¹ᵢ xⱼ，所以第 j 列就是 δ¹ 乘 xⱼ。x₂ = 0 时第 2 列整列为 0：W¹ᵢ₂ 乘的是一个 0 输入，改变它对 E 没有影响，所以它没有“责任”。δ¹ 本身并不为 0（x₂ 改变了 z¹，δ¹ 也跟着变，但不为 0），所以没有哪一行变成 0；只有某个 δ¹ᵢ = 0 时（例如一个关闭的 ReLU）那一行才是 0。",
        "en": "∂E/∂W¹ = δ¹ xᵀ: entry (i, j) is δ¹ᵢ xⱼ, so column j is δ¹ times xⱼ. With x₂ = 0, "
              "column 2 is all 0: W¹ᵢ₂ multiplies an input of 0, so changing it does not change E "
              "and it bears no “responsibility”. δ¹ itself does not vanish (x₂ changes z¹, so δ¹ "
              "changes, but it stays nonzero), so no row becomes 0; a row is 0 only when a δ¹ᵢ "
              "is, as for a ReLU that is off."},
}
