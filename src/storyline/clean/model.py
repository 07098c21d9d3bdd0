"""The block classifier: gradient-boosted trees evaluated with numpy.

The trees are trained by ``scripts/train_cleaner.py`` (scikit-learn, at training time only) on
the dev half of the article-extraction benchmark and shipped as ``block_model.npz`` beside this
module. Here they are only *evaluated*: every block descends all trees at once, one level per
step, so a page of a few hundred blocks costs a handful of array operations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray

MODEL_FILE = "block_model.npz"
_LEAF = -1


@dataclass(frozen=True)
class TreeModel:
    """A binary gradient-boosted tree ensemble with log-loss.

    Node arrays have shape ``(n_trees, max_nodes)``; a leaf has ``left == -1``. The
    probability of "article text" is ``sigmoid(bias + sum of the leaves reached)``.
    """

    feature: NDArray[np.int32]
    threshold: NDArray[np.float64]
    left: NDArray[np.int32]
    right: NDArray[np.int32]
    value: NDArray[np.float64]
    bias: float
    depth: int
    names: tuple[str, ...]
    meta: dict[str, Any]

    def decision(self, features: NDArray[np.float64]) -> NDArray[np.float64]:
        """Raw scores (log-odds) for a matrix of block features."""
        n_rows = features.shape[0]
        n_trees = self.feature.shape[0]
        if n_rows == 0:
            return np.zeros(0)
        width = self.feature.shape[1]
        # Flat node ids (tree * width + node): 1-D ``take`` is much faster than 2-D indexing.
        feature, threshold = self.feature.ravel(), self.threshold.ravel()
        left, right = self.left.ravel(), self.right.ravel()
        offsets = (np.arange(n_trees, dtype=np.int64) * width)[None, :]
        # scikit-learn's trees split float32 values; compare in float32 to reproduce them.
        values = features.astype(np.float32).astype(np.float64)
        row_base = (np.arange(n_rows, dtype=np.int64) * values.shape[1])[:, None]
        flat_values = values.ravel()
        node = np.broadcast_to(offsets, (n_rows, n_trees)).copy()
        for _ in range(self.depth):
            child = left.take(node)
            inner = child != _LEAF
            goes_left = flat_values.take(row_base + feature.take(node)) <= threshold.take(node)
            step = np.where(goes_left, child, right.take(node)) + offsets
            node = np.where(inner, step, node)
        return np.asarray(self.bias + self.value.ravel().take(node).sum(axis=1))

    def predict(self, features: NDArray[np.float64]) -> NDArray[np.float64]:
        """Probability that each block is article text."""
        return np.asarray(1.0 / (1.0 + np.exp(-self.decision(features))))

    def save(self, path: str) -> None:
        """Write the model as a compressed ``.npz`` (used by the training script)."""
        np.savez_compressed(
            path,
            feature=self.feature.astype(np.int16),
            threshold=self.threshold.astype(np.float64),
            left=self.left.astype(np.int16),
            right=self.right.astype(np.int16),
            value=self.value.astype(np.float32),
            header=np.array(
                json.dumps(
                    {"bias": self.bias, "depth": self.depth, "names": self.names, "meta": self.meta}
                )
            ),
        )


def read_model(source: Any) -> TreeModel:
    """Read a model written by :meth:`TreeModel.save` from a path or binary file."""
    with np.load(source, allow_pickle=False) as arrays:
        header = json.loads(str(arrays["header"]))
        return TreeModel(
            feature=arrays["feature"].astype(np.int32),
            threshold=arrays["threshold"].astype(np.float64),
            left=arrays["left"].astype(np.int32),
            right=arrays["right"].astype(np.int32),
            value=arrays["value"].astype(np.float64),
            bias=float(header["bias"]),
            depth=int(header["depth"]),
            names=tuple(header["names"]),
            meta=dict(header.get("meta", {})),
        )


@lru_cache(maxsize=1)
def load_model() -> TreeModel:
    """The shipped block classifier (read once)."""
    with resources.files("storyline.clean").joinpath(MODEL_FILE).open("rb") as handle:
        return read_model(handle)
