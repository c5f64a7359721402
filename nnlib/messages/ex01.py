"""Messages of notebook 01's exercises and predictions (nnlib.exercises.nb01): each exercise's
hints, its ``ok`` and the diagnoses of its typical mistakes (``ex.01.*``), and the two
predict-then-check questions (``pq.01.*``). Numbers that depend on the layers come in as
{fields} computed by nnlib."""

MESSAGES = {
    # -- 01.z: z′ = W·x_new + b, by hand -----------------------------------------------------------
    "ex.01.z.ok": {
        "zh": "正确！z′₂ 是负数：加了偏置、还没激活的数完全可以是负的；要到第 5 步 a = f(z′)，ReLU 才把它变成 0。",
        "en": "correct! z′₂ is negative: with its bias added but before the activation, a number "
              "may well be negative; only step 5, a = f(z′), turns it into 0 under ReLU."},
    "ex.01.z.hint1": {
        "zh": "讲义第 3、4 步：z = W·x，再加偏置 z′ = W·x + b。第 i 个数 z′ᵢ = Σⱼ wᵢⱼ xⱼ + bᵢ 只用 W 的第 i 行。",
        "en": "steps 3 and 4 of the notes: z = W·x, then the bias: z′ = W·x + b. The i-th "
              "number, z′ᵢ = Σⱼ wᵢⱼ xⱼ + bᵢ, uses only row i of W."},
    "ex.01.z.hint2": {
        "zh": "形状：W 是 (2, 3)，x_new 是 (3,)，所以 W·x_new、b 和 z′ 都是 (2,)：两个数，每个神经元一个。",
        "en": "shapes: W is (2, 3) and x_new is (3,), so W·x_new, b and z′ are all (2,): two "
              "numbers, one per neuron."},
    "ex.01.z.hint3": {
        "zh": "numpy 里：z_new = W @ x_new + ...（@ 是矩阵乘法）。手算第一个数：z′₁ = {first_row}",
        "en": "in numpy: z_new = W @ x_new + ... (@ is the matrix product). By hand, the first "
              "number: z′₁ = {first_row}"},
    "ex.01.z.no_bias": {
        "zh": "忘了加偏置：这是第 3 步的 W·x_new，第 4 步还要加上 b：z′ = W·x_new + b。",
        "en": "the bias is missing: this is step 3's W·x_new; step 4 adds b: z′ = W·x_new + b."},
    "ex.01.z.relu": {
        "zh": "这是 a = ReLU(z′)，第 5 步的结果。要的是激活之前的 z′ = W·x_new + b：负数保持为负数。",
        "en": "this is a = ReLU(z′), the result of step 5. What is asked for is z′ = W·x_new + b, "
              "before the activation: a negative number stays negative."},
    "ex.01.z.old_x": {
        "zh": "这是笔记本原来那个 x 的 z′（上面已经印出来了）；这里要的是新输入 x_new 的 z′。",
        "en": "this is z′ of the notebook's own x, printed above; the exercise asks for z′ of the "
              "new input x_new."},
    "ex.01.z.elementwise": {
        "zh": "这是按元素的乘积 W * x_new：每个 wᵢⱼxⱼ 各占一格，形状 (2, 3)，没有求和。矩阵乘法 W·x 在 numpy 里写作 W @ x：每一行求和成一个数，再加 b。",
        "en": "this is the element-wise product W * x_new: each wᵢⱼxⱼ on its own, shape (2, 3), "
              "never summed. The matrix product W·x is W @ x in numpy: each row is summed into one "
              "number; then add b."},

    # -- 01.W_shape: the shape of W for n inputs and m neurons --------------------------------------
    "ex.01.W_shape.ok": {
        "zh": "正确！W 是 (m, n)：每个神经元一行（{m} 行），每个输入一列（{n} 列）。",
        "en": "correct! W is (m, n): one row per neuron ({m} rows), one column per input "
              "({n} columns)."},
    "ex.01.W_shape.hint1": {
        "zh": "讲义第 2 步：权重矩阵 (维度: m x n)；wᵢⱼ 是输入 j 到神经元 i 的权重。",
        "en": "step 2 of the notes: the weight matrix (dimension: m x n); wᵢⱼ is the weight from "
              "input j to neuron i."},
    "ex.01.W_shape.hint2": {
        "zh": "W·x 要算得出来，还要给出 m 个数：W 的列数等于 x 的长度 n，行数等于 z 的个数 m。",
        "en": "W·x must work and give m numbers: W has as many columns as x has entries (n), "
              "and as many rows as z has entries (m)."},
    "ex.01.W_shape.hint3": {
        "zh": "W_shape = (行数, 列数) = (神经元个数, 输入个数)",
        "en": "W_shape = (rows, columns) = (number of neurons, number of inputs)"},
    "ex.01.W_shape.swapped": {
        "zh": "行和列对调了：({n}, {m}) 是 Wᵀ 的形状。W 的每一行是一个神经元的全部输入权重，所以 W 有 m = {m} 行、n = {n} 列，W·x 才能把 {n} 个输入变成 {m} 个数。",
        "en": "rows and columns are swapped: ({n}, {m}) is the shape of Wᵀ. Each row of W holds "
              "one neuron's input weights, so W has m = {m} rows and n = {n} columns; only then "
              "does W·x turn {n} inputs into {m} numbers."},
    "ex.01.W_shape.one_row": {
        "zh": "(1, {n}) 只是一个神经元的权重：一个行向量 wᵢᵀ。这一层有 m = {m} 个神经元，把它们的行叠起来。",
        "en": "(1, {n}) holds the weights of one neuron only: one row vector wᵢᵀ. The layer has "
              "m = {m} neurons; stack their rows."},
    "ex.01.W_shape.z_shape": {
        "zh": "({m},) 是 z（以及 b）的形状：每个神经元一个数。W 还要为每个输入留一列。",
        "en": "({m},) is the shape of z (and of b): one number per neuron. W also has a column "
              "for every input."},

    # -- 01.n_params: the parameters of that layer ---------------------------------------------------
    "ex.01.n_params.ok": {
        "zh": "正确！{weights} 个权重（每条连接一个）+ {biases} 个偏置（每个神经元一个）。",
        "en": "correct! {weights} weights (one per connection) + {biases} biases (one per "
              "neuron)."},
    "ex.01.n_params.hint1": {
        "zh": "数一数 W 和 b 里有多少个数：讲义第 2 步 W 是 m x n，第 4 步给每个神经元一个偏置 bᵢ。",
        "en": "count the numbers in W and in b: W is m x n (step 2 of the notes), and step 4 "
              "gives every neuron a bias bᵢ."},
    "ex.01.n_params.hint2": {
        "zh": "参数个数 = W 的元素个数 + b 的元素个数；b 与 z 同形状，(m,)。",
        "en": "the number of parameters = the entries of W + the entries of b; b has the shape "
              "of z, (m,)."},
    "ex.01.n_params.hint3": {
        "zh": "n_params = m_neurons * n_inputs + ...",
        "en": "n_params = m_neurons * n_inputs + ..."},
    "ex.01.n_params.no_bias": {
        "zh": "只数了权重（m·n 条连接）：每个神经元还有一个偏置 bᵢ，再加 m 个。",
        "en": "that counts the weights only (the m·n connections): every neuron has a bias bᵢ "
              "as well, m more."},
    "ex.01.n_params.bias_per_input": {
        "zh": "偏置是每个神经元一个（m 个），不是每个输入一个：z′ = W·x + b 里的 b 与 z 同形状。",
        "en": "there is one bias per neuron (m of them), not one per input: in z′ = W·x + b, b "
              "is shaped like z."},
    "ex.01.n_params.units": {
        "zh": "这是神经元的个数 n + m（输入加输出），不是参数的个数：每条连接一个权重，共 m·n 个，再加 m 个偏置。",
        "en": "that is the number of neurons, n + m (inputs plus outputs), not of parameters: "
              "one weight per connection, m·n in all, plus m biases."},

    # -- 01.dense_forward: the layer as a function ----------------------------------------------------
    "ex.01.dense_forward.ok": {
        "zh": "正确！在其他形状的随机层和其他激活函数上也与 nnlib 的 Dense 一致。",
        "en": "correct! It agrees with nnlib's Dense on random layers of other shapes and with "
              "other activations too."},
    "ex.01.dense_forward.hint1": {
        "zh": "讲义第 3–5 步：z′ = W·x + b，然后 a = f(z′)（本笔记本之后把 z′ 直接叫作 z）。",
        "en": "steps 3–5 of the notes: z′ = W·x + b, then a = f(z′) (after step 4, the notebook "
              "calls z′ simply z)."},
    "ex.01.dense_forward.hint2": {
        "zh": "形状：W 是 (m, n)，x 是 (n,)，所以 z 和 a 都是 (m,)；f 是一个函数，f(z) 按元素作用，形状不变。检查会在 m ≠ n 的层上运行你的函数。",
        "en": "shapes: W is (m, n) and x is (n,), so z and a are both (m,); f is a function, "
              "and f(z) acts element by element, keeping the shape. The check runs your "
              "function on layers with m ≠ n."},
    "ex.01.dense_forward.hint3": {"zh": "第一行：z = W @ x + b", "en": "the first line: z = W @ x + b"},
    "ex.01.dense_forward.no_bias": {
        "zh": "忘了加偏置：z = W·x + b，a = f(z) 用的也是加了偏置的 z。",
        "en": "the bias is missing: z = W·x + b, and a = f(z) takes the z with its bias."},
    "ex.01.dense_forward.no_activation": {
        "zh": "a 就是 z：忘了激活函数。a = f(z)，f 是传进来的那个函数。",
        "en": "a is just z: the activation is missing. a = f(z), with f the function passed in."},
    "ex.01.dense_forward.fixed_relu": {
        "zh": "不管 f 是什么都用了 ReLU：激活函数由参数 f 传进来（检查会传入 tanh、sigmoid、identity……），写 a = f(z)。",
        "en": "this uses ReLU whatever f is: the activation comes in as the argument f (the check "
              "passes tanh, sigmoid, identity …); write a = f(z)."},
    "ex.01.dense_forward.bias_after_f": {
        "zh": "偏置加在了激活之后：a = f(W·x) + b。讲义的顺序是先加偏置（第 4 步）、再激活（第 5 步）：a = f(W·x + b)。",
        "en": "the bias is added after the activation: a = f(W·x) + b. The notes add it first "
              "(step 4) and activate afterwards (step 5): a = f(W·x + b)."},
    "ex.01.dense_forward.order": {
        "zh": "z 和 a 的顺序反了：要返回 (z, a)，先 z 后 a。",
        "en": "z and a come back the wrong way round: return (z, a), z first."},
    "ex.01.dense_forward.raised": {
        "zh": "你的函数出错了：{error}。如果是 @ 或 + 说形状对不上：W 是 (m, n)、x 是 (n,)，W @ x 是 (m,)；W.T @ x 和 x @ W 乘的都是 Wᵀ 而不是 W；W * x 是按元素相乘，不是矩阵乘法 W·x。",
        "en": "your function raised: {error}. If @ or + says the shapes do not fit: W is (m, n) "
              "and x is (n,), so W @ x is (m,); W.T @ x and x @ W both multiply by Wᵀ, not W; and "
              "W * x multiplies element by element, which is not the matrix product W·x."},

    # -- predict, then check ----------------------------------------------------------------------
    "pq.01.tanh.question": {"zh": "预测：把面板的激活函数 f 从 relu 换成 tanh，z 和 a 会怎样？",
                            "en": "predict: switch the panel's activation f from relu to tanh. "
                                  "What happens to z and a?"},
    "pq.01.tanh.a_only": {"zh": "只有 a 变，z 不变", "en": "only a changes, z stays the same"},
    "pq.01.tanh.both": {"zh": "z 和 a 都变", "en": "both z and a change"},
    "pq.01.tanh.z_only": {"zh": "只有 z 变，a 不变", "en": "only z changes, a stays the same"},
    "pq.01.tanh.neither": {"zh": "都不变", "en": "neither changes"},
    "pq.01.tanh.why": {
        "zh": "z = W·x + b 只用到 W、b 和 x；激活函数在它之后（第 5 步）才作用：a = f(z)。所以 z 一个数都不变，a 变成 tanh(z)。",
        "en": "z = W·x + b uses only W, b and x; the activation acts after it (step 5): "
              "a = f(z). So not one number of z changes, and a becomes tanh(z)."},
    "pq.01.tanh.seen": {
        "zh": "上面的面板已把激活函数换成 tanh：数值表里 z 的两个数没有变，a 变了；面板下方的曲线图里，两个实心点的横坐标 z 没有动，只是落到了 tanh 的曲线上。",
        "en": "the panel above now uses tanh: in its table both numbers of z are as they were "
              "and a has changed; in the chart below the panel, the two filled points keep their "
              "z and now sit on the tanh curve."},
    "pq.01.w12.question": {"zh": "预测：只改 w₁₂ 这一个权重（面板上的 W¹₁₂），哪个神经元的 z 和 a 会变？",
                           "en": "predict: change only the weight w₁₂ (W¹₁₂ on the panel). Which "
                                 "neuron's z and a change?"},
    "pq.01.w12.neuron1": {"zh": "只有神经元 1：z₁ 和 a₁", "en": "neuron 1 only: z₁ and a₁"},
    "pq.01.w12.neuron2": {"zh": "只有神经元 2：z₂ 和 a₂", "en": "neuron 2 only: z₂ and a₂"},
    "pq.01.w12.both": {"zh": "两个神经元都变", "en": "both neurons"},
    "pq.01.w12.why": {
        "zh": "wᵢⱼ 先写接收的神经元 i（行），再写发出的输入 j（列）：w₁₂ 是输入 2 到神经元 1 的那条边，在 W 的第 1 行。z₁ = Σⱼ w₁ⱼxⱼ + b₁ 用到它，z₂ 只用第 2 行，所以只有 z₁ 和 a₁ 变。",
        "en": "wᵢⱼ names the receiving neuron i first (its row) and the sending input j second "
              "(its column): w₁₂ is the edge from input 2 to neuron 1, in row 1 of W. "
              "z₁ = Σⱼ w₁ⱼxⱼ + b₁ uses it; z₂ uses row 2 only, so only z₁ and a₁ change."},
    "pq.01.w12.seen": {
        "zh": "上面的面板已把 w₁₂（W¹₁₂）设成它起始值的相反数：看网络图里输入 2 到神经元 1 的那条边，以及面板下方逐行写出的 z₁、z₂——只有第 1 行的数变了。",
        "en": "the panel above now has w₁₂ (W¹₁₂) at minus its starting value: look at the edge "
              "from input 2 to neuron 1 in the diagram, and at z₁ and z₂ written out row by row "
              "below the panel — only row 1's numbers have changed."},
}
