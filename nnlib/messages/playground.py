"""Messages of the playground (notebook 06): its data and CSVs, its builder and trainer
(nnlib.playground), saving and loading networks (nnlib.io) and the widget
(nnlib.lessons.playground)."""

MESSAGES = {
    # -- data sets -------------------------------------------------------------------------------
    "pg.data.unknown": {"zh": "没有名为 {got} 的数据集；可选的有 {choices}",
                        "en": "there is no data set {got}; the choices are {choices}"},
    "pg.data.n": {"zh": "点数 n = {n}：要在 4 到 {hi} 之间",
                  "en": "n = {n} points: it must be between 4 and {hi}"},
    "pg.data.noise": {"zh": "噪声 σ 必须是一个 ≥ 0 的有限数，这里是 {got}",
                      "en": "the noise σ must be a finite number ≥ 0, got {got}"},
    "pg.data.no_sample": {"zh": "没有名为 {got} 的示例 CSV；可选的有 {choices}",
                          "en": "there is no sample CSV {got}; the choices are {choices}"},

    # -- a learner's CSV ---------------------------------------------------------------------------
    "pg.csv.upload": {"zh": "上传的文件", "en": "the uploaded file"},
    "pg.csv.no_path": {"zh": "请先输入 CSV 文件的路径（或者上传一个文件）",
                       "en": "type the path of a CSV file first (or upload one)"},
    "pg.csv.no_file": {"zh": "找不到文件 {path}（相对路径从笔记本所在的文件夹算起）",
                       "en": "there is no file {path} (a relative path starts from the "
                             "notebook's folder)"},
    "pg.csv.unreadable": {"zh": "读不了 {path}：{error}", "en": "cannot read {path}: {error}"},
    "pg.csv.source": {"zh": "CSV 要用一个路径或上传文件的字节给出，这里是 {got}",
                      "en": "a CSV is given as a path or as an upload's bytes, got {got}"},
    "pg.csv.not_text": {"zh": "{name} 不是 UTF-8 文本，不像一个 CSV 文件",
                        "en": "{name} is not UTF-8 text: it does not look like a CSV file"},
    "pg.csv.empty": {"zh": "{name} 是空的", "en": "{name} is empty"},
    "pg.csv.three_columns": {"zh": "参数 columns 要给出 3 列（x₁、x₂ 和标签），这里给了 {n} 列",
                             "en": "columns must name 3 columns (x₁, x₂ and the label), got {n}"},
    "pg.csv.no_column": {"zh": "{name} 没有名为 “{col}” 的列（它的列有：{have}）",
                         "en": "{name} has no column “{col}” (its columns: {have})"},
    "pg.csv.no_column_index": {"zh": "{name} 只有 {n} 列，没有第 {k} 列（从 0 数起）",
                               "en": "{name} has {n} columns, so no column {k} (counting from 0)"},
    "pg.csv.no_rows": {"zh": "{name} 只有表头，没有数据行",
                       "en": "{name} has its header but no rows"},
    "pg.csv.too_many": {"zh": "{name} 有 {n} 行数据；练习场最多接受 {hi} 行（每一帧要把所有点训练一遍）",
                        "en": "{name} has {n} rows; the playground takes at most {hi} (every frame "
                              "trains on all of them)"},
    "pg.csv.empty_cell": {"zh": "{name} 第 {line} 行：“{col}” 列是空的（缺失值）",
                          "en": "{name}, line {line}: column “{col}” is empty (a missing value)"},
    "pg.csv.not_number": {"zh": "{name} 第 {line} 行：“{col}” 列的 “{cell}” 不是一个数",
                          "en": "{name}, line {line}: “{cell}” in column “{col}” is not a number"},
    "pg.csv.not_finite": {"zh": "{name} 第 {line} 行：“{col}” 列是 {cell}；每个格子都必须是有限的数",
                          "en": "{name}, line {line}: column “{col}” is {cell}; every cell must be "
                                "a finite number"},
    "pg.csv.one_class": {"zh": "{name} 的 “{col}” 列只有一个值（{values}）：需要两个类别",
                         "en": "{name}: column “{col}” holds one value only ({values}): two classes "
                               "are needed"},
    "pg.csv.classes": {"zh": "{name} 的 “{col}” 列有 {k} 个不同的值（{values}）：练习场只分两类",
                       "en": "{name}: column “{col}” takes {k} different values ({values}): the "
                             "playground tells two classes apart"},

    # -- the builder and the trainer -----------------------------------------------------------
    "pg.arch.layers": {"zh": "{n} 个隐藏层：最多 {hi} 个", "en": "{n} hidden layers: at most {hi}"},
    "pg.arch.units": {"zh": "隐藏层 {l} 的单元数 {got}：要在 1 到 {hi} 之间的整数",
                      "en": "hidden layer {l} has {got} units: a whole number from 1 to {hi} is "
                            "needed"},
    "pg.arch.activations": {"zh": "{n} 个隐藏层需要 {n} 个激活函数，这里有 {k} 个",
                            "en": "{n} hidden layers need {n} activations, got {k}"},
    "pg.arch.activation": {"zh": "隐藏层 {l}：不认识激活函数 {got}；可选的有 {choices}",
                           "en": "hidden layer {l}: unknown activation {got}; the choices are "
                                 "{choices}"},
    "pg.arch.output": {"zh": "不认识输出 {got}；可选的有 {choices}",
                       "en": "unknown output {got}; the choices are {choices}"},
    "pg.batch": {"zh": "batch 的大小要是一个 ≥ 1 的整数，这里是 {got}",
                 "en": "the batch size must be a whole number ≥ 1, got {got}"},
    "pg.diverged": {
        "zh": "η = {eta} 太大：第 {k} 步（第 {epoch} 轮）让 E 变成了 {E}。已暂停，"
              "保留了最后一个有限的网络（{kept} 步之后，训练集每点平均 E = {Ek}）。",
        "en": "η = {eta} is too large: step {k} (epoch {epoch}) made the loss {E}. Paused; the "
              "last finite network is kept (after {kept} steps, mean E per training point "
              "{Ek})."},

    # -- saving and loading networks (nnlib.io) --------------------------------------------------
    "io.not_network": {"zh": "只能保存一个 nnlib.Network，这里是 {got}",
                       "en": "only an nnlib.Network can be saved, got {got}"},
    "io.format": {"zh": "这不是一个 nnlib 网络文件：format 字段应为 “{want}”，这里是 {got}",
                  "en": "this is not an nnlib network file: its format should be “{want}”, "
                        "got {got}"},
    "io.version": {"zh": "这个文件的格式版本 (schema version) 是 {got}；这个 nnlib 读的是版本 {want}",
                   "en": "this file's schema version is {got}; this nnlib reads version {want}"},
    "io.no_layers": {"zh": "这个网络文件没有层（layers 字段是空的或缺失）",
                     "en": "this network file has no layers (layers is empty or missing)"},
    "io.layer": {"zh": "网络文件的第 {l} 层缺少 {field}", "en": "layer {l} of the network file "
                 "lacks {field}"},
    "io.sizes": {"zh": "网络文件的 sizes 字段写的是 {said}，但它的层是 {found}",
                 "en": "the network file says sizes {said}, but its layers are {found}"},
    "io.other_shape": {"zh": "文件里的网络是 {got}，而这里的网络是 {want}：形状不同，没有加载",
                       "en": "the file holds a {got} network, this one is {want}: another shape, "
                             "so nothing was loaded"},
    "io.no_file": {"zh": "找不到文件 {path}", "en": "there is no file {path}"},
    "io.not_json": {"zh": "{path} 不是有效的 JSON（第 {line} 行第 {col} 列）",
                    "en": "{path} is not valid JSON (line {line}, column {col})"},

    # -- the toolkit's compact diagram (nnlib.widgets.network, compact=True) ---------------------
    "cdiagram.unit": {"zh": "第 {l} 层第 {i} 个单元 ({f})", "en": "unit {i} of layer {l} ({f})"},
    "cdiagram.dead_tip": {"zh": "在每个训练点上 f′(z) = 0：死单元，没有梯度经过",
                          "en": "f′(z) = 0 at every training point: a dead unit, no gradient "
                                "passes"},
    "cdiagram.legend_W": {"zh": "边：W（橙 +，紫 −，粗细 ∝ |W|）· 单元里：b",
                          "en": "edges: W (orange +, purple −, width ∝ |W|) · in the units: b"},
    "cdiagram.legend_dW": {"zh": "边：上一步的 ∂E/∂W（粗细 ∝ |∂E/∂W|）· 单元里：∂E/∂b = Σδ（对 batch 求和）",
                           "en": "edges: the last step's ∂E/∂W (width ∝ |∂E/∂W|) · in the units: "
                                 "∂E/∂b = Σδ (summed over the batch)"},
    "cdiagram.no_step": {"zh": "还没有走过一步", "en": "no step yet"},
    # -- the widget (nnlib.lessons.playground) ---------------------------------------------------
    "pg.unknown_setting": {"zh": "练习场 (Playground) 不认识的设置：{got}；可用的有 {choices}",
                           "en": "Playground: unknown setting(s) {got}; the settings are {choices}"},
    "pg.data": {"zh": "数据", "en": "data"},
    "pg.dataset": {"zh": "数据集", "en": "data set"},
    "pg.set.circle": {"zh": "圆 (circle)", "en": "circle"},
    "pg.set.xor": {"zh": "异或 (XOR)", "en": "XOR"},
    "pg.set.gauss": {"zh": "两团高斯 (Gaussians)", "en": "two Gaussians"},
    "pg.set.spiral": {"zh": "螺旋 (spiral)", "en": "spiral"},
    "pg.set.bump": {"zh": "山丘（回归）", "en": "bump (regression)"},
    "pg.set.csv": {"zh": "CSV：{name}", "en": "CSV: {name}"},
    "pg.noise": {"zh": "噪声 σ", "en": "noise σ"},
    "pg.test": {"zh": "测试比例", "en": "test share"},
    "pg.seed": {"zh": "随机种子", "en": "seed"},
    "pg.network": {"zh": "网络", "en": "network"},
    "pg.hidden": {"zh": "隐藏层数", "en": "hidden layers"},
    "pg.units_title": {"zh": "每个隐藏层：单元数 nˡ，激活 fˡ", "en": "each hidden layer: units nˡ, "
                       "activation fˡ"},
    "pg.output": {"zh": "输出与损失", "en": "output and loss"},
    "pg.out.sigmoid": {"zh": "sigmoid + ½(a − y)²", "en": "sigmoid + ½(a − y)²"},
    "pg.out.softmax": {"zh": "softmax + 交叉熵", "en": "softmax + cross-entropy"},
    "pg.training": {"zh": "训练", "en": "training"},
    "pg.speed": {"zh": "每帧轮数 (epochs)", "en": "epochs per frame"},
    "pg.edges": {"zh": "显示", "en": "show"},
    "pg.run": {"zh": "运行", "en": "run"},
    "pg.play": {"zh": "▶ 播放", "en": "▶ play"},
    "pg.play_title": {"zh": "不停地训练，每一帧至少一轮 (epoch)，所有视图随之更新",
                      "en": "train on and on, at least one epoch per frame, every view updated"},
    "pg.pause": {"zh": "⏸ 暂停", "en": "⏸ pause"},
    "pg.pause_title": {"zh": "停下来：之后可以点一个数据点，看它的前向和反向传播",
                       "en": "stop: then a click on a data point shows its forward and backward "
                             "pass"},
    "pg.step": {"zh": "走一步", "en": "step"},
    "pg.step_title": {"zh": "一个小批量 (minibatch)：一次 trace，一次 W ← W − η ∂E/∂W",
                      "en": "one minibatch: one trace, one W ← W − η ∂E/∂W"},
    "pg.epoch": {"zh": "一轮 (epoch)", "en": "one epoch"},
    "pg.epoch_title": {"zh": "把这一轮剩下的训练点都用一遍（按打乱的顺序，每 B 个点一步）",
                       "en": "use the rest of this epoch's training points (in shuffled order, "
                             "one step per B)"},
    "pg.reset": {"zh": "重置", "en": "reset"},
    "pg.reset_title": {"zh": "回到起点：第 0 轮，同样的初始权重（由随机种子决定）",
                       "en": "back to the start: epoch 0, the same initial weights (set by the "
                             "seed)"},
    "pg.replay": {"zh": "重放", "en": "replay"},
    "pg.replay_title": {"zh": "从同一个起点、按同样的顺序再走同样多的步（用现在的 η 和 B）",
                        "en": "the same number of steps again from the same start, in the same "
                              "order (with today's η and B)"},
    "pg.softmax_regression": {
        "zh": "softmax + 交叉熵要两个类别，而 {data} 是回归：请用 sigmoid 输出（保留了原来的设置）",
        "en": "softmax + cross-entropy needs two classes, and {data} is a regression: use the "
              "sigmoid output (the settings before are kept)"},
    "pg.plane": {"zh": "x₁, x₂ ∈ [{lo}, {hi}]", "en": "x₁, x₂ ∈ [{lo}, {hi}]"},
    "pg.no_loop": {"zh": "这里没有事件循环，无法播放：用 pg.train(epochs) 一次训练若干轮",
                   "en": "there is no event loop here, so nothing can play: pg.train(epochs) "
                         "trains a number of epochs at once"},
    "pg.no_browser": {"zh": "已暂停：最近几帧都没有被浏览器画出来（页面被隐藏或关掉了？）",
                      "en": "paused: no browser drew the last frames (is the page hidden or "
                            "closed?)"},
    "pg.st.epoch": {"zh": "轮 (epoch)", "en": "epoch"},
    "pg.st.steps": {"zh": "步数", "en": "steps"},
    "pg.st.train": {"zh": "训练集每点平均 E（{n} 点）", "en": "mean E per training point ({n})"},
    "pg.st.test": {"zh": "测试集每点平均 E（{n} 点）", "en": "mean E per test point ({n})"},
    "pg.st.dead": {"zh": "死 ReLU（在每个训练点上 z ≤ 0）", "en": "dead ReLUs (z ≤ 0 at every "
                   "training point)"},
    "pg.st.net": {"zh": "网络 {shape} · η = {eta} · B = {B} · E 对 batch 取 {reduction}",
                  "en": "network {shape} · η = {eta} · B = {B} · E is the {reduction} over a "
                        "batch"},
    "pg.st.colours": {
        "zh": "大图：每个格子中心处的 {L}（属于类别 1 的概率），0 蓝 → 0.5 白 → 1 橙；点按标签着色（白圈：训练点，黑圈：测试点）。小图：每个单元的 aˡᵢ 在平面上的值。",
        "en": "Large picture: {L} (the chance of class 1) at the centre of every cell, 0 blue → "
              "0.5 white → 1 orange; the points coloured by their label (white ring: training, "
              "dark ring: test). Small pictures: each unit's aˡᵢ over the plane."},
    "pg.curves_title": {"zh": "每一轮之后：每点平均 E", "en": "after every epoch: mean E per "
                        "point"},
    "pg.curve_train": {"zh": "训练集", "en": "training"},
    "pg.curve_test": {"zh": "测试集", "en": "test"},
    "pg.pause_to_look": {"zh": "先暂停，再点一个数据点看它的前向和反向传播",
                         "en": "pause first, then click a data point to see its forward and "
                               "backward pass"},
    "pg.pt.train": {"zh": "训练点", "en": "training point"},
    "pg.pt.test": {"zh": "测试点", "en": "test point"},
    "pg.pt.caption": {
        "zh": "第 {k} 个点（{kind}）：x = ({x1}, {x2})，标签 y = {y}，网络给出 {p} · 第 {epoch} 轮时的网络",
        "en": "point {k} ({kind}): x = ({x1}, {x2}), label y = {y}, the network says {p} · the "
              "network at epoch {epoch}"},
    "pg.pt.help": {
        "zh": "下面是这个点的一次完整前向 + 反向传播（笔记本 02、03 的面板；权重按滑块显示的取 4 位小数）。暂停时点击上图中的任一点即可换成它；滑块可以随意拖动，不影响训练。",
        "en": "Below: this point's complete forward and backward pass (the panel of notebooks 02 "
              "and 03; the weights to 4 decimals, as its sliders show them). When paused, click any point in the picture above to show it instead; "
              "the sliders are yours to drag, training is not affected."},
    "pg.files": {"zh": "你的数据", "en": "your data"},
    "pg.csv_placeholder": {"zh": "CSV 路径，例如 mine.csv", "en": "CSV path, e.g. mine.csv"},
    "pg.csv_load": {"zh": "载入 CSV", "en": "load CSV"},
    "pg.upload": {"zh": "上传 CSV", "en": "upload CSV"},
    "pg.csv_loaded": {"zh": "已载入 {name}：{n} 个点", "en": "loaded {name}: {n} points"},
}
