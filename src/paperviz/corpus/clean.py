"""Text cleaning: whitespace, HTML, LaTeX leftovers and Unicode normalisation.

``clean_text`` is idempotent: cleaning a cleaned string changes nothing.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["clean_text"]

# LaTeX accent commands mapped to Unicode combining marks: \"o -> ö, \'e -> é, \~n -> ñ ...
_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
}
_ACCENT_RE = re.compile(
    r"""\\(["'`^~=.]|[uvHck](?=[\s{]))\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))"""
)
_BRACED_ACCENT_RE = re.compile(r"""\{(\\["'`^~=.uvHck]\s*(?:\{\\?[A-Za-z]\}|\\?[A-Za-z]))\}""")
_SIM_RE = re.compile(r"\{?\\?raise\s*[.\d]+ex\s*\\scriptstyle\s*\\sim\s*\}?")
_FORMAT_CMD_RE = re.compile(
    r"\\(?:emph|textit|textbf|texttt|textsc|textrm|textsf|mathrm|mathbf|mathit|mathcal|"
    r"mathbb|text|underline|url)\s*\{([^{}]*)\}"
)
_OLD_FONT_RE = re.compile(r"\{\\(?:em|it|bf|tt|sc|rm|sf)\s+([^{}]*)\}")
_HREF_RE = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{[^{}]*\}")
_SYMBOLS = {
    r"\sim": "~",
    r"\approx": "≈",
    r"\times": "×",
    r"\leq": "≤",
    r"\le": "≤",
    r"\geq": "≥",
    r"\ge": "≥",
    r"\pm": "±",
    r"\cdot": "·",
    r"\infty": "∞",
    r"\rightarrow": "→",
    r"\to": "→",
    r"\alpha": "α",
    r"\beta": "β",
    r"\gamma": "γ",
    r"\delta": "δ",
    r"\epsilon": "ε",
    r"\lambda": "λ",
    r"\mu": "μ",
    r"\sigma": "σ",
    r"\theta": "θ",
    r"\ell": "ℓ",
    r"\ldots": "…",
    r"\dots": "…",
}
_SYMBOL_RE = re.compile(
    "|".join(re.escape(k) + r"(?![A-Za-z])" for k in sorted(_SYMBOLS, key=len, reverse=True))
)
_ESCAPED_RE = re.compile(r"\\([%&$#_{}])")
_MATH_RE = re.compile(r"\$\$?([^$]{0,200}?)\$\$?")
# Only formatting tags (as in Crossref/JATS or scraped abstracts) are removed; anything else,
# such as a title that reads "<script>", is kept as text and escaped wherever it is shown.
_TAG_RE = re.compile(
    r"</?(?:i|b|u|em|strong|sub|sup|p|br|span|div|tt|code|small|big|a|abbr|"
    r"(?:jats|mml):[A-Za-z-]+)(?:\s+[^<>]*)?/?>",
    re.IGNORECASE,
)


_MARKUP = re.compile(r"[&<\\$]")


def _accent(match: re.Match[str]) -> str:
    letter = (match.group(2) or match.group(3)).lstrip("\\")
    if letter == "i":  # \'{\i} is a dotless i with an accent: use a plain i
        letter = "i"
    return unicodedata.normalize("NFC", letter + _ACCENTS[match.group(1)])


def _strip_latex(text: str) -> str:
    if "raise" in text and "\\" in text:
        text = _SIM_RE.sub("~", text)
    if "\\" in text:
        text = _BRACED_ACCENT_RE.sub(r"\1", text)
        text = _ACCENT_RE.sub(_accent, text)
        text = _HREF_RE.sub(r"\1", text)
        for _ in range(3):  # nested \emph{\textbf{...}}
            text = _FORMAT_CMD_RE.sub(r"\1", text)
            text = _OLD_FONT_RE.sub(r"\1", text)
        text = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m.group(0)], text)
    if "$" in text:
        text = _MATH_RE.sub(lambda m: m.group(1).strip(), text)
    if "\\" in text:
        text = _ESCAPED_RE.sub(r"\1", text)
        text = text.replace("e.g.\\ ", "e.g. ").replace("i.e.\\ ", "i.e. ")
    return text


def _clean_once(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if "\\" in text or "$" in text:
        text = _strip_latex(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def clean_text(text: object) -> str:
    """Return ``text`` as plain, single-spaced, NFC-normalised Unicode.

    Removes HTML tags and entities, LaTeX accents, font commands, math delimiters and
    common symbol macros (``{\\raise.17ex\\scriptstyle\\sim}`` reads as ``~``).
    Missing values (None, NaN) become the empty string.
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    original = " ".join(str(text).split())
    if original.isascii() and not _MARKUP.search(original):
        return original  # plain text: nothing to clean (most abstracts)
    out, previous = original, None
    while out != previous:  # each pass only shortens, so this ends; looping makes it idempotent
        previous = out
        out = _clean_once(out)
    return out or original
