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
