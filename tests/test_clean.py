from hypothesis import given
from hypothesis import strategies as st

from paperviz import clean_text


def test_latex_html_and_whitespace():
    assert clean_text(r"train Atari in {raise.17ex\scriptstyle\sim}4 hours") == (
        "train Atari in ~4 hours"
    )
    assert clean_text(r"B\"ohm, clasificaci\'on, dise\~nados") == "Böhm, clasificación, diseñados"
    assert clean_text(r"{\em emphasis} \emph{here} 50\% of $O(n)$") == "emphasis here 50% of O(n)"
    assert clean_text("  a&amp;b  <i>it</i>\n\tc ") == "a&b it c"
    assert clean_text(None) == "" and clean_text(float("nan")) == ""


def test_unknown_tags_stay_as_text():
    title = "<img src=x onerror=alert(1)>"
    assert clean_text(title) == title
    assert clean_text("<script>x</script> y") == "<script>x</script> y"


@given(st.text())
def test_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


@given(st.text().filter(lambda t: t.strip() != ""))
def test_never_empties_a_nonempty_title(text):
    assert clean_text(text) != ""
