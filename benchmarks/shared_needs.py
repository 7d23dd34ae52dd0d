"""Shared needs: quality on the labelled set, and speed/memory at scale.

Quality (tests/data/shared_needs_eval.csv): adjusted Rand index and pairwise
precision/recall over a threshold curve, the default marked; a split-half
check (best threshold on each half of the groups) and a run without the
synonym lexicon, to show how much the default leans on this one set.
Scale: ``kstad_analysis.synthetic.generate_needs`` at 2,000 and 20,000 needs,
against scikit-learn's dense AgglomerativeClustering (average linkage on a
precomputed float64 n × n cosine matrix, the same clustering exactly) where it
fits. Each size is run twice: as generated (stock phrases make many texts
identical, which ``cluster`` collapses exactly) and with a unique word added
to every description, so that nothing collapses (the worst case). The 20,000
runs happen in a fresh process each, so the peak RSS reported is the run's own.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import adjusted_rand_score

from benchmarks._table import Row
from kstad_analysis import config, schema
from kstad_analysis import shared_needs as sn
from kstad_analysis.textprep import Lexicon, TextPrep

EVAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "shared_needs_eval.csv"
CURVE = [round(x, 2) for x in np.arange(0.08, 0.45, 0.04)]
DENSE_LIMIT = 6000


def _pairwise(true: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    t = {(a, b) for a, b in combinations(range(len(true)), 2) if true[a] == true[b]}
    p = {(a, b) for a, b in combinations(range(len(pred)), 2) if pred[a] == pred[b]}
    return len(t & p) / max(len(p), 1), len(t & p) / max(len(t), 1)


def _score(frame: pd.DataFrame, threshold: float) -> tuple[float, float, float, float]:
    start = time.perf_counter()
    result = sn.detect(frame, threshold=threshold)
    seconds = time.perf_counter() - start
    pred = result.groups.set_index("id").loc[frame["id"], "group_id"].to_numpy()
    precision, recall = _pairwise(frame["true_group"].to_numpy(), pred)
    return seconds, adjusted_rand_score(frame["true_group"], pred), precision, recall


def _quality_rows() -> list[Row]:
    frame = pd.read_csv(EVAL, dtype=str, keep_default_na=False)
    default = float(config.load("shared_needs")["gruppering"]["troskel"])
    rows = []
    for threshold in sorted({*CURVE, default}):
        seconds, ari, p, r = _score(frame, threshold)
        mark = " (standard)" if threshold == default else ""
        rows.append(Row(f"utvärdering tröskel {threshold:.2f}{mark}", seconds,
                        target="ARI ≥ 0,8 vid standard" if mark else "",
                        note=f"ARI {ari:.3f}, precision {p:.2f}, täckning {r:.2f}"))
    groups = sorted(frame["true_group"].unique())
    for half, name in ((groups[::2], "A"), (groups[1::2], "B")):
        part = frame[frame["true_group"].isin(half)]
        scores = {t: _score(part, t)[1] for t in CURVE}
        best = max(scores, key=scores.get)
        rows.append(Row(f"halva {name} ({len(part)} behov)", 0.0,
                        note=f"bästa tröskel {best:.2f} (ARI {scores[best]:.3f}); "
                             f"vid standard {_score(part, default)[1]:.3f}"))
    original = sn._prep
    sn._prep = lambda cfg: TextPrep(Lexicon(), original(cfg).stop_words)
    try:
        seconds, ari, p, r = _score(frame, default)
    finally:
        sn._prep = original
    rows.append(Row("utan synonymlexikon, standardtröskel", seconds,
                    note=f"ARI {ari:.3f}, precision {p:.2f}, täckning {r:.2f}"))
    return rows


def _letters(k: int) -> str:
    """A unique lowercase word for k (digits alone are dropped by the tokeniser)."""
    out = ""
    while True:
        k, r = divmod(k, 26)
        out = chr(ord("a") + r) + out
        if k == 0:
            return "x" + out


def _synthetic(n: int, distinct: bool = False) -> pd.DataFrame:
    """The generator's needs; ``distinct`` appends a unique reference word to
    every description, so no two texts are identical (no duplicates to
    collapse: the worst case for the clustering)."""
    from kstad_analysis.synthetic import generate_needs

    frame = generate_needs(n, seed=1).rename(columns={v: k for k, v in schema.HEADERS_SV.items()})
    if distinct:
        frame["description"] = [f"{d} (ärende {_letters(i)})"
                                for i, d in enumerate(frame["description"])]
    return frame


def _measure(n: int, distinct: bool) -> None:
    """Child process: one detect run, printing seconds, peak RSS (MB) and groups."""
    frame = _synthetic(n, distinct)
    start = time.perf_counter()
    result = sn.detect(frame)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(json.dumps({"seconds": seconds, "rss_mb": rss, "groups": len(result.summary),
                      "largest": int(result.summary["size"].max())}))


def _isolated(n: int, distinct: bool) -> dict:
    """Run ``_measure`` in a fresh interpreter so its peak RSS is its own."""
    code = f"from benchmarks.shared_needs import _measure; _measure({n}, {distinct})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    return json.loads(out.stdout.strip().splitlines()[-1])


def _dense_baseline(frame: pd.DataFrame, threshold: float) -> tuple[float, np.ndarray]:
    """Same features, dense n × n cosine matrix, sklearn average linkage."""
    settings = sn._settings()
    start = time.perf_counter()
    docs, surface = sn._documents(frame, sn._prep(settings), settings["gruppering"])
    matrix = sn._features(docs, surface, settings["gruppering"]["teckenandel"]).matrix
    dense = matrix.toarray().astype(np.float64)
    dist = np.clip(1.0 - dense @ dense.T, 0.0, 2.0)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=1.0 - threshold + 1e-9).fit_predict(dist)
    return time.perf_counter() - start, labels


def _scale_row(n: int, target: str, distinct: bool = False) -> Row:
    """Our time in this process, beside the dense baseline where it fits;
    beyond that, time and peak RSS from a fresh process."""
    name = f"{n} syntetiska behov" + (", alla texter olika" if distinct else "")
    if n > DENSE_LIMIT:
        m = _isolated(n, distinct)
        note = (f"{m['groups']} grupper, största {m['largest']}; topp-RSS {m['rss_mb']:.0f} MB "
                f"(egen process); baslinjen hoppas över (n × n = {n * n * 8 / 1e9:.1f} GB)")
        return Row(name, m["seconds"], target=target, note=note)
    frame = _synthetic(n, distinct)
    threshold = float(config.load("shared_needs")["gruppering"]["troskel"])
    start = time.perf_counter()
    result = sn.detect(frame)
    ours = time.perf_counter() - start
    baseline_s, labels = _dense_baseline(frame, threshold)
    agree = adjusted_rand_score(labels, result.groups["group_id"])
    note = (f"{len(result.summary)} grupper, största {result.summary['size'].max()}; "
            f"ARI mot baslinjen {agree:.3f}")
    return Row(name, ours, baseline="dense AgglomerativeClustering", baseline_s=baseline_s,
               target=target, note=note)


def run() -> list[Row]:
    rows = _quality_rows()
    rows.append(_scale_row(2_000, "≤ 5 s"))
    rows.append(_scale_row(2_000, "≤ 5 s", distinct=True))
    rows.append(_scale_row(20_000, "≤ 60 s, ≤ 4 GB"))
    rows.append(_scale_row(20_000, "≤ 60 s, ≤ 4 GB", distinct=True))
    return rows
