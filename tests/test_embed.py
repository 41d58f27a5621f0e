import numpy as np
import pytest
from conftest import copy_built

from paperviz import Embedder
from paperviz.embedding import EmbeddingCache, cache_summary, clear_cache, text_keys

TEXTS = [
    "Graph neural networks for molecule property prediction.",
    "Reinforcement learning for robot locomotion.",
    "Large language models follow instructions.",
    "Graph neural networks for molecule property prediction.",  # a repeat
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, cache_dir):
    """A cache for this module's tests, with the run's built models and calibration."""
    return copy_built(cache_dir, tmp_path_factory.mktemp("embed-cache"))


def test_vectors_are_unit_float32_and_repeats_identical(model_dir):
    emb = Embedder(cache_dir=model_dir)
    vecs = emb.encode(TEXTS)
    assert vecs.shape == (4, 384) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(vecs[0], vecs[3])
    assert emb.texts_embedded == 3  # the repeat was embedded once
    # a paper on the same topic, worded differently, is closer than the other topics
    near = emb.encode(["Predicting the properties of molecules with message-passing graph "
                       "networks."])[0]
    assert vecs[0] @ near > max(vecs[1] @ near, vecs[2] @ near) + 0.2


def test_cache_hit_does_not_run_or_load_the_model(model_dir):
    first = Embedder(cache_dir=model_dir).encode(TEXTS)
    emb = Embedder(cache_dir=model_dir)
    again = emb.encode(TEXTS)
    assert emb.texts_embedded == 0
    assert emb.load_seconds == 0.0  # the model was never even loaded
    np.testing.assert_array_equal(first, again)


def test_adding_papers_embeds_only_the_new_ones(model_dir):
    emb = Embedder(cache_dir=model_dir)
    emb.encode([*TEXTS, "Protein folding with transformers.", "Quantum error correction."])
    assert emb.texts_embedded == 2


def test_half_written_chunks_are_ignored_and_recomputed(empty_cache):
    emb = Embedder(cache_dir=empty_cache)
    good = emb.encode(TEXTS[:2])
    cache = emb.cache  # the backend was decided by encode
    # a run killed mid-write: a temporary file, and a chunk whose vectors never arrived
    (cache.folder / "chunk-abc.vec.npy.tmp-1-x").write_bytes(b"partial")
    keys = text_keys(["Something never finished."])
    np.save(cache.folder / "chunk-dead.keys.npy", keys)
    (cache.folder / "chunk-dead.vec.npy").write_bytes(b"\x93NUMPY garbage")
    fresh = Embedder(cache_dir=empty_cache)
    out = fresh.encode([*TEXTS[:2], "Something never finished."])
    assert fresh.texts_embedded == 1
    np.testing.assert_array_equal(out[:2], good)


def test_cache_info_and_clear(tmp_path):
    Embedder(cache_dir=tmp_path, backend="torch").encode(TEXTS[:2])
    (info,) = cache_summary(tmp_path)
    assert info["vectors"] == 2 and info["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert clear_cache(tmp_path) == 1
    assert cache_summary(tmp_path) == []


def test_store_and_lookup_round_trip(tmp_path):
    cache = EmbeddingCache(tmp_path, "test-model")
    keys = text_keys(["a", "b", "c"])
    vecs = np.arange(12, dtype=np.float32).reshape(3, 4)
    cache.store(keys[:2], vecs[:2])
    found, got = cache.lookup(keys)
    assert found.tolist() == [True, True, False]
    np.testing.assert_array_equal(got[:2], vecs[:2])


def test_unknown_model_folder_gives_a_clear_error(tmp_path):
    (tmp_path / "not-a-model").mkdir()
    with pytest.raises(ValueError, match="cannot load the embedding model"):
        Embedder(str(tmp_path / "not-a-model"), use_cache=False).encode(["x"])


def test_the_gpu_path_matches_plain_encode_on_the_cpu(bundled):
    """The pipelined path the GPU uses (length-sorted batches, tokenising in threads), run
    on the CPU in fp32: same vectors as sentence-transformers' own encode, in input order."""
    from paperviz.embedding.gpu import encode_on_gpu

    texts = bundled["text"].head(40).tolist()
    model = Embedder(use_cache=False, backend="torch").model.model  # the SentenceTransformer
    plain = model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    ours = encode_on_gpu(model, texts, batch_size=8, fp16=False)
    np.testing.assert_allclose((ours * plain).sum(axis=1), 1.0, atol=1e-5)


def test_the_rust_tokenizer_gives_what_the_model_tokenize_gives(bundled):
    """The GPU path's tokenizer (Rust, no GIL): the same features as the model's own
    ``tokenize`` for every bundled paper, padded and truncated; a model whose own features
    differ keeps its own."""
    import torch

    from paperviz.embedding.gpu import batch_tokenizer

    texts = sorted(bundled["text"].tolist(), key=len)
    texts.append(" ".join(texts[-3:]))  # longer than the model reads: truncated
    model = Embedder(use_cache=False, backend="torch").model.model
    tokenize = batch_tokenizer(model, texts[:2] + texts[-2:])
    assert tokenize is not model.tokenize
    for lo in range(0, len(texts), 64):
        want, got = model.tokenize(texts[lo:lo + 64]), tokenize(texts[lo:lo + 64])
        assert want.keys() == got.keys()
        for key, value in want.items():
            assert (torch.equal(got[key], value) if torch.is_tensor(value)
                    else got[key] == value), key
    assert tokenize(texts[-1:])["input_ids"].shape[1] == model.max_seq_length

    own = model.tokenize
    model.tokenize = lambda batch: {**own(batch), "input_ids": own(batch)["input_ids"] + 1}
    assert batch_tokenizer(model, texts[:4]) is model.tokenize


def test_static_backend_is_distilled_once_and_embeds(tmp_path, capfd):
    emb = Embedder("static-minilm", cache_dir=tmp_path)
    vecs = emb.encode(TEXTS)
    printed = "".join(capfd.readouterr())  # the libraries' banners stay out of our output
    assert "LOAD REPORT" not in printed and "Encoding tokens" not in printed, printed[-500:]
    assert vecs.shape == (4, 256) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    models = list((tmp_path / "models").iterdir())
    assert [m.name for m in models] == ["static-minilm-pca256"]
    stamp = (models[0] / "model.safetensors").stat().st_mtime_ns
    again = Embedder("static-minilm", cache_dir=tmp_path, use_cache=True)
    again.cache.clear()  # vectors gone, the distilled model stays
    np.testing.assert_allclose(again.encode(TEXTS), vecs, atol=1e-6)
    assert (models[0] / "model.safetensors").stat().st_mtime_ns == stamp
    # a paper on the same topic, worded differently, is closer than the other topics
    near = again.encode(["Predicting the properties of molecules with message-passing graph "
                         "networks."])[0]
    assert vecs[0] @ near > max(vecs[1] @ near, vecs[2] @ near) + 0.1


def test_two_processes_embedding_at_once_leave_a_correct_cache(tmp_path, empty_cache):
    import subprocess
    import sys

    texts = [f"Paper {i} about topic {i % 5} and method {i % 3}." for i in range(60)]
    (tmp_path / "texts.txt").write_text("\n".join(texts))
    script = (
        "import sys; from paperviz import Embedder\n"
        "texts = open(sys.argv[1]).read().split('\\n')\n"
        "Embedder(cache_dir=sys.argv[2], show_progress=False).encode(texts)\n"
    )
    env = {"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "texts.txt"),
                               str(empty_cache)], env=env) for _ in range(2)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    reader = Embedder(cache_dir=empty_cache)
    cached = reader.encode(texts)
    assert reader.texts_embedded == 0  # everything came from the cache
    fresh = Embedder(use_cache=False).encode(texts)
    np.testing.assert_allclose((cached * fresh).sum(axis=1), 1.0, atol=1e-5)
    assert not list(empty_cache.rglob("*.tmp-*"))  # no half-written files left


def test_vectors_beyond_the_memory_budget_are_memory_mapped(empty_cache, model_dir):
    in_memory = Embedder(cache_dir=model_dir).encode(TEXTS)
    small = Embedder(cache_dir=model_dir, memory_budget=1000)  # 4 x 384 x 4 bytes > 1000
    mapped = small.encode(TEXTS)
    assert isinstance(mapped, np.memmap)
    np.testing.assert_array_equal(np.asarray(mapped), in_memory)
    assert small.texts_embedded == 0  # filled from the cache, straight into the map
    fresh = Embedder(cache_dir=empty_cache, memory_budget=1000)
    np.testing.assert_allclose(np.asarray(fresh.encode(TEXTS)), in_memory, atol=1e-6)
    assert fresh.texts_embedded == 3
    assert not list((empty_cache / "tmp").iterdir())  # the backing files are already unlinked


def test_int8_backend_is_built_once_checked_and_faithful(tmp_path, model_dir):
    int8 = Embedder("minilm-int8", cache_dir=tmp_path)
    vecs = int8.encode(TEXTS)
    fp32 = Embedder(cache_dir=model_dir, backend="torch").encode(TEXTS)
    assert vecs.shape == fp32.shape
    # the build is refused under 0.995 mean cosine on the bundled corpus (recorded); on
    # four texts an AVX2-only CPU gives 0.9948, a broken quantisation far less
    assert (vecs * fp32).sum(axis=1).mean() >= 0.99
    (folder,) = (tmp_path / "models").iterdir()
    import json

    assert json.loads((folder / "fidelity.json").read_text())["mean_cosine"] >= 0.995
    stamp = (folder / "model.onnx").stat().st_mtime_ns
    again = Embedder("minilm-int8", cache_dir=tmp_path, use_cache=False)
    np.testing.assert_allclose(again.encode(TEXTS), vecs, atol=1e-6)
    assert (folder / "model.onnx").stat().st_mtime_ns == stamp  # not rebuilt


def test_auto_backend_on_the_cpu_is_the_one_calibrated_on_this_machine(model_dir):
    from paperviz.embedding.calibrate import cpu_choice

    auto = Embedder(cache_dir=model_dir, device="cpu").prepare()
    fp32 = Embedder(cache_dir=model_dir, backend="torch")
    record = cpu_choice("all-MiniLM-L6-v2", model_dir)  # this machine's, as stored
    assert (auto.backend, fp32.backend) == (record["choice"], "torch")
    assert record["choice"] == "torch" or auto.model_key != fp32.model_key  # cached apart
    assert Embedder(cache_dir=model_dir, device="cuda").prepare().backend == "torch"
    cos = (auto.encode(TEXTS) * fp32.encode(TEXTS)).sum(axis=1)
    # int8 on four texts: 0.9948 on an AVX2-only CPU (see the int8 test above)
    assert cos.mean() >= (0.99 if auto.backend == "int8" else 0.999)


def test_a_refused_int8_build_is_left_out_of_the_calibration_with_a_warning(tmp_path):
    from paperviz.embedding.calibrate import read_records

    models = tmp_path / "models"
    models.mkdir()
    from paperviz.embedding.int8 import weight_bits

    failed = models / f"minilm-int8-v3-{weight_bits()}bit.failed.txt"  # this CPU's build
    failed.write_text("mean cosine 0.90, under 0.995")
    emb = Embedder(cache_dir=tmp_path, device="cpu")  # only stores: nothing is tried yet
    with pytest.warns(UserWarning, match="int8 model was not used.*mean cosine 0.90"):
        assert emb.prepare().backend in ("torch", "bf16")
    (record,) = read_records(tmp_path).values()
    assert "int8" not in record["rates"] and "0.90" in record["skipped"]["int8"]
    with pytest.raises(RuntimeError, match="delete it to retry"):
        Embedder("minilm-int8", cache_dir=tmp_path).encode(TEXTS[:1])


def test_bad_backend_choices_are_refused(tmp_path):
    with pytest.raises(ValueError, match="not one of"):
        Embedder(backend="onnx", use_cache=False)
    with pytest.raises(ValueError, match="only for the bundled"):
        Embedder(str(tmp_path), backend="int8", use_cache=False)


def test_int8_vectors_do_not_depend_on_the_texts_embedded_with_them(model_dir, bundled):
    """int8 quantises activations with one scale per run of the model: a text's vector must
    not change with the texts around it (runs are one text each)."""
    emb = Embedder("minilm-int8", cache_dir=model_dir, use_cache=False)
    texts = bundled["text"].head(12).tolist()
    together = emb.model.encode(texts)
    apart = np.vstack([emb.model.encode(texts[i : i + 5]) for i in range(0, 12, 5)])
    np.testing.assert_array_equal(together, apart)
    np.testing.assert_array_equal(emb.model.encode(texts[:1]), together[:1])
    # the texts are shared out among sessions running side by side: the same vectors
    from paperviz.embedding.int8 import Int8Encoder, int8_model_folder

    folder = int8_model_folder(model_dir)
    for sessions in (1, 3):
        np.testing.assert_array_equal(Int8Encoder(folder, sessions=sessions).encode(texts),
                                      together)


def test_int8_weights_take_seven_bits_where_eight_could_saturate():
    from paperviz.cpu import int8_pairs_saturate
    from paperviz.embedding.int8 import weight_bits

    avx2 = frozenset({"sse2", "avx", "avx2", "fma"})
    assert int8_pairs_saturate(avx2) and weight_bits(avx2) == 7
    assert int8_pairs_saturate(avx2 | {"avx512f", "avx512bw"})  # AVX-512 without VNNI
    assert weight_bits(avx2 | {"avx512f", "avx512_vnni"}) == 8
    assert weight_bits(avx2 | {"avx_vnni"}) == 8
    assert weight_bits(frozenset({"fp", "asimd", "asimddp"})) == 8  # Arm


def test_a_seven_bit_build_cannot_saturate_and_stays_faithful(tmp_path, model_dir):
    """Built as on a CPU without VNNI: every weight within +-64 (255 x 64 x 2 = 32,640: no
    pair of products overflows 16 bits), checked on this machine like any build; the first
    three layers' feed-forward outputs in fp32, the model fed word pieces alone."""
    import json

    import onnx
    from onnx import numpy_helper

    from paperviz.embedding.int8 import Int8Encoder, int8_model_folder

    def int8_weights(folder):
        model = onnx.load(str(folder / "model.onnx"))
        weights = [numpy_helper.to_array(t) for t in model.graph.initializer
                   if t.data_type == onnx.TensorProto.INT8 and t.dims]
        fp32 = [n.name for n in model.graph.node if n.op_type == "MatMul"
                and "/output/dense/" in n.name and "attention" not in n.name]
        return model, weights, fp32

    seven = int8_model_folder(tmp_path, bits=7)
    model, weights, fp32 = int8_weights(seven)
    assert weights and all(w.min() >= -64 and w.max() <= 64 for w in weights)
    assert [i.name for i in model.graph.input] == ["input_ids"]
    assert sorted(fp32) == [f"/inner/encoder/layer.{i}/output/dense/MatMul" for i in (0, 1, 2)]
    assert json.loads((seven / "fidelity.json").read_text())["mean_cosine"] >= 0.995
    _, eight, _ = int8_weights(int8_model_folder(model_dir, bits=8))
    assert max(int(w.max()) for w in eight) > 64  # the full 8 bits where they are safe
    fp32_vectors = Embedder(cache_dir=model_dir, backend="torch").encode(TEXTS)
    assert (Int8Encoder(seven).encode(TEXTS) * fp32_vectors).sum(axis=1).mean() >= 0.99
