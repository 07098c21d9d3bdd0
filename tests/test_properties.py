"""Hostile input: random bytes and random text never raise, and nothing is silently dropped."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
