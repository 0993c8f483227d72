"""PyTorch doing the MNIST example's default job, to time both in one run.

A measurement tool, run by hand beside the Rust example; nothing in the
project imports it or needs PyTorch. It does what
`cargo run --release -p improved --example mnist -- --seed N --json` does:

- loads the four IDX files of data/mnist (gzip), scales pixels to [0, 1],
  keeps the first 50,000 training images for training and the last 10,000
  for validation;
- trains 784-300-10, tanh hidden layer, softmax output with cross-entropy,
  in f32, on mini-batches of 64 in a new order every epoch, with SGD and
  classical momentum 0.9, learning rate 0.2 divided by 1.3 after every
  epoch, weight decay (L2) 1e-4, 10 epochs, on 2 threads;
- measures the validation accuracy after every epoch and the test accuracy
  at the end;
- prints one JSON line with the same fields as the example's `--json` line
  (test_accuracy, validation_accuracy, epoch_seconds, total_seconds), the
  clock started before loading, as in the example.

Usage: python3 crates/improved/benches/pytorch_anchor.py [--seed N]
[--hidden 300] [--epochs 10] [--threads 2] [--data data/mnist]

Two small differences from our network, neither of which changes the
work done: PyTorch's momentum rule `v = mu v + g; w -= lr v` is ours
`v = mu v - lr g; w += v` with `v` scaled by `lr` (the same steps at a
fixed rate; at a decayed rate PyTorch's velocity keeps the old rate one
step longer); and the starting weights are PyTorch's default uniform ones.
"""

import argparse
import gzip
import json
import os
import time

# OpenMP threads that wait by spinning make PyTorch many times slower when
# other jobs share the cores (one epoch took 152 s instead of 2.4 s on a busy
# 2-core machine): waiting passively is PyTorch's best case there.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402


def idx(path):
    """An IDX file's numbers as a numpy array of its shape."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder):
    """(train, validation, test), each (images / 255 as f32 rows, labels)."""

    def pair(images, labels):
        x = idx(os.path.join(folder, images)).reshape(-1, 784).astype(np.float32) / 255.0
        y = idx(os.path.join(folder, labels)).astype(np.int64)
        return torch.from_numpy(x), torch.from_numpy(y)

    x, y = pair("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
    test = pair("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
    return (x[:50000], y[:50000]), (x[50000:], y[50000:]), test


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--hidden", type=int, default=300)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", default=os.path.join(here, "..", "..", "..", "data", "mnist"))
    o = p.parse_args()

    started = time.perf_counter()
    torch.set_num_threads(o.threads)
    torch.manual_seed(o.seed)
    (x, y), (vx, vy), (tx, ty) = load(o.data)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, o.hidden), torch.nn.Tanh(), torch.nn.Linear(o.hidden, 10)
    )
    lr = 0.2
    sgd = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    loss_of = torch.nn.CrossEntropyLoss()  # softmax + cross-entropy, mean over the batch
    validation, seconds = [], []
    for _ in range(o.epochs):
        t = time.perf_counter()
        order = torch.randperm(len(x))
        for start in range(0, len(x), 64):
            batch = order[start : start + 64]
            sgd.zero_grad()
            loss_of(model(x[batch]), y[batch]).backward()
            sgd.step()
        seconds.append(time.perf_counter() - t)
        validation.append(accuracy(model, vx, vy))
        lr /= 1.3
        for group in sgd.param_groups:
            group["lr"] = lr
    test = accuracy(model, tx, ty)
    print(
        json.dumps(
            {
                "test_accuracy": test,
                "validation_accuracy": validation,
                "epoch_seconds": seconds,
                "total_seconds": time.perf_counter() - started,
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
            }
        )
    )


if __name__ == "__main__":
    main()
