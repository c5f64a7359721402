"""Messages of the backprop stepper (nnlib.lessons.stepper)."""

MESSAGES = {
    "stepper.back": {"zh": "◀ 上一步", "en": "◀ back"},
    "stepper.next": {"zh": "下一步 ▶", "en": "next ▶"},
    "stepper.ask": {"zh": "下一步算什么？", "en": "what comes next?"},
    "stepper.restart": {"zh": "从头开始", "en": "start again"},
    "stepper.which": {"zh": "下一步算的是：", "en": "next comes:"},
    "stepper.right": {"zh": "对，下一步算的就是 {q}。", "en": "right: {q} comes next."},
    "stepper.wrong": {"zh": "下一步不是 {q}。这里的顺序是：前向逐层算 z、a，然后算 E；反向从输出层往回，"
                            "每一层先算 δ，再算 ∂E/∂W、∂E/∂b，然后把误差传回前一层。",
                      "en": "{q} is not the next step. The order here: the forward pass, z and a "
                            "layer by layer, then E; the backward pass from the output back, in "
                            "each layer first δ, then ∂E/∂W and ∂E/∂b, then the error sent back "
                            "to the layer before."},
    "stepper.already": {"zh": "{q} 已经算过了。下一步要用到它吗？", "en": "{q} has already been computed. Does the next step need it?"},
    "stepper.start": {"zh": "共 {n} 步：先前向逐层算 z 和 a，再算 E，然后反向逐层算 δ 和梯度。按“下一步 ▶”。",
                      "en": "{n} steps: first the forward pass, z and a layer by layer; then E; "
                            "then the backward pass, δ and the gradients layer by layer. Press "
                            "“next ▶”."},
    "stepper.step": {"zh": "第 {k} / {n} 步：{what}", "en": "step {k} of {n}: {what}"},
    "stepper.then": {"zh": "下一步：{q}", "en": "next: {q}"},
    "stepper.done": {"zh": "反向传播完成：每个参数的梯度都算出来了。",
                     "en": "backpropagation complete: the gradient of every parameter has been "
                           "computed."},
    "stepper.kind.z": {"zh": "第 {l} 层的线性加权和 z", "en": "layer {l}'s weighted sum z"},
    "stepper.kind.a": {"zh": "第 {l} 层的激活 a", "en": "layer {l}'s activation a"},
    "stepper.kind.E": {"zh": "损失 E（前向到此结束）", "en": "the loss E (the forward pass ends here)"},
    "stepper.kind.delta": {"zh": "第 {l} 层的误差信号 δ", "en": "layer {l}'s error signal δ"},
    "stepper.kind.dW": {"zh": "第 {l} 层权重的梯度", "en": "the gradient of layer {l}'s weights"},
    "stepper.kind.db": {"zh": "第 {l} 层偏置的梯度", "en": "the gradient of layer {l}'s biases"},
    "stepper.kind.back": {"zh": "把误差传回第 {l} 层之前：(W)ᵀδ", "en": "the error sent back through layer {l}'s weights: (W)ᵀδ"},
    "stepper.loss.squared_error": {"zh": "E = ½ Σ (a{L} − y)²", "en": "E = ½ Σ (a{L} − y)²"},
    "stepper.loss.squared_error_no_half": {"zh": "E = Σ (a{L} − y)²", "en": "E = Σ (a{L} − y)²"},
    "stepper.loss.cross_entropy": {"zh": "E = −Σ y log a{L}", "en": "E = −Σ y log a{L}"},
}
