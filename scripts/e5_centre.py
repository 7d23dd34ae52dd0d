"""Measure the reference mean embedding used to centre need vectors.

Why the bundled sample plans: they are the one corpus of need texts that
ships with kstad and is not an evaluation set, so centring never sees the
labelled sets. Run again after a model upgrade (the file names its model):
    python scripts/e5_centre.py
"""

from __future__ import annotations

import json

from kstad_analysis import embeddings, intake


def main() -> None:
    needs = intake.load_sample().needs
    texts = [embeddings.need_text(t, d) for t, d in zip(needs["title"], needs["description"], strict=True)]
    engine = embeddings.default_embedder()
    vectors = engine.embed(texts)
    data = {"model": engine.model_id, "texts": len(texts), "source": "data/raw (bundled sample plans)",
            "centre": [round(float(x), 6) for x in vectors.mean(axis=0)]}
    path = embeddings._CENTRE_FILE
    path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{path}: {len(texts)} texter, modell {engine.model_id}")


if __name__ == "__main__":
    main()
