"""Messages of the maths core (nnlib's one-line ValueErrors, shown under a cell or on a panel's
message line): where (a layer, the input x, the target y, η), what was expected, what was
given."""

MESSAGES = {
    # where a message points
    "err.at.layer": {"zh": "第 {l} 层", "en": "layer {l}"},
    "err.at.input": {"zh": "输入", "en": "input"},
    "err.at.target": {"zh": "目标", "en": "target"},
    "err.at.dense": {"zh": "Dense", "en": "Dense"},
    "err.at.eta": {"zh": "学习率", "en": "learning rate"},
    "err.the_input": {"zh": "输入 x", "en": "the input"},
    # _checks
    "err.not_numbers": {"zh": "{where}：{name} 必须是由数组成的数组，这里是 {got}",
                        "en": "{where}: {name} must be an array of numbers, got {got}"},
    "err.not_finite": {"zh": "{where}：{at} 是 {what}；{name} 的每个元素都必须是有限的数",
                       "en": "{where}: {at} is {what}; every entry of {name} must be a finite number"},
    # layers
    "err.W_not_2d": {"zh": "{where}：W 必须是二维的 (n_out, n_in)，这里的形状是 {shape}；一个神经元写成 [[w1, w2, ...]]",
                     "en": "{where}: W must be 2-D (n_out, n_in), got shape {shape}; for one "
                           "neuron write [[w1, w2, ...]]"},
    "err.W_empty": {"zh": "{where}：W 的形状是 {shape}；一层至少要有一个神经元（W 的一行）和一个输入（W 的一列）",
                    "en": "{where}: W has shape {shape}; a layer needs at least one neuron (row "
                          "of W) and one input (column of W)"},
    "err.b_shape": {"zh": "{where}：b 的形状是 {shape}，但 W 有 {n} 行，所以 b 的形状必须是 ({n},)",
                    "en": "{where}: b has shape {shape} but W has {n} rows, so b must have shape "
                          "({n},)"},
    "err.W_cols_x": {"zh": "{where}：W 有 {cols} 列，但输入 x 有 {n} 个值",
                     "en": "{where}: W has {cols} columns but x has {n} values"},
    "err.W_cols_layer": {"zh": "{where}：W 有 {cols} 列，但第 {k} 层输出 {n} 个值",
                         "en": "{where}: W has {cols} columns but layer {k} outputs {n} values"},
    "err.a_prev_shape": {"zh": "{where}：a_prev 的形状是 {shape}，但 W 有 {n} 列，所以 a_prev 必须是 ({n},) 或 ({n}, B)",
                         "en": "{where}: a_prev has shape {shape} but W has {n} columns, so a_prev "
                               "must be ({n},) or ({n}, B)"},
    # network
    "err.not_dense": {"zh": "{where}：需要一个 nnlib.Dense，这里是 {got}",
                      "en": "{where}: expected a nnlib.Dense, got {got}"},
    "err.no_layers": {"zh": "一个 Network 至少要有一层，这里一层也没有",
                      "en": "a Network needs at least one layer, got none"},
    "err.softmax_hidden": {"zh": "{where}：softmax 只能用在输出层（第 {L} 层），这里用在了隐藏层",
                           "en": "{where}: softmax is only supported in the output layer (layer "
                                 "{L}), got it in a hidden layer"},
    "err.loss_needs": {"zh": "{where}：{loss} 需要一个 {needs} 输出层，这里是 {got}",
                       "en": "{where}: {loss} needs a {needs} output layer, got {got}"},
    "err.reduction": {"zh": "不认识的聚合方式 {got}；可选的有 {choices}",
                      "en": "unknown reduction {got}; expected one of {choices}"},
    "err.with_params": {"zh": "with_params：需要 {L} 对 (W, b)，这里有 {n} 对",
                        "en": "with_params: expected {L} (W, b) pairs, got {n}"},
    "err.layer_index": {"zh": "层号必须是 {lo}..{hi}，这里是 {got}",
                        "en": "layer index must be {lo}..{hi}, got {got}"},
    "err.x_ndim": {"zh": "{where}：x 必须是一维的 ({n},)（一个样本）或二维的 ({n}, B)（B 个样本，每列一个），这里是形状为 {shape} 的 {ndim} 维数组",
                   "en": "{where}: x must be 1-D ({n},) for one example or 2-D ({n}, B) for a "
                         "batch of B columns, got a {ndim}-D array of shape {shape}"},
    "err.x_size": {"zh": "{where}：x 的形状是 {shape}，但第 1 层需要 {n} 个值（W¹ 有 {n} 列）：请给形状 ({n},) 或 ({n}, B)",
                   "en": "{where}: x has shape {shape} but layer 1 expects {n} values (W¹ has "
                         "{n} columns): give shape ({n},) or ({n}, B)"},
    "err.x_empty": {"zh": "{where}：x 的形状是 {shape}，一个样本也没有；至少给一列",
                    "en": "{where}: x has shape {shape}, a batch of no examples; give at least "
                          "one column"},
    "err.y_shape": {"zh": "{where}：y 的形状是 {shape}，但输出层（第 {L} 层）给出的 a 的形状是 {want}",
                    "en": "{where}: y has shape {shape} but the output layer (layer {L}) gives a "
                          "of shape {want}"},
    "err.ce_need": {"zh": "交叉熵要求 y 的每一列都 ≥ 0 且和为 1（例如 one-hot）",
                    "en": "for cross_entropy each column of y must be ≥ 0 and sum to 1 (e.g. "
                          "one-hot)"},
    "err.y_negative": {"zh": "{where}：y[{idx}] = {v} 是负数；{need}",
                       "en": "{where}: y[{idx}] = {v} is negative; {need}"},
    "err.y_sum": {"zh": "{where}：{col} 的和是 {s}；{need}", "en": "{where}: {col} sums to {s}; {need}"},
    "err.y_column": {"zh": "y 的第 {k} 列", "en": "column {k} of y"},
    "err.trace_index": {"zh": "层号必须是 0..{L}（0 是输入 x，{L} 是输出），这里是 {got}",
                        "en": "layer index must be 0..{L} (0 is the input x, {L} the output), "
                              "got {got}"},
    "err.dense_immutable": {"zh": "Dense 不可修改：请用 layer.replace(W=..., b=..., activation=...) 得到一个新层",
                            "en": "Dense is immutable; use layer.replace(W=..., b=..., "
                                  "activation=...)"},
    "err.trace_frozen": {"zh": "Trace 是冻结的记录：要新的数值，请再运行一次 network.trace(x, y)",
                         "en": "a Trace is frozen; run network.trace(x, y) again for new values"},
    "err.network_immutable": {"zh": "Network 不可修改：请用 replace(...) 或 with_params(...) 得到一个新网络",
                              "en": "Network is immutable; use replace(...) or with_params(...)"},
    # losses, activations
    "err.unknown_loss": {"zh": "不认识的损失函数 {got}；可选的有 {choices}",
                         "en": "unknown loss {got}; expected one of {choices}"},
    "err.unknown_activation": {"zh": "{prefix}不认识的激活函数 {got}；可选的有 {choices}",
                               "en": "{prefix}unknown activation {got}; expected one of {choices}"},
    # optim
    "err.eta_number": {"zh": "{where}：η 必须是一个数，这里是 {got}",
                       "en": "{where}: η must be a number, got {got}"},
    "err.eta_positive": {"zh": "{where}：η 必须是大于 0 的有限数，这里是 {got}",
                         "en": "{where}: η must be a finite number > 0, got {got}"},
    "err.step_inf_params": {"zh": "{where}：用 η = {eta} 走一步后 W 或 b 变成了 inf/NaN；η 太大，保留了最后一个有限的状态",
                            "en": "{where}: W or b became inf/NaN after a step with η = {eta}; "
                                  "η is too large, kept the last finite state"},
    "err.step_inf": {"zh": "第 {k} 步：用 η = {eta}，E 变成了 {E}；η 太大，保留了第 {kept} 步（E = {Ek}）",
                     "en": "step {k}: E became {E} with η = {eta}; η is too large, kept step "
                           "{kept} (E = {Ek})"},
    "err.other_network": {"zh": "gradient_descent_step：这个 trace 是另一个网络的；请传入 trace = net.trace(x, y)，net 是要更新的网络",
                          "en": "gradient_descent_step: the trace was computed for a different "
                                "network; pass trace = net.trace(x, y) of the network being "
                                "stepped"},
}
