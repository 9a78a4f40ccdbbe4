"""PyTorch's twin of bench_autograd.cpp: the same chain of 10^5 ops on (8,) float32
tensors, timed as median of 7 after a warm-up. Prints "RESULT <case> <ms>" lines."""
import time

import torch

STEPS = 33333


def small(start):
    return torch.arange(8, dtype=torch.float32) * 0.01 + start


def median_ms(fn, repeats=7):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    times.sort()
    return times[len(times) // 2]


def main():
    x, a, b = (small(s).requires_grad_() for s in (0.1, 0.9, -0.05))

    def forward():
        y = x
        for _ in range(STEPS):
            y = torch.tanh(y * a + b)
        return y.sum()

    def forward_backward():
        forward().backward()
        for p in (x, a, b):
            p.grad = None

    def no_grad():
        with torch.no_grad():
            forward()

    for name, fn in (("forward", forward), ("forward_backward", forward_backward),
                     ("no_grad", no_grad)):
        print(f"RESULT {name} {median_ms(fn):.3f}", flush=True)


if __name__ == "__main__":
    main()
