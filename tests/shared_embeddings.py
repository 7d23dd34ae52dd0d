"""Embeddings of the labelled sets, measured once with the real model and shipped
(tests/data/shared_needs_embeddings.npz), so quality tests need not run the model.

``prime()`` puts them in the process cache under the model's id: detection then
takes the ordinary cache path. ``test_shared_semantic`` checks that the live
model still gives these vectors, so a model change cannot hide behind them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from kstad_analysis import embeddings

NPZ = Path(__file__).parent / "data" / "shared_needs_embeddings.npz"


def load() -> tuple[str, dict[str, np.ndarray]]:
    data = np.load(NPZ)
    return str(data["model"]), dict(zip(data["hashes"].tolist(), data["vectors"], strict=True))


def prime() -> str:
    model, vectors = load()
    embeddings.MEMORY.put(model, vectors)
    return model
