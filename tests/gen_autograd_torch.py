"""Writes the PyTorch cross-check fixtures of the autograd tests.

Run with Debian's Python (python3-torch 1.13, python3-numpy):
    /usr/bin/python3 tests/gen_autograd_torch.py
It writes tests/fixtures/autograd/torch_float64.npz and torch_float32.npz. Each holds,
for a set of composite expressions, the inputs, the outputs and the gradients PyTorch's
autograd computes; tests/autograd/test_torch_fixtures.cpp recomputes them with ag.
Keys are "<case>.<name>". Non-scalar outputs are reduced with a fixed random weight
"<case>.r" (loss = sum(out * r)), so every output element shapes the gradients.
"""
import math
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "autograd")


def leaf(a, dtype):
    return torch.tensor(a, dtype=dtype, requires_grad=True)


def cases(dtype, rs):
    out = {}

    def put(case, **arrays):
        for name, a in arrays.items():
            if isinstance(a, torch.Tensor):
                a = a.detach().numpy()
            out[f"{case}.{name}"] = np.asarray(a)

    np_dtype = np.float64 if dtype == torch.float64 else np.float32

    def randn(*shape):
        return rs.standard_normal(shape).astype(np_dtype)

    # Softmax cross-entropy from logits, integer targets, mean over the batch.
    logits, targets = randn(6, 5) * 2, rs.randint(0, 5, size=6).astype(np.int64)
    x = leaf(logits, dtype)
    loss = torch.nn.functional.cross_entropy(x, torch.tensor(targets))
    loss.backward()
    put("cross_entropy", logits=logits, targets=targets, loss=loss, grad_logits=x.grad)

    # softmax and log_softmax along the last axis.
    for name, fn in (("softmax", torch.softmax), ("log_softmax", torch.log_softmax)):
        a, r = randn(3, 4, 5) * 3, randn(3, 4, 5)
        x = leaf(a, dtype)
        y = fn(x, -1)
        (y * torch.tensor(r)).sum().backward()
        put(name, x=a, r=r, y=y, grad_x=x.grad)

    # Elementwise activations.
    for name, fn in (("sigmoid", torch.sigmoid), ("relu", torch.relu),
                     ("gelu", lambda t: torch.nn.functional.gelu(t)),
                     ("gelu_tanh", lambda t: torch.nn.functional.gelu(t, approximate="tanh"))):
        a, r = randn(4, 7) * 3, randn(4, 7)
        x = leaf(a, dtype)
        y = fn(x)
        (y * torch.tensor(r)).sum().backward()
        put(name, x=a, r=r, y=y, grad_x=x.grad)

    # Layer norm over the last axis with weight and bias.
    a, w, b, r = randn(2, 3, 8) * 2 + 1, randn(8), randn(8), randn(2, 3, 8)
    x, wt, bt = leaf(a, dtype), leaf(w, dtype), leaf(b, dtype)
    y = torch.nn.functional.layer_norm(x, (8,), wt, bt, eps=1e-5)
    (y * torch.tensor(r)).sum().backward()
    put("layer_norm", x=a, weight=w, bias=b, r=r, y=y, grad_x=x.grad, grad_weight=wt.grad,
        grad_bias=bt.grad)

    # Causal self-attention written from primitives: (B, H, T, D).
    q, k, v, r = randn(2, 2, 5, 4), randn(2, 2, 5, 4), randn(2, 2, 5, 4), randn(2, 2, 5, 4)
    qt, kt, vt = leaf(q, dtype), leaf(k, dtype), leaf(v, dtype)
    scores = qt @ kt.transpose(-1, -2) / math.sqrt(4)
    causal = torch.tril(torch.ones(5, 5, dtype=torch.bool))
    scores = scores.masked_fill(~causal, float("-inf"))
    y = torch.softmax(scores, -1) @ vt
    (y * torch.tensor(r)).sum().backward()
    put("attention", q=q, k=k, v=v, r=r, y=y, grad_q=qt.grad, grad_k=kt.grad, grad_v=vt.grad)

    # A 2-layer MLP's cross-entropy loss.
    xs, t = randn(8, 4), rs.randint(0, 3, size=8).astype(np.int64)
    w1, b1, w2, b2 = randn(4, 16) * 0.5, randn(16) * 0.1, randn(16, 3) * 0.5, randn(3) * 0.1
    xt = leaf(xs, dtype)
    params = [leaf(p, dtype) for p in (w1, b1, w2, b2)]
    hidden = torch.relu(xt @ params[0] + params[1])
    loss = torch.nn.functional.cross_entropy(hidden @ params[2] + params[3], torch.tensor(t))
    loss.backward()
    put("mlp", x=xs, targets=t, w1=w1, b1=b1, w2=w2, b2=b2, loss=loss, grad_x=xt.grad,
        grad_w1=params[0].grad, grad_b1=params[1].grad, grad_w2=params[2].grad,
        grad_b2=params[3].grad)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for dtype, name in ((torch.float64, "float64"), (torch.float32, "float32")):
        arrays = cases(dtype, np.random.RandomState(1234))
        np.savez_compressed(os.path.join(OUT, f"torch_{name}.npz"), **arrays)


if __name__ == "__main__":
    main()
