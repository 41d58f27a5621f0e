"""The country of an address as the databases write it: Web of Science (``"Beijing 100084,
Peoples R China."``, ``"Stanford, CA 94305 USA."``), Scopus (``"Stanford, CA, United
States"``), PubMed (``"Boston, MA, USA. jdoe@example.org."``), IEEE Xplore. Country names
come from ISO 3166 (``pycountry``); the spellings the databases use beside them are listed
here. Each country has one name: the one researchers read (``USA``, ``China``, ``South
Korea``, ``United Kingdom`` for England, Scotland, Wales and Northern Ireland)."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["country_of", "countries_of", "country_named"]

# Shorter names for the ISO names researchers do not write ("Korea, Republic of").
_SHOWN = {"US": "USA", "RU": "Russia", "VN": "Vietnam", "TR": "Turkey", "SY": "Syria",
          "LA": "Laos", "PS": "Palestine", "CD": "DR Congo", "BN": "Brunei",
          "KP": "North Korea", "MD": "Moldova", "MK": "North Macedonia", "CZ": "Czech Republic",
          "VA": "Vatican", "FM": "Micronesia", "CI": "Ivory Coast"}
# Other spellings in the databases' addresses (Web of Science's abbreviations among them).
_ALIASES = {
    "peoples r china": "CN", "pr china": "CN", "p r china": "CN", "people's republic of china":
    "CN", "england": "GB", "scotland": "GB", "wales": "GB", "north ireland": "GB",
    "northern ireland": "GB", "uk": "GB", "great britain": "GB", "usa": "US", "u s a": "US",
    "united states of america": "US", "us": "US", "korea": "KR", "republic of korea": "KR",
    "south korea": "KR", "rep of korea": "KR", "u arab emirates": "AE", "uae": "AE",
    "bosnia & herceg": "BA", "papua n guinea": "PG", "cent afr republ": "CF",
    "dem rep congo": "CD", "rep congo": "CG", "trinid & tobago": "TT", "sao tome & prin": "ST",
    "st kitts & nevi": "KN", "antigua & barbu": "AG", "equat guinea": "GQ",
    "guinea bissau": "GW", "marshall island": "MH", "turks & caicos": "TC",
    "fr polynesia": "PF", "byelarus": "BY", "surinam": "SR", "turkiye": "TR", "türkiye": "TR",
    "the netherlands": "NL", "holland": "NL", "russia": "RU", "iran": "IR", "vietnam": "VN",
    "taiwan": "TW", "hong kong": "HK", "macau": "MO", "czechia": "CZ", "slovak republic": "SK",
    "ivory coast": "CI", "cote ivoire": "CI", "cote d'ivoire": "CI", "brunei": "BN",
    "north macedonia": "MK", "macedonia": "MK", "laos": "LA", "syria": "SY",
    "palestine": "PS", "vatican": "VA", "kosovo": "XK",
}
_EMAIL = re.compile(r"(?:(?:electronic address|e-?mail(?: address)?)\s*:?\s*)?\S+@\S+",
                    re.IGNORECASE)
_US_STATE_ZIP = re.compile(r"(?:^|\s)([A-Z]{2})\s+\d{5}(?:-\d{4})?$")
_US_STATES = set("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO "
                 "MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY "
                 "DC PR".split())


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Every spelling (lower case) to the country's shown name."""
    import pycountry

    shown, names = {}, {}
    for country in pycountry.countries:
        code = country.alpha_2
        shown[code] = _SHOWN.get(code) or getattr(country, "common_name", None) or country.name
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.lower()] = shown[code]
    shown["XK"] = "Kosovo"
    names.update({alias: shown[code] for alias, code in _ALIASES.items()})
    names.update({f"code:{code.lower()}": name for code, name in shown.items()})
    return names


def country_named(code: str) -> str:
    """The country of an ISO 3166 two-letter code (OpenAlex's ``"CN"``), "" if none."""
    return _names().get(f"code:{str(code).strip().lower()}", "")


def country_of(address: str) -> str:
    """The country an address ends with (its last or second-to-last part, postcodes and
    e-mail addresses ignored), or "" when none is recognised."""
    text = _EMAIL.sub("", str(address)).strip().rstrip(".;, ")
    parts = [p.strip(" .") for p in text.split(",") if p.strip(" .")]
    names = _names()
    for part in reversed(parts[-2:]):
        words = [w.strip(".;:()") for w in re.sub(r"\d[\d-]*", " ", part).split()]
        for n in range(min(4, len(words)), 0, -1):  # "CA 94305 USA": the last words
            found = names.get(" ".join(words[-n:]).lower())
            if found:
                return found
        state = _US_STATE_ZIP.search(part)
        if (state and state.group(1) in _US_STATES) or (part in _US_STATES
                                                         and part == parts[-1]):
            return "USA"
    return ""


def countries_of(addresses: list[str]) -> list[str]:
    """The countries of a paper's addresses, each once, in order."""
    return list(dict.fromkeys(c for c in map(country_of, addresses) if c))
