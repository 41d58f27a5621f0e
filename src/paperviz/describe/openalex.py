"""OpenAlex's topics as shipped (CC0; see ``data/README.md``), read once, and what their
names say about a single word.

The topics (4,516, each in one of 244 subfields and 26 fields) are the vocabulary of
:mod:`paperviz.describe.disciplines`. Their names also say how much a word says alone: a
word that names topics in many fields ('dynamics' in 15 of the 26, 'synthesis' 9,
'imaging' and 'sensing' 7, 'evolution' 6) says which process, not which subject ('fluid
dynamics', 'vehicle dynamics'; 'music synthesis', 'protein synthesis'), where 'robotics'
(3), 'privacy' (2) or 'grasping' (none) name one; a field's or subfield's own name
('epidemiology', 'education') names a discipline.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources

import pandas as pd

__all__ = ["load_topics", "data_file", "fields_named", "vague_alone", "TOPICS_FILE",
           "VAGUE_FIELDS"]

TOPICS_FILE = "openalex-topics.csv.gz"
VAGUE_FIELDS = 6  # a word naming topics in this many fields (a quarter) says little alone


def data_file(name: str):
    """A file of the naming steps' shipped data."""
    return resources.files("paperviz.describe").joinpath("data", name)


def load_topics() -> pd.DataFrame:
    """OpenAlex's topics: ``id``, ``topic``, ``subfield``, ``field``, ``domain``,
    ``description``, one row each."""
    with data_file(TOPICS_FILE).open("rb") as handle:
        return pd.read_csv(handle, compression="gzip", dtype=str)


@lru_cache(maxsize=1)  # the shipped topics, read once
def _fields_of_words() -> tuple[dict[str, int], frozenset[str]]:
    """Each word of the topics' names: how many fields have a topic it names; and the
    one-word names of the fields and subfields."""
    topics = load_topics()
    fields: dict[str, set[str]] = defaultdict(set)
    for topic, field in zip(topics["topic"], topics["field"], strict=True):
        for word in set(re.findall(r"[a-z][a-z\-]+", topic.lower())):
            fields[word].add(field)
    disciplines = {name.lower() for name in (*topics["field"], *topics["subfield"])
                   if " " not in name}
    return {word: len(held) for word, held in fields.items()}, frozenset(disciplines)


def fields_named(word: str) -> int:
    """In how many of OpenAlex's fields a topic's name holds ``word`` (lower case)."""
    return _fields_of_words()[0].get(word, 0)


def vague_alone(word: str) -> bool:
    """Does ``word`` (lower case) name topics in :data:`VAGUE_FIELDS` fields or more, and no
    discipline by itself: alone, too vague to name a group ('Dynamics', 'Synthesis',
    'Imaging'; not 'Epidemiology', 'Education')?"""
    return fields_named(word) >= VAGUE_FIELDS and word not in _fields_of_words()[1]
