"""The token budget: what the model reads of each paper, kept with the vectors and the map,
so that placing, searching and rebuilding read what the map's papers were read with."""

import warnings

import numpy as np
import pytest

from paperviz import Embedder, MapOptions, PaperMap, build_map
from paperviz.cli import main
from paperviz.embedding.backends import resolve_model
from paperviz.embedding.calibrate import cpu_choice

SHORT = "Graph neural networks for molecules."


@pytest.fixture(scope="module")
def texts(bundled):
    long_first = sorted(bundled["text"].tolist(), key=len, reverse=True)
    return long_first[:12] + [SHORT]


@pytest.fixture(scope="module")
def budget_map(bundled, cache_dir):
    """A map of the bundled corpus but its last 40 papers, read 64 word pieces each."""
    built = build_map(bundled.iloc[:-40].reset_index(drop=True), cache_dir=cache_dir,
                      max_tokens=64)
    return built, bundled.iloc[-40:].reset_index(drop=True)


def test_a_budget_changes_the_vectors_of_long_texts_only_and_is_cached_apart(texts, cache_dir):
    full = Embedder(cache_dir=cache_dir, show_progress=False).prepare()
    cut = Embedder(cache_dir=cache_dir, show_progress=False, max_tokens=64).prepare()
    assert (full.max_tokens, cut.max_tokens) == (full.limit, 64) == (256, 64)
    assert "max_tokens" not in full.model_key  # full-length vectors keep their old key
    # (the backend is calibrated at each budget, so the two may run on different ones)
    assert cut.model_key == f"{resolve_model('all-MiniLM-L6-v2', cut.backend)[1]} max_tokens=64"
    assert cut.cache.folder != full.cache.folder
    # the budget's effect, on one backend (int8 and fp32 differ by ~0.005 in cosine anyway)
    same = Embedder(cache_dir=cache_dir, show_progress=False, max_tokens=64,
                    backend=full.backend)
    cos = (full.encode(texts) * same.encode(texts)).sum(axis=1)
    assert cos[:-1].max() < 0.995  # every long abstract read only in part
    assert cos[-1] > 0.9999  # a short text is read whole either way
    first = cut.encode(texts)  # fills the cache of the calibrated backend at this budget
    again = Embedder(cache_dir=cache_dir, show_progress=False, max_tokens=64)
    np.testing.assert_array_equal(again.encode(texts), first)
    assert again.texts_embedded == 0  # from the cache, not the model
    beyond = Embedder(cache_dir=cache_dir, max_tokens=10_000, backend=full.backend)
    assert beyond.max_tokens == 256 and beyond.model_key == full.model_key


def test_budgets_that_cannot_work_are_refused_with_what_to_give(capsys):
    for bad in (8, 0, "128", 12.5, True):
        with pytest.raises(ValueError, match="16 or more"):
            Embedder(max_tokens=bad)
        with pytest.raises(ValueError, match="16 or more"):
            MapOptions(max_tokens=bad).check(100)
    with pytest.raises(SystemExit):
        main(["map", "corpus.csv", "--max-tokens", "8"])
    assert "16 or more" in capsys.readouterr().err


def test_the_map_records_its_budget_and_placing_and_search_read_the_same(budget_map,
                                                                           tmp_path):
    built, new = budget_map
    assert built.params["max_tokens"] == 64 and built.max_tokens == 64
    reader = Embedder(max_tokens=64, show_progress=False)
    np.testing.assert_allclose(built.embeddings, reader.encode(built.papers["text"].tolist()),
                               atol=1e-6)
    built.save(tmp_path / "saved")
    loaded = PaperMap.load(tmp_path / "saved")
    assert loaded.params["max_tokens"] == 64
    placed = loaded.place(new)
    np.testing.assert_allclose(placed.embeddings[-40:], reader.encode(new["text"].tolist()),
                               atol=1e-6)
    loaded.search("graph neural networks", k=3)
    assert loaded._embedder.max_tokens == 64
    with pytest.raises(ValueError, match="reading 64 word pieces"):
        loaded.place(new, embedder=Embedder(show_progress=False,
                                            backend=loaded.params["backend"]))
    with pytest.raises(ValueError, match="max_tokens=128"):
        build_map(new, embedder=reader, max_tokens=128)


def test_a_rebuild_keeps_the_budget(budget_map):
    built, new = budget_map
    rebuilt, _ = built.place(new).rebuild()
    assert rebuilt.params["max_tokens"] == 64


def test_maps_saved_before_budgets_place_at_full_length(budget_map, bundled, cache_dir):
    built, new = budget_map
    full = Embedder(cache_dir=cache_dir, show_progress=False, backend=built.params["backend"])
    vectors = full.encode(built.papers["text"].tolist())
    old = PaperMap(papers=built.papers, summaries=built.summaries, embeddings=vectors,
                   params={k: v for k, v in built.params.items() if k != "max_tokens"})
    assert old.max_tokens is None
    with warnings.catch_warnings():  # a map of full-length vectors at a budget's layout
        warnings.simplefilter("ignore", UserWarning)  # may well call for a rebuild
        placed = old.place(new)
    np.testing.assert_allclose(placed.embeddings[-40:], full.encode(new["text"].tolist()),
                               atol=1e-6)


def test_the_backends_are_calibrated_at_the_budget_in_force(tmp_path, cache_dir):
    from conftest import copy_built

    cache = copy_built(cache_dir, tmp_path / "cache")
    at_full = cpu_choice("all-MiniLM-L6-v2", cache)
    assert "max_tokens" not in at_full["signature"]  # records made before budgets still fit
    cut = cpu_choice("all-MiniLM-L6-v2", cache, max_tokens=64)
    assert cut["signature"]["max_tokens"] == 64 and cut["measured"]
    assert cpu_choice("all-MiniLM-L6-v2", cache, max_tokens=64) == cut  # stored, reused
