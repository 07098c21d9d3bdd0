"""Hostile input: random bytes and random text never raise, and nothing is silently dropped."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storyline
from storyline.ingest.prepare import prepare
from storyline.ingest.readers import read_bytes
from storyline.records import RawInput, Rejection

KINDS = ("", ".txt", ".html", ".jsonl")
_settings = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _accounted(data: bytes, kind: str) -> None:
    items = read_bytes(data, source="fuzz", kind=kind, max_bytes=50_000)
    assert items, "every input yields at least one article or rejection"
    raw = [i for i in items if isinstance(i, RawInput)]
    assert all(isinstance(i, RawInput | Rejection) for i in items)
    articles, rejected = prepare(raw)
    assert len(articles) + len(rejected) == len(raw)
    assert all(r.reason for r in rejected)


@_settings
@given(st.binary(max_size=3000), st.sampled_from(KINDS))
def test_random_bytes(data, kind):
    _accounted(data, kind)


@_settings
@given(st.text(max_size=3000), st.sampled_from(KINDS))
def test_random_unicode(text, kind):
    _accounted(text.encode("utf-8", errors="surrogatepass"), kind)


@_settings
@given(
    st.lists(
        st.sampled_from(
            [
                "The council voted 7 to 2 on Monday to approve the plan for the harbour.",
                "“We have waited long enough,” the mayor said.",
                "Subscribe now",
                "<p>",
                "</div>",
                "{",
                "\x00",
                "Photo: A / B",
                "\n",
                "\n\n",
                "© 2026 Outlet",
                "Read more: something",
                "é",
                "\ufeff",
                '"text": "x"',
            ]
        ),
        max_size=60,
    ),
    st.sampled_from(KINDS),
)
def test_newsy_fragments(parts, kind):
    _accounted(" ".join(parts).encode("utf-8", errors="surrogatepass"), kind)


_EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "korvan-talks"
_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(_EXAMPLE.glob("*.txt"))]
_DAYS = ["0001-01-01", "9999-12-31T23:59:59", "2026-02-30", "not a date", "", "2026-11-20"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(range(len(_TEXTS))),
            st.sampled_from(["upper", "lower", "flat", "cut", "as is"]),
            st.integers(min_value=0, max_value=10_000),
            st.sampled_from(_DAYS),
        ),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from([None, "", "?", "WHO PAID?"]),
)
def test_whole_briefs_of_altered_articles(picks, focus):
    """Real-looking articles in capitals, without line breaks or cut anywhere, with metadata
    dates at the calendar's ends: a brief is made and renders in every format."""
    inputs = []
    for n, (k, how, at, day) in enumerate(picks):
        text = _TEXTS[k]
        text = {
            "upper": text.upper(),
            "lower": text.lower(),
            "flat": " ".join(text.split()),
            "cut": text[: at % max(1, len(text))],
            "as is": text,
        }[how]
        inputs.append(RawInput(source=f"a{n}", text=text, published=day or None))
    try:
        made = storyline.brief(inputs, focus=focus)
    except storyline.NoUsableInputError:
        return
    for fmt in ("md", "json", "html"):
        assert storyline.render.render(made, fmt)
