"""An optional namer that asks a language model, through any OpenAI-compatible chat endpoint
(a local Ollama, llama.cpp server or vLLM, or a hosted service). Off by default: nothing
leaves the machine unless you pass it to ``build_map(..., namer=llm_namer(...))`` or give
``paperviz map --llm-url``.

Each area is sent its key phrases, the titles of the twelve papers nearest its centre, its
sub-areas' names (for a coarse area), its siblings' and its parent's names, and the model is
asked for a short name. Twelve central titles are what a colleague (two helper models) named
264 groups from in session 38: their names hit the authors' keywords as often as the
built-in ones and read better blind in 105 of 120 pairs (docs/names.md, "Our names against
a colleague's"). Names that come back the same for several areas of a level are sent once
more, side by side, with a request to tell them apart. Whatever fails (a timeout, an error,
a refusal, an empty or over-long answer, a clash that stays) keeps the built-in name, and
one warning counts it.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
import warnings
from collections.abc import Sequence

from .namers import AreaBrief, clean_proposal

__all__ = ["llm_namer", "LLMNamer"]

_SYSTEM = ("You name research areas for a map of scientific papers. Answer with the name "
           "only: a noun phrase of 2 to 5 words that a researcher in the field would use, "
           "in title case, with no quotes and no explanation.")
_REFUSAL = re.compile(r"^(i\b|i'm|sorry|as an ai|unfortunately|cannot|i cannot)", re.I)


def llm_namer(base_url: str, model: str, *, api_key_env: str = "OPENAI_API_KEY",
              timeout: float = 60.0) -> LLMNamer:
    """A namer that asks ``model`` at ``base_url`` (e.g. ``"http://localhost:11434/v1"``
    for Ollama). The key, if the endpoint needs one, is read from the environment
    variable ``api_key_env``; it is never stored or logged."""
    return LLMNamer(base_url=base_url, model=model, api_key_env=api_key_env, timeout=timeout)


class LLMNamer:
    """See :func:`llm_namer`. ``name_areas`` is what :func:`paperviz.describe_levels` calls."""

    def __init__(self, *, base_url: str, model: str, api_key_env: str = "OPENAI_API_KEY",
                 timeout: float = 60.0) -> None:
        if not str(base_url).startswith(("http://", "https://")):
            raise ValueError(f"base_url={base_url!r}: give the endpoint's address, such as "
                             "'http://localhost:11434/v1'.")
        self.base_url = str(base_url).rstrip("/")
        self.model = model
        self.api_key_env = api_key_env
        self.timeout = timeout

    def name_areas(self, briefs: Sequence[AreaBrief]) -> list[str | None]:
        """One name per area of a level, None where the model gave none usable."""
        failed: dict[str, int] = {}
        names = [self._name(self._prompt(b), failed) for b in briefs]
        clashes: dict[str, list[int]] = {}
        for i, name in enumerate(names):
            if name:
                clashes.setdefault(name.lower(), []).append(i)
        for group in (g for g in clashes.values() if len(g) > 1):
            answer = self._ask(self._disambiguation([briefs[i] for i in group]), failed)
            lines = [clean_proposal(re.sub(r"^\s*\d+[.)]\s*", "", line))
                     for line in (answer or "").splitlines() if line.strip()]
            if len(lines) == len(group) and all(lines) \
                    and len({n.lower() for n in lines}) == len(lines):
                for i, name in zip(group, lines, strict=True):
                    names[i] = name
            else:
                failed["names still the same after asking to tell them apart"] = \
                    failed.get("names still the same after asking to tell them apart", 0) \
                    + len(group)
                for i in group:
                    names[i] = None
        if failed:
            level = briefs[0].level if briefs else ""
            said = ", ".join(f"{n} {why}" for why, n in sorted(failed.items()))
            warnings.warn(f"the language model gave no usable name for some areas of level "
                          f"'{level}' ({said}); they keep the built-in name.", stacklevel=3)
        return names

    # --- prompts ------------------------------------------------------------------------

    @staticmethod
    def _prompt(brief: AreaBrief) -> str:
        lines = [f"An area of {brief.size} papers ({brief.level}).",
                 "Key phrases: " + "; ".join(brief.key_phrases),
                 "The papers nearest its centre:"]
        lines += [f"- {t}" for t in (brief.central_titles or brief.titles)]
        if brief.subarea_names:
            lines.append("Its sub-areas: " + "; ".join(brief.subarea_names))
            lines.append("Name what its sub-areas have in common.")
        if brief.parent_name:
            lines.append(f"It is part of the area '{brief.parent_name}'; do not repeat that "
                         "name.")
        if brief.sibling_names:
            lines.append("Its neighbouring areas (name it apart from them): "
                         + "; ".join(brief.sibling_names))
        lines.append("Name this area.")
        return "\n".join(lines)

    @staticmethod
    def _disambiguation(briefs: Sequence[AreaBrief]) -> str:
        lines = [f"These {len(briefs)} areas were given the same name. Give each a different "
                 "name that tells it apart from the others: one name per line, in order, "
                 "numbered, nothing else."]
        for k, brief in enumerate(briefs, 1):
            lines.append(f"{k}. Key phrases: " + "; ".join(brief.key_phrases)
                         + " | Papers: " + " / ".join(brief.titles))
        return "\n".join(lines)

    # --- the endpoint -------------------------------------------------------------------

    def _name(self, prompt: str, failed: dict[str, int]) -> str | None:
        answer = self._ask(prompt, failed)
        if answer is None:
            return None
        if _REFUSAL.match(answer.strip()):
            failed["refusals"] = failed.get("refusals", 0) + 1
            return None
        name = clean_proposal(answer)
        if name is None:
            failed["empty or over-long answers"] = \
                failed.get("empty or over-long answers", 0) + 1
        return name

    def _ask(self, prompt: str, failed: dict[str, int]) -> str | None:
        body = json.dumps({"model": self.model, "temperature": 0, "max_tokens": 200,
                           "messages": [{"role": "system", "content": _SYSTEM},
                                        {"role": "user", "content": prompt}]}).encode()
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(self.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        request = urllib.request.Request(f"{self.base_url}/chat/completions", data=body,
                                         headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                reply = json.loads(response.read().decode("utf-8"))
            return str(reply["choices"][0]["message"]["content"] or "")
        except TimeoutError:
            failed["timeouts"] = failed.get("timeouts", 0) + 1
        except (urllib.error.URLError, OSError, ValueError, KeyError, IndexError,
                TypeError) as exc:
            reason = "timeouts" if "timed out" in str(exc) else "failed requests"
            failed[reason] = failed.get(reason, 0) + 1
        return None
