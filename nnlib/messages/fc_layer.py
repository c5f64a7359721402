"""Messages of notebook 01, the fully connected layer (nnlib.lessons.fc_layer): the panel's
title, the rows of W, the activation curve, the recipe, the shapes and the connections.

Chinese first, as the course is; the notes' English terms stay in parentheses. Placeholders are
{names}; both languages use the same.
"""

MESSAGES = {
    "fc.panel.title": {"zh": "一个全连接层 (Dense)：n = 3 个输入 → m = 2 个神经元",
                       "en": "one fully connected (Dense) layer: n = 3 inputs → m = 2 neurons"},

    # -- W and its rows ---------------------------------------------------------------------
    "fc.row": {"zh": "第 {i} 行", "en": "row {i}"},
    "fc.W.row": {"zh": "第 {i} 行 = 神经元 {i} 的全部输入权重 {w}",
                 "en": "row {i} = all the input weights of neuron {i}: {w}"},
    "fc.rows.title": {"zh": "W 的第 i 行 → 输出神经元 i（每一行都是一个特征提取器）",
                      "en": "row i of W → output neuron i (each row is a feature extractor)"},
    "fc.rows.dead": {"zh": "神经元 {i} 熄灭：z ≤ 0，ReLU 输出 0",
                     "en": "neuron {i} is off: z ≤ 0, so ReLU gives 0"},

    # -- the activation curve ---------------------------------------------------------------
    "fc.act.title": {"zh": "第 {l} 层的激活函数 f = {f}：曲线 a = f(z) 与 f′(z)",
                     "en": "layer {l}'s activation f = {f}: the curves a = f(z) and f′(z)"},
    "fc.act.outside": {"zh": "（在图外）", "en": "(off the chart)"},
    "fc.act.not_elementwise": {
        "zh": "{f} 不是按元素作用的：每个输出依赖所有的 z，画不出一条 a = f(z) 曲线",
        "en": "{f} is not element-wise: every output depends on all of z, so there is no "
              "single curve a = f(z)"},

    # -- the recipe -------------------------------------------------------------------------
    "fc.recipe.inputs": {"zh": "食材 x (ingredients)", "en": "ingredients x"},
    "fc.recipe.light": {"zh": "高亮 W 的一行", "en": "highlight one row of W"},
    "fc.recipe.tomato": {"zh": "西红柿", "en": "tomato"},
    "fc.recipe.egg": {"zh": "鸡蛋", "en": "egg"},
    "fc.recipe.salt": {"zh": "盐", "en": "salt"},
    "fc.recipe.sugar": {"zh": "糖", "en": "sugar"},
    "fc.recipe.savoury": {"zh": "咸鲜 (savoury)", "en": "savoury"},
    "fc.recipe.sweet_sour": {"zh": "酸甜 (sweet-sour)", "en": "sweet-sour"},
    "fc.recipe.flavours": {"zh": "风味 z", "en": "flavours z"},
    "fc.recipe.W": {"zh": "菜谱 W（每行一道菜）", "en": "recipe W (one dish per row)"},
    "fc.recipe.x": {"zh": "食材 x", "en": "ingredients x"},
    "fc.recipe.line": {"zh": "第 {i} 行 → 输出神经元 {i}（{dish}）：",
                       "en": "row {i} → output neuron {i} ({dish}): "},

    # -- from one neuron to a layer ---------------------------------------------------------
    "fc.shapes.group": {"zh": "神经元个数 m", "en": "number of neurons m"},
    "fc.shapes.m_range": {"zh": "神经元个数 m 要在 1..{max_m} 之间，现在是 {m}",
                          "en": "the number of neurons m must be between 1 and {max_m}; it is "
                                "{m}"},
    "fc.shapes.one": {"zh": "一个神经元：W 只有一行，即行向量 wᵀ，z = wᵀx + b 是一个数",
                      "en": "one neuron: W is a single row, the row vector wᵀ, and "
                            "z = wᵀx + b is one number"},
    "fc.shapes.many": {"zh": "{m} 个神经元的一层：W 的 {m} 行 = {m} 个特征提取器，z 是 {m} 个数的一列",
                       "en": "a layer of {m} neurons: the {m} rows of W are {m} feature "
                             "extractors, z is a column of {m} numbers"},

    # -- other ways to connect layers -------------------------------------------------------
    "fc.conn.sizes": {"zh": "尺寸", "en": "sizes"},
    "fc.conn.fc_title": {"zh": "全连接：W（n×n），每格一个独立的权重",
                         "en": "fully connected: one weight per cell"},
    "fc.conn.conv_title": {"zh": "卷积：带状 W，灰 = 没有连接",
                           "en": "convolution: banded W, grey = no edge"},
    "fc.conn.shared": {"zh": "同色 = 同一个共享权重：", "en": "same colour = one shared weight:"},
    "fc.conn.bars_title": {"zh": "参数个数（对数坐标）", "en": "parameters (log scale)"},
    "fc.conn.rnn_title": {
        "zh": "循环层按时间展开，T = {T}（圆：xₜ，方块：hₜ）：每一步都用同一组 Wₓ（竖）和 Wₕ（横）",
        "en": "the recurrent layer unrolled in time, T = {T} (circles: xₜ, squares: hₜ): "
              "the same Wₓ (up) and Wₕ (across) at every step"},
    "fc.conn.fc": {"zh": "全连接 (Fully Connected)", "en": "fully connected"},
    "fc.conn.conv": {"zh": "一维卷积 (Convolutional)", "en": "1-D convolution"},
    "fc.conn.rnn": {"zh": "循环层的一步 (Recurrent)", "en": "one recurrent step"},
    "fc.conn.unshared": {"zh": "不共享（对照）", "en": "no sharing (for contrast)"},
    "fc.conn.fc_bar": {"zh": "全连接", "en": "FC"},
    "fc.conn.conv_bar": {"zh": "卷积", "en": "conv"},
    "fc.conn.rnn_bar": {"zh": "循环", "en": "RNN"},
    "fc.conn.unshared_bar": {"zh": "不共享", "en": "unshared"},
    "fc.conn.fc_note": {"zh": "每对（输入，输出）一个权重", "en": "one weight per (input, output) pair"},
    "fc.conn.conv_note": {"zh": "局部（k 个相邻输入），沿序列共享",
                          "en": "local (k neighbours), shared along the sequence"},
    "fc.conn.rnn_note": {"zh": "同一组 W 用在全部 T 步", "en": "the same W at all T steps"},
    "fc.conn.unshared_note": {"zh": "每一步各用一套新的 W", "en": "a new W at every step"},
    "fc.conn.layer": {"zh": "层 (n → n)", "en": "layer (n → n)"},
    "fc.conn.formula": {"zh": "公式", "en": "formula"},
    "fc.conn.count": {"zh": "参数个数", "en": "parameters"},
    "fc.conn.k_gt_n": {"zh": "核大小 k = {k} 比输入长度 n = {n} 还大：请选 k ≤ n（保留了上一个状态）",
                       "en": "the kernel size k = {k} is larger than the input length n = {n}: "
                             "choose k ≤ n (the last state is kept)"},
    "fc.conn.kernel_range": {"zh": "核大小 k 要在 1..{kmax} 之间，现在是 {k}",
                             "en": "the kernel size k must be between 1 and {kmax}; it is {k}"},
    "fc.conv.caption": {"zh": "W_conv（{n}×{n}）：只有 {k} 个不同的权重",
                        "en": "W_conv ({n}×{n}): only {k} distinct weights"},
}
