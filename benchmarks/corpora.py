"""The labelled development corpora used by the quality benchmarks (see shared/corpora)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def dev_sample(per_label: int = 400, n_labels: int = 8, random_state: int = 0) -> pd.DataFrame:
    """Up to ``per_label`` papers from each of the largest arXiv-cs-2025 categories (2,984)."""
    df = pd.read_parquet(SHARED / "arxiv-cs-2025.parquet")
    top = df["label"].value_counts().index[:n_labels]
    parts = [
        g.sample(min(len(g), per_label), random_state=random_state)
        for _, g in df[df["label"].isin(top)].groupby("label", sort=True)
    ]
    return pd.concat(parts, ignore_index=True)


def arxiv_2007() -> pd.DataFrame:
    """2,000 papers of every discipline from April 2007, labelled by ``archive``."""
    return pd.read_parquet(SHARED / "arxiv-2007-2k.parquet")


def openreview_venues() -> pd.DataFrame:
    """openreview-keywords (1,699 papers), labelled by conference: COLM, CoRL or ICLR."""
    df = pd.read_parquet(SHARED / "openreview-keywords.parquet")
    return df.assign(label=df["venue"].str.extract(r"^([a-z]+)", expand=False))


def ijcai_areas() -> pd.DataFrame:
    """IJCAI 2020-2023 (3,212 papers), labelled by the area of the first topic ticked."""
    return pd.read_parquet(SHARED / "ijcai-2020-2023.parquet")


def arxiv_2025_slice(name: str) -> pd.DataFrame:
    """Corpora the naming rules were never tuned on (session 40), cut from arXiv-cs-2025:
    ``cstail``, up to 80 papers of each category after the eight largest (806: IR, sound,
    security, systems and control, society, software, ...); ``csCL``, 2,000 language
    papers; ``hcrogr``, up to 450 each of human-computer interaction, robotics and graphics
    (1,034)."""
    df = pd.read_parquet(SHARED / "arxiv-cs-2025.parquet")
    counts = df["label"].value_counts()
    if name == "cstail":
        tail = df[df["label"].isin(counts.index[8:40])]
        parts = [g.sample(min(len(g), 80), random_state=0) for _, g in tail.groupby("label")]
    elif name == "csCL":
        parts = [df[df["label"] == "cs.CL"].sample(2000, random_state=1)]
    elif name == "hcrogr":
        three = df[df["label"].isin(["cs.HC", "cs.RO", "cs.GR"])]
        parts = [g.sample(min(len(g), 450), random_state=1) for _, g in three.groupby("label")]
    else:
        raise ValueError(f"{name!r}: one of 'cstail', 'csCL', 'hcrogr'")
    return pd.concat(parts, ignore_index=True)
