"""The token budget: how many word pieces of each text the embedding model reads (a fact both
the options and the embedding stage need, so it sits on the floor below both).

A text longer than the budget is cut, as the model cuts texts beyond its own limit (256 word
pieces for all-MiniLM-L6-v2). By default there is no budget: the model reads up to its own
limit. A budget of half the model's limit embeds about twice as fast but costs the map:
areas agree less with the arXiv categories, search finds papers less often and many
papers' nearest papers change (``docs/budgets.md``, ``benchmarks/budget.py``). So a budget
is an option, for a quick first look at a large corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["MIN_TOKENS", "check_budget", "folder_limit", "resolve_budget", "budget_key"]

MIN_TOKENS = 16


def check_budget(max_tokens: int | None) -> None:
    """Raise a ValueError that says what to give when ``max_tokens`` is not a budget."""
    if max_tokens is None:
        return
    if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) \
            or max_tokens < MIN_TOKENS:
        raise ValueError(f"max_tokens={max_tokens!r}: give a number of word pieces of "
                         f"{MIN_TOKENS} or more, or None (the model's own limit).")


def folder_limit(folder: str) -> int | None:
    """The limit a sentence-transformers model folder declares (``max_seq_length`` in its
    ``sentence_bert_config.json``), or None when there is no such folder or field."""
    try:
        config = json.loads((Path(folder) / "sentence_bert_config.json").read_text())
        return int(config["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def resolve_budget(max_tokens: int | None, limit: int) -> int:
    """The word pieces read for the budget ``max_tokens`` (None: no budget) by a model whose
    own limit is ``limit``."""
    check_budget(max_tokens)
    return limit if max_tokens is None else min(int(max_tokens), limit)


def budget_key(model_key: str, budget: int, limit: int) -> str:
    """The cache key of vectors made at ``budget``: the model's key, with the budget added
    when it cuts below the model's limit (full-length vectors keep the key they always had)."""
    return model_key if budget >= limit else f"{model_key} max_tokens={budget}"
