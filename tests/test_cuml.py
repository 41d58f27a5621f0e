"""UMAP and HDBSCAN: the CPU libraries, or RAPIDS cuML's GPU versions when installed.

No GPU is at hand in CI, so the cuML paths are exercised through a stand-in ``cuml`` module:
the tests check which engine is picked, what it is given, and that a failing GPU falls back
to the CPU with a warning; they do not test cuML itself."""

import sys
import types

import numpy as np
import pytest

from paperviz import MapOptions
from paperviz.areas import find_areas, layout_engine, nearest_neighbors, reduce_umap


@pytest.fixture
def vectors():
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(c, 0.05, (20, 8)) for c in (-1.0, 1.0)]).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _fake_cuml(monkeypatch, fail: bool = False) -> list:
    calls = []

    class HDBSCAN:  # the CPU library behind cuML's interface
        def __init__(self, **kwargs):
            calls.append(kwargs)

        def fit(self, x):
            import hdbscan

            if fail:
                raise RuntimeError("CUDA error: out of memory")
            settings = {k: v for k, v in calls[-1].items() if k != "output_type"}
            model = hdbscan.HDBSCAN(**settings).fit(x)
            self.labels_, self.probabilities_ = model.labels_, model.probabilities_
            return self

    class UMAP:
        def __init__(self, **kwargs):
            calls.append(kwargs)

        def fit_transform(self, x):
            if fail:
                raise RuntimeError("CUDA error: no kernel image is available")
            return np.zeros((len(x), calls[-1]["n_components"]), dtype=np.float64)

    modules = {name: types.ModuleType(name) for name in
               ("cuml", "cuml.manifold", "cuml.cluster", "cuml.cluster.hdbscan")}
    modules["cuml.manifold"].UMAP = UMAP
    modules["cuml.cluster.hdbscan"].HDBSCAN = HDBSCAN
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)
    return calls


def test_umap_learn_is_used_without_cuml_and_is_deterministic(vectors):
    a = reduce_umap(vectors, 2, random_state=3)
    b = reduce_umap(vectors, 2, random_state=3)
    assert a.shape == (40, 2) and a.dtype == np.float32
    np.testing.assert_array_equal(a, b)
    left, right = a[:20].mean(axis=0), a[20:].mean(axis=0)
    assert np.linalg.norm(left - right) > 3 * a[:20].std()  # the two groups lie apart
    with pytest.raises(ValueError, match="needs RAPIDS cuML"):
        reduce_umap(vectors, 2, gpu=True)
    assert layout_engine() == "umap-learn"


def test_large_corpora_start_umap_from_pca(vectors, monkeypatch):
    """From ``SPECTRAL_UNTIL`` papers umap-learn starts from PCA (its spectral start's
    eigensolver stalled on 500,000 papers); below, from the spectral layout."""
    import umap

    from paperviz.areas import layout

    inits = []

    class Recording(umap.UMAP):
        def __init__(self, **kwargs):
            inits.append(kwargs["init"])
            super().__init__(**kwargs)

    monkeypatch.setattr(umap, "UMAP", Recording)
    spectral = reduce_umap(vectors, 2, random_state=3)
    monkeypatch.setattr(layout, "SPECTRAL_UNTIL", len(vectors))
    pca = reduce_umap(vectors, 2, random_state=3)
    assert inits == ["spectral", "pca"]
    assert not np.array_equal(spectral, pca)
    np.testing.assert_array_equal(pca, reduce_umap(vectors, 2, random_state=3))
    spread = max(pca[:20].std(axis=0).max(), pca[20:].std(axis=0).max())
    assert np.linalg.norm(pca[:20].mean(axis=0) - pca[20:].mean(axis=0)) > 3 * spread


def test_cuml_is_used_when_installed_with_the_same_settings(vectors, monkeypatch):
    calls = _fake_cuml(monkeypatch)
    assert layout_engine() == "cuml"  # part of the cache key of a map's layout
    out = reduce_umap(vectors, 3, n_neighbors=7, min_dist=0.0, random_state=5)
    assert out.shape == (40, 3) and out.dtype == np.float32 and not out.any()
    assert calls == [{"n_components": 3, "n_neighbors": 7, "min_dist": 0.0,
                      "metric": "cosine", "random_state": 5, "init": "spectral",
                      "output_type": "numpy"}]
    cpu = reduce_umap(vectors, 3, n_neighbors=7, gpu=False)
    assert cpu.any() and len(calls) == 1  # gpu=False never touches cuML


def test_a_failing_gpu_falls_back_to_the_cpu_with_a_warning(vectors, monkeypatch):
    _fake_cuml(monkeypatch, fail=True)
    with pytest.warns(UserWarning, match="cuML's UMAP failed.*CUDA error"):
        out = reduce_umap(vectors, 2, random_state=3)
    np.testing.assert_array_equal(out, reduce_umap(vectors, 2, random_state=3, gpu=False))
    with pytest.raises(RuntimeError, match="CUDA error"):
        reduce_umap(vectors, 2, gpu=True)


def _hdbscan_areas(vectors):
    points = reduce_umap(vectors, 2, random_state=3, gpu=False)
    found = find_areas(nearest_neighbors(vectors, 5),
                       MapOptions(method="hdbscan", min_area_size=5), points=points)
    return found["area"].to_numpy()


def test_hdbscan_areas_use_cuml_when_installed_and_fall_back_to_the_cpu(vectors, monkeypatch):
    cpu = _hdbscan_areas(vectors)
    assert len(set(cpu[:20])) == len(set(cpu[20:])) == 1 and cpu[0] != cpu[-1]
    calls = _fake_cuml(monkeypatch)
    np.testing.assert_array_equal(_hdbscan_areas(vectors), cpu)
    assert [c["cluster_selection_method"] for c in calls] == ["eom", "leaf"]
    _fake_cuml(monkeypatch, fail=True)
    with pytest.warns(UserWarning, match="cuML's HDBSCAN failed.*out of memory"):
        np.testing.assert_array_equal(_hdbscan_areas(vectors), cpu)
