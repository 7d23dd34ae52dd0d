"""Lexical views of needs for shared-need detection: normalised documents,
TF-IDF with the IDF from a fixed reference corpus, and the lexical profile.

Why a fixed reference corpus (the sample plans and the project's labelled
set, ``embeddings.reference_texts``, labels unused): an IDF fitted on the
run's own needs changes every similarity when unrelated needs are added
(measured: 40 unrelated texts changed three group ids and five needs'
koncernnytta). Terms the reference never uses get the highest IDF.

Why a lexical profile beside the direct word similarity: two needs written
in different words often still share words with the *same* reference needs
(one says "underskrift", the other "signera", and reference needs use
both). Each need's lexical similarities to the reference needs, centred,
form its profile; measured on the two development sets, adding it raised
the lowest ARI from 0.705 to 0.743 (``benchmarks/shared_needs.py``).
Both depend only on the need and the fixed reference.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from kstad_analysis import embeddings
from kstad_analysis.textprep import TextPrep


@dataclass
class _Features:
    """Combined unit vectors plus the word view used for labels and reasons."""

    matrix: sparse.csr_matrix
    words: sparse.csr_matrix
    vocabulary: np.ndarray
    idf: np.ndarray
    surface: dict[str, str]
    #: unit rows of the centred lexical similarity profile over the reference
    #: (None without a reference); zero for needs without content words
    profile: np.ndarray | None = None


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) \
        else str(value)


def documents(needs: pd.DataFrame, prep: TextPrep,
               cfg: Mapping[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Normalised text per need and the commonest surface word per token.

    Each distinct (title, description, category) is analysed once and its
    surface words counted once per occurrence: plans repeat stock phrases, and
    the stemmer and lexicon are the slow part of the text step.
    """
    weight = int(cfg.get("titelvikt", 2))
    repeat = prep.lexicon.concept_weights(int(cfg.get("begreppsvikt", 1)))
    with_category = bool(cfg.get("med_kategori", True)) and "category" in needs.columns
    categories = needs["category"] if with_category else pd.Series([""] * len(needs))
    keys = [(_text(t), _text(d), _text(c)) for t, d, c in
            zip(needs["title"], needs["description"], categories, strict=True)]
    counts = Counter(keys)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    text_of: dict[tuple[str, str, str], str] = {}
    memo: dict[str, list[tuple[str, str]]] = {}  # titles and categories repeat across needs

    def analyse(text: str) -> list[tuple[str, str]]:
        found = memo.get(text)
        if found is None:
            found = memo[text] = prep.analyse(text)
        return found

    for key, count in counts.items():
        title, description, category = key
        title_pairs = analyse(title)
        pairs = title_pairs * weight + analyse(description) + analyse(category)
        for token, word in title_pairs + pairs:
            surfaces[token][word] += count
        text_of[key] = " ".join(" ".join([token] * repeat.get(token, 1)) for token, _ in pairs)
    surface = {tok: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for tok, c in surfaces.items()}
    return [text_of[key] for key in keys], surface


@dataclass(frozen=True)
class _View:
    """One lexical view (characters or words) of the reference corpus."""

    index: Mapping[str, int]  # term → column
    df: np.ndarray  # documents per column
    rows: sparse.csr_matrix  # unit TF-IDF rows of the reference texts


@dataclass(frozen=True)
class _Reference:
    """The fixed reference corpus, normalised, with both lexical views."""

    docs: tuple[str, ...]
    char: _View
    word: _View


_CHAR_NGRAMS = {"analyzer": "char_wb", "ngram_range": (3, 5)}


def _view(docs: Sequence[str], **kwargs: Any) -> _View:
    vectoriser = CountVectorizer(dtype=np.float32, **kwargs)
    counts = vectoriser.fit_transform(list(docs)).tocsr()
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    index = {t: i for i, t in enumerate(vectoriser.get_feature_names_out().tolist())}
    return _View(index, df, _tfidf(counts, df, len(docs)))


def reference_docs(prep: TextPrep, cfg: Mapping[str, Any]) -> _Reference:
    """The fixed reference corpus normalised like the needs, and its term
    frequencies (cached per lexicon, stop words and text settings: analysts
    may extend the lexicon, which changes the tokens)."""
    lexicon = prep.lexicon
    key = (lexicon.names, lexicon.weights, tuple(sorted(lexicon.phrases.items())), prep.stop_words,
           int(cfg.get("titelvikt", 2)), int(cfg.get("begreppsvikt", 1)))
    cached = _REFERENCE_DOCS.get(key)
    if cached is None:
        titles, descriptions = embeddings.reference_texts()
        frame = pd.DataFrame({"title": list(titles), "description": list(descriptions)})
        docs = tuple(documents(frame, prep, {**cfg, "med_kategori": False})[0])
        cached = _Reference(docs, _view(docs, **_CHAR_NGRAMS), _view(docs, analyzer=str.split))
        _REFERENCE_DOCS.clear()
        _PROFILE_MEAN.clear()
        _REFERENCE_DOCS[key] = cached
    return cached


_REFERENCE_DOCS: dict[tuple[Any, ...], _Reference] = {}


def _tfidf(counts: sparse.csr_matrix, df: np.ndarray, n_ref: int) -> sparse.csr_matrix:
    """Sublinear tf × smoothed IDF from reference document frequencies, unit rows."""
    out = counts.tocsr().astype(np.float32)
    out.data = 1.0 + np.log(out.data)
    idf = (np.log((1.0 + n_ref) / (1.0 + df)) + 1.0).astype(np.float32)
    out = out @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
    out = sparse.diags((1.0 / np.where(norms > 0, norms, 1.0)).astype(np.float32)) @ out
    return out.tocsr()


def features(docs: list[str], surface: dict[str, str], char_share: float,
              reference: _Reference | None = None) -> _Features | None:
    """TF-IDF views combined so that cosine = share·chars + (1−share)·words.

    Why the IDF comes from a fixed reference corpus (the sample plans and the
    project's labelled set, ``embeddings.reference_texts``): an IDF fitted on
    the run's own needs changes every similarity when unrelated needs are
    added (measured: 40 unrelated texts changed three needs' koncernnytta).
    Terms the reference never uses get the highest IDF. Without a reference
    (``None``) the run's own texts are the reference (the textbook IDF).
    Terms are counted once per distinct text and rows repeated for duplicates.
    """
    if not any(docs):
        return None
    distinct, inverse = np.unique(np.array(docs, dtype=object), return_inverse=True)
    distinct = distinct.tolist()
    char = CountVectorizer(**_CHAR_NGRAMS, dtype=np.float32)
    word = CountVectorizer(analyzer=str.split, dtype=np.float32)
    views = []
    for vectoriser, name in ((char, "char"), (word, "word")):
        counts = vectoriser.fit_transform(distinct)[inverse]
        terms = vectoriser.get_feature_names_out().tolist()
        if reference is None:
            n_ref = counts.shape[0]
            df = np.bincount(counts.tocsr().indices, minlength=counts.shape[1])
            views.append((_tfidf(counts, df, n_ref), df, n_ref, None))
            continue
        ref = getattr(reference, name)
        n_ref = len(reference.docs)
        cols = np.array([ref.index.get(term, -1) for term in terms], dtype=np.int64)
        df = np.where(cols >= 0, ref.df[np.maximum(cols, 0)], 0)
        rows = _tfidf(counts, df, n_ref)
        known = np.flatnonzero(cols >= 0)
        to_ref = sparse.csr_matrix((np.ones(len(known), np.float32), (known, cols[known])),
                                   shape=(len(terms), ref.rows.shape[1]))
        views.append((rows, df, n_ref, (rows @ to_ref @ ref.rows.T).toarray()))
    (chars, _, _, char_ref), (words, df, n_ref, word_ref) = views
    share = min(max(char_share, 0.0), 1.0)
    matrix = sparse.hstack([chars * np.float32(np.sqrt(share)),
                           words * np.float32(np.sqrt(1 - share))]).tocsr()
    matrix.eliminate_zeros()
    idf = np.log((1.0 + n_ref) / (1.0 + df)) + 1.0
    profile = None
    if reference is not None:
        profile = _lexical_profile(share * char_ref + (1 - share) * word_ref, reference, share)
        profile[matrix.getnnz(axis=1) == 0] = 0.0
    return _Features(matrix, words.tocsr(), word.get_feature_names_out(), idf.astype(np.float64),
                     surface, profile)


def _lexical_profile(sims: np.ndarray, reference: _Reference, share: float) -> np.ndarray:
    """Unit rows of ``sims`` (to each reference text) centred like
    ``embeddings.profile``: minus the row mean and minus the reference texts'
    own mean centred profile."""
    key = (id(reference), share)
    mean = _PROFILE_MEAN.get(key)
    if mean is None:
        gram = (share * (reference.char.rows @ reference.char.rows.T)
                + (1 - share) * (reference.word.rows @ reference.word.rows.T)).toarray()
        mean = (gram - gram.mean(axis=1, keepdims=True)).mean(axis=0)
        _PROFILE_MEAN.clear()
        _PROFILE_MEAN[key] = mean
    out = sims - sims.mean(axis=1, keepdims=True) - mean
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.divide(out, norms, out=np.zeros_like(out), where=norms > 1e-12).astype(np.float32)


_PROFILE_MEAN: dict[tuple[int, float], np.ndarray] = {}


__all__ = ["documents", "features", "reference_docs"]
