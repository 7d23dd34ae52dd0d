"""The fixed reference corpus: meaning as a similarity profile over shipped
reference needs, and the lexical IDF from the same corpus, so that needs added
to a run never change how two other needs compare."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from benchmarks import _shared_pairs
from kstad_analysis import embeddings, intake
from kstad_analysis import shared_needs as sn
from kstad_analysis.linkage import _similarity_matrix
from tests import shared_embeddings

UNRELATED = Path(__file__).parent / "data" / "shared_needs_unrelated.csv"


@pytest.fixture(scope="module", autouse=True)
def _vectors() -> None:
    shared_embeddings.prime()  # the unrelated texts' vectors, measured once with the model


def test_profile_is_the_centred_similarity_profile_row_by_row() -> None:
    rng = np.random.default_rng(3)
    refs = rng.normal(size=(12, 6)).astype(np.float32)
    vecs = rng.normal(size=(5, 6)).astype(np.float32)
    out = embeddings.profile(vecs, refs)
    # brute force, one row and one reference at a time
    gram = [[float(np.dot(a, b)) for b in refs] for a in refs]
    ref_mean = [np.mean([row[j] - np.mean(row) for row in gram]) for j in range(len(refs))]
    for i, v in enumerate(vecs):
        sims = [float(np.dot(v, r)) for r in refs]
        p = np.array([s - np.mean(sims) - m for s, m in zip(sims, ref_mean, strict=True)])
        np.testing.assert_allclose(out[i], p / np.linalg.norm(p), atol=1e-5)
    # a row's profile does not depend on the other rows
    np.testing.assert_allclose(embeddings.profile(vecs[2:3], refs)[0], out[2], atol=1e-6)
    assert not embeddings.profile(np.zeros((1, 6), np.float32), refs).any()


def test_reference_corpus_is_shipped_with_the_model_vectors() -> None:
    model, titles, descriptions, vectors = embeddings.reference()
    assert model == embeddings.model_id()
    assert len(titles) == len(descriptions) == len(vectors) >= 250
    sample = intake.load_sample().needs
    assert set(sample["title"].str.strip()) <= set(titles)
    keys = [embeddings.text_hash(embeddings.need_text(t, d))
            for t, d in zip(titles, descriptions, strict=True)]
    shipped = embeddings.shipped_vectors(model, keys)
    for key, vec in zip(keys, vectors, strict=True):
        if key in shipped:
            np.testing.assert_array_equal(shipped[key], vec)


def test_idf_comes_from_the_reference_corpus() -> None:
    settings = sn._settings()
    prep, cfg = sn._prep(settings), settings["gruppering"]
    frame = pd.DataFrame({"title": ["E-arkiv för bygglov", "Chattbot zyxwvut"],
                          "description": ["Handlingar bevaras", "Svarar på frågor"]})
    docs, surface = sn._documents(frame, prep, cfg)
    reference = sn._reference_docs(prep, cfg)
    features = sn._features(docs, surface, 0.5, reference)
    vocab = features.vocabulary.tolist()
    n = len(reference.docs)
    for term in vocab:
        df = sum(term in doc.split() for doc in reference.docs)  # brute force
        assert features.idf[vocab.index(term)] == pytest.approx(np.log((1 + n) / (1 + df)) + 1)
    assert features.idf[vocab.index("zyxwvut")] == pytest.approx(np.log(1 + n) + 1)


def test_adding_unrelated_texts_keeps_the_sample_needs_groups_and_ids() -> None:
    sample = intake.load_sample().needs
    unrelated = pd.read_csv(UNRELATED, dtype=str, keep_default_na=False)
    extra = unrelated.assign(category="")
    before = sn.detect(sample)
    after = sn.detect(pd.concat([sample, extra], ignore_index=True))
    assert after.embedding["embedded"] == 0  # all vectors shipped or primed
    old = before.groups.set_index("id")
    new = after.groups.set_index("id").loc[old.index]
    # the sample needs are grouped exactly as before, under the same ids
    pd.testing.assert_series_equal(new["group_id"], old["group_id"])
    # An unrelated text may still join a sample need it resembles at the
    # default threshold (measured: 3 of 40, each joining a need that was alone:
    # "Vinterkräksjuka på förskolan" with pedagogisk dokumentation i förskolan).
    # Only those groups' koncernnytta may change, and it is the count of
    # förvaltningar actually in the group.
    grouped = after.groups.set_index("id")
    joined = grouped.loc[unrelated["id"], "group_id"]
    shared = set(joined) & set(old["group_id"])
    assert len(shared) <= 3
    for gid in shared:
        assert (old["group_id"] == gid).sum() == 1  # it was a group of one sample need
    untouched = old.index[~old["group_id"].isin(shared)]
    pd.testing.assert_series_equal(after.koncernnytta().loc[untouched], before.koncernnytta().loc[untouched])
    np.testing.assert_allclose(new.loc[untouched, "similarity"].to_numpy(dtype=float),
                               old.loc[untouched, "similarity"].to_numpy(dtype=float), atol=1e-5)
    for gid in shared:
        members = grouped[grouped["group_id"] == gid]
        assert set(after.koncernnytta().loc[members.index]) == {members["department"].nunique()}


def test_lexical_profile_matches_sklearn_tfidf_over_the_reference() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    settings = sn._settings()
    prep, cfg = sn._prep(settings), settings["gruppering"]
    reference = sn._reference_docs(prep, cfg)
    docs = [reference.docs[0], reference.docs[7]]  # texts the reference holds: no unseen terms
    share = cfg["teckenandel"]
    features = sn._features(docs, {}, share, reference)
    gram = np.zeros((len(docs), len(reference.docs)))
    ref_gram = np.zeros((len(reference.docs), len(reference.docs)))
    for weight, kwargs in ((share, {"analyzer": "char_wb", "ngram_range": (3, 5)}),
                           (1 - share, {"analyzer": str.split})):
        tfidf = TfidfVectorizer(sublinear_tf=True, **kwargs).fit(reference.docs)  # same smoothed IDF
        rows = tfidf.transform(reference.docs)
        gram += weight * (tfidf.transform(docs) @ rows.T).toarray()
        ref_gram += weight * (rows @ rows.T).toarray()
    mean = (ref_gram - ref_gram.mean(axis=1, keepdims=True)).mean(axis=0)
    expected = gram - gram.mean(axis=1, keepdims=True) - mean
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    np.testing.assert_allclose(features.profile, expected, atol=1e-5)


def test_pair_benchmark_rebuilds_the_shipped_similarity_from_its_features() -> None:
    """The pairwise-model benchmark compares against the shipped linear
    similarity rebuilt from its per-pair features; that rebuild must be the
    similarity ``detect`` clusters (same cosines, so same groups at the default)."""
    frame = pd.read_csv(Path(__file__).parent / "data" / "shared_needs_heldout.csv", dtype=str,
                        keep_default_na=False)
    ps = _shared_pairs.pair_set(frame)
    settings = sn._settings()
    prep = sn._prep(settings)
    cfg = settings["gruppering"]
    docs, surface = sn._documents(frame, prep, cfg)
    lexical = sn._features(docs, surface, float(cfg["teckenandel"]), sn._reference_docs(prep, cfg))
    semantic, _ = sn._semantic(frame, None, None, None)
    matrix = sn._combine(lexical, semantic, settings["semantik"]["andel"], settings["semantik"]["ordprofil"])
    penalty = float(cfg["samma_forvaltning"])
    np.testing.assert_allclose(ps.shipped, _similarity_matrix(matrix)
                               - penalty * ps.features["same_department"], atol=1e-5)
    for name in ("concept", "same_department"):
        assert set(np.unique(ps.features[name]).tolist()) <= {0.0, 1.0}
    assert ((ps.features["length_ratio"] > 0) & (ps.features["length_ratio"] <= 1)).all()
    truth = frame["true_group"].to_numpy()
    np.testing.assert_array_equal(ps.same, truth[:, None] == truth[None, :])
    detected = sn.detect(frame, threshold=0.34).groups["group_id"].to_numpy()
    labels = _shared_pairs._nn_chain_average(ps.shipped.astype(np.float32), np.ones(len(frame)), 0.34)
    assert adjusted_rand_score(detected, labels) == pytest.approx(1.0)
