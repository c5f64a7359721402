"""Bad input gets a one-line ValueError that says where (layer index, x, y, η), what was
expected and what was given — the message a learner sees under a notebook cell."""
import re

import numpy as np
import pytest

import nnlib
from nnlib import Dense, GradientDescent, Network

# the core's messages are matched in English; test_i18n checks the Chinese ones
pytestmark = pytest.mark.usefixtures("english")

NAN, INF = float("nan"), float("inf")


def two_layer(loss="squared_error", out="identity", n_out=1, **kw):
    """2 → 2 → n_out: layer 1 ReLU, layer 2 ``out``."""
    return Network([Dense([[0.1, 0.2], [0.3, 0.4]], [0.1, 0.1], "relu"),
                    Dense(np.full((n_out, 2), 0.5), np.zeros(n_out), out)], loss, **kw)


def softmax_net(**kw):
    return two_layer("cross_entropy", "softmax", n_out=3, **kw)


def raises(call, *parts):
    """``call()`` raises a ValueError whose one-line message contains every regex in parts."""
    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    assert "\n" not in message, message
    for part in parts:
        assert re.search(part, message), f"{part!r} not in {message!r}"
    return message


# --- the layers ----------------------------------------------------------------------------

def test_W_that_does_not_match_the_previous_layer():
    message = raises(lambda: Network([Dense(np.ones((2, 2)), [0, 0], "relu"),
                                      Dense(np.ones((4, 3)), np.zeros(4))]),
                     r"^layer 2: ", r"W has 3 columns", r"layer 1 outputs 2 values")
    assert message == "layer 2: W has 3 columns but layer 1 outputs 2 values"


def test_W_that_does_not_match_the_previous_layer_deeper_and_via_replace():
    net = Network([Dense(np.ones((2, 2)), [0, 0], "relu"), Dense(np.ones((3, 2)), [0, 0, 0]),
                   Dense(np.ones((1, 3)), [0])])
    raises(lambda: net.replace(3, W=np.ones((1, 4))),
           r"^layer 3: ", r"W has 4 columns", r"layer 2 outputs 3 values")
    # replacing W¹ with a different number of rows breaks layer 2
    raises(lambda: net.replace(1, W=np.ones((5, 2)), b=np.zeros(5)),
           r"^layer 2: ", r"W has 2 columns", r"layer 1 outputs 5 values")


def test_b_of_the_wrong_length():
    raises(lambda: Network([Dense(np.ones((2, 2)), [0, 0]), Dense(np.ones((3, 2)), [0, 0])]),
           r"^layer 2: ", r"b has shape \(2,\)", r"W has 3 rows", r"must have shape \(3,\)")
    raises(lambda: Network([Dense(np.ones((2, 2)), [[0], [0]])]),
           r"^layer 1: ", r"b has shape \(2, 1\)", r"\(2,\)")
    net = nnlib.worked_example()
    raises(lambda: net.replace(2, b=[0.1, 0.2, 0.3]), r"^layer 2: ", r"b has shape \(3,\)",
           r"\(2,\)")


def test_one_dimensional_W():
    raises(lambda: Network([Dense([0.5, 0.5], [0.0])]),
           r"^layer 1: ", r"W must be 2-D", r"got shape \(2,\)", r"\[\[w1, w2")
    raises(lambda: Network([Dense(np.ones((1, 2, 2)), [0.0])]),
           r"^layer 1: ", r"W must be 2-D", r"\(1, 2, 2\)")


def test_empty_W():
    raises(lambda: Network([Dense(np.ones((0, 2)))]), r"^layer 1: ", r"shape \(0, 2\)",
           r"at least one")
    raises(lambda: Network([Dense(np.ones((2, 0)))]), r"^layer 1: ", r"shape \(2, 0\)")


def test_unknown_activation_names_the_layer():
    raises(lambda: Network([Dense(np.ones((2, 2)), [0, 0], "relu"),
                            Dense(np.ones((1, 2)), [0], "ReLu")]),
           r"^layer 2: ", r"unknown activation 'ReLu'", r"identity, relu, sigmoid, tanh, softmax")
    raises(lambda: Network([Dense(np.ones((1, 2)), [0], None)]), r"^layer 1: ",
           r"unknown activation None")
    raises(lambda: nnlib.worked_example().replace(3, activation="linear"), r"^layer 3: ",
           r"'linear'")


def test_softmax_in_a_hidden_layer():
    raises(lambda: Network([Dense(np.ones((2, 2)), [0, 0], "softmax"),
                            Dense(np.ones((1, 2)), [0])]),
           r"^layer 1: ", r"softmax", r"output layer \(layer 2\)", r"hidden")


def test_not_a_layer():
    raises(lambda: Network([Dense(np.ones((2, 2))), "relu"]), r"^layer 2: ", r"Dense",
           r"got str")
    raises(lambda: Network([]), r"at least one layer")


# --- loss and reduction --------------------------------------------------------------------

def test_unknown_loss():
    raises(lambda: two_layer(loss="mse"), r"unknown loss 'mse'",
           r"squared_error, squared_error_no_half, cross_entropy")
    raises(lambda: nnlib.worked_example().with_loss("MSE"), r"unknown loss 'MSE'")


def test_unknown_reduction():
    raises(lambda: two_layer(reduction="average"), r"unknown reduction 'average'",
           r"sum, mean")
    raises(lambda: nnlib.worked_example(reduction=None), r"unknown reduction None")


def test_cross_entropy_without_softmax_output():
    raises(lambda: two_layer("cross_entropy", "sigmoid", n_out=3),
           r"^layer 2: ", r"cross_entropy needs a softmax output", r"got 'sigmoid'")


def test_cross_entropy_targets_must_be_probability_vectors():
    net = softmax_net()
    x = [1.0, 2.0]
    raises(lambda: net.trace(x, [0.5, 0.6, 0.0]), r"^target: ", r"y sums to 1\.1",
           r"sum to 1", r"one-hot")
    raises(lambda: net.trace(x, [1.5, -0.5, 0.0]), r"^target: ", r"y\[1\] = -0\.5",
           r"negative")
    raises(lambda: net.trace(np.ones((2, 3)), [[1, 0, 0], [0, 1, 0], [0, 0, 0]]),
           r"^target: ", r"column 2 of y sums to 0")
    raises(lambda: net.trace(np.ones((2, 2)), [[1, 0], [0, 2], [0, -1]]),
           r"^target: ", r"y\[2, 1\] = -1")
    # one-hot and soft labels are fine
    net.trace(x, [0.0, 1.0, 0.0])
    net.trace(np.ones((2, 2)), [[0.2, 0.0], [0.3, 1.0], [0.5, 0.0]])


# --- x and y -------------------------------------------------------------------------------

def test_x_of_the_wrong_length():
    net = nnlib.worked_example()
    raises(lambda: net.trace([1.0, 2.0, 3.0], [3.5]), r"^input: ", r"x has shape \(3,\)",
           r"layer 1 expects 2 values", r"\(2,\) or \(2, B\)")
    raises(lambda: net.trace(np.ones((3, 4)), np.ones((1, 4))), r"^input: ",
           r"shape \(3, 4\)", r"expects 2")
    raises(lambda: net.forward([1.0]), r"^input: ", r"shape \(1,\)")


def test_x_of_the_wrong_ndim():
    net = nnlib.worked_example()
    raises(lambda: net.trace(np.ones((2, 1, 1)), [3.5]), r"^input: ", r"1-D \(2,\)",
           r"2-D \(2, B\)", r"3-D", r"\(2, 1, 1\)")
    raises(lambda: net.trace(1.0, [3.5]), r"^input: ", r"0-D")


def test_x_with_no_examples():
    raises(lambda: nnlib.worked_example().trace(np.ones((2, 0)), np.ones((1, 0))),
           r"^input: ", r"\(2, 0\)", r"at least one")


@pytest.mark.parametrize("x,y,parts", [
    ([1.0, 2.0], [3.5, 1.0], [r"y has shape \(2,\)", r"a of shape \(1,\)"]),
    (np.ones((2, 3)), np.ones((1, 2)), [r"y has shape \(1, 2\)", r"a of shape \(1, 3\)"]),
    (np.ones((2, 3)), np.ones(3), [r"y has shape \(3,\)", r"\(1, 3\)"]),
    (np.ones((2, 1)), [3.5], [r"y has shape \(1,\)", r"\(1, 1\)"]),
    ([1.0, 2.0], [[3.5], [1.0]], [r"y has shape \(2, 1\)", r"\(1,\)"]),
])
def test_y_of_the_wrong_shape(x, y, parts):
    raises(lambda: nnlib.worked_example().trace(x, y), r"^target: ",
           r"output layer \(layer 3\)", *parts)


def test_y_of_the_wrong_shape_for_several_outputs():
    raises(lambda: softmax_net().trace([1.0, 2.0], [1.0]), r"^target: ", r"\(1,\)", r"\(3,\)")


# --- NaN and inf ---------------------------------------------------------------------------

@pytest.mark.parametrize("bad,word", [(NAN, "NaN"), (INF, "inf"), (-INF, "inf")])
def test_nan_or_inf_in_x_or_y(bad, word):
    net = nnlib.worked_example()
    raises(lambda: net.trace([1.0, bad], [3.5]), r"^input: ", rf"x\[1\] is {word}", r"finite")
    raises(lambda: net.trace([1.0, 2.0], [bad]), r"^target: ", rf"y\[0\] is {word}")
    x = np.ones((2, 3))
    x[0, 2] = bad
    raises(lambda: net.trace(x, np.ones((1, 3))), r"^input: ", rf"x\[0, 2\] is {word}")
    raises(lambda: net.forward(x), r"^input: ", rf"x\[0, 2\] is {word}")


@pytest.mark.parametrize("bad,word", [(NAN, "NaN"), (INF, "inf")])
def test_nan_or_inf_in_W_or_b_names_the_layer_and_entry(bad, word):
    net = nnlib.worked_example()
    raises(lambda: net.replace(2, W=[[0.5, 0.6], [bad, 0.8]]), r"^layer 2: ",
           rf"W\[1, 0\] is {word}", r"finite")
    raises(lambda: net.replace(3, b=[bad]), r"^layer 3: ", rf"b\[0\] is {word}")
    raises(lambda: Network([Dense([[1.0, bad]], [0.0])]), r"^layer 1: ", rf"W\[0, 1\] is {word}")
    params = net.params()
    params[0] = (params[0][0], [0.1, bad])
    raises(lambda: net.with_params(params), r"^layer 1: ", rf"b\[1\] is {word}")


# --- not numbers ---------------------------------------------------------------------------

@pytest.mark.parametrize("value", [["a", "b"], "12", None, [1.0, None], [[1.0], [2.0, 3.0]],
                                   [1 + 2j, 0], {"x": 1}, object()])
def test_non_numeric_x_y_W_b(value):
    net = nnlib.worked_example()
    raises(lambda: net.trace(value, [3.5]), r"^input: ", r"x must be an array of numbers",
           r"got ")
    raises(lambda: net.trace([1.0, 2.0], value), r"^target: ", r"y must be an array of numbers")
    raises(lambda: Dense(value, [0.0]), r"W must be an array of numbers")
    if value is not None:                  # b=None means zeros, replace(W=None) keeps W
        raises(lambda: Dense([[1.0, 2.0]], value), r"b must be an array of numbers")
        raises(lambda: net.replace(1, W=value), r"W must be an array of numbers")


def test_long_values_are_shortened_in_the_message():
    message = raises(lambda: nnlib.worked_example().trace(["word"] * 100, [3.5]),
                     r"x must be an array of numbers", r"\.\.\.$")
    assert len(message) < 150


# --- learning rate -------------------------------------------------------------------------

@pytest.mark.parametrize("eta", [0, -0.1, NAN, INF, "fast", "0.1", None, [0.1], True])
def test_bad_learning_rate(eta):
    net = nnlib.worked_example()
    x, y = [1.0, 2.0], [3.5]
    parts = [r"^learning rate: ", r"η must be", re.escape(repr(eta) if not isinstance(
        eta, (int, float)) or isinstance(eta, bool) else repr(float(eta)))]
    raises(lambda: GradientDescent(net, x, y, eta), *parts)
    raises(lambda: nnlib.gradient_descent_step(net, net.trace(x, y), eta), *parts)
    gd = GradientDescent(net, x, y, 0.01)
    if eta is not None:                    # replay(None) keeps the current η
        raises(lambda: gd.replay(eta), *parts)
    assert gd.eta == 0.01


def test_step_with_another_networks_trace():
    net = nnlib.worked_example()
    other = net.replace(1, b=[0.0, 0.0])
    raises(lambda: nnlib.gradient_descent_step(net, other.trace([1.0, 2.0], [3.5]), 0.1),
           r"different network", r"net\.trace\(x, y\)")


# --- indices -------------------------------------------------------------------------------

def test_bad_layer_index():
    net = nnlib.worked_example()
    raises(lambda: net.replace(0, W=[[1.0, 1.0]]), r"layer index must be 1\.\.3", r"got 0")
    raises(lambda: net.replace(4, W=[[1.0, 1.0]]), r"got 4")
    raises(lambda: net.with_params(net.params()[:2]), r"expected 3 \(W, b\) pairs", r"got 2")
    t = net.trace([1.0, 2.0], [3.5])
    with pytest.raises(IndexError, match=r"0\.\.3"):
        t[4]
