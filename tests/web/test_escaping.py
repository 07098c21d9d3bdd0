"""No stored text can break out of a page: whatever an article holds, the HTML has no script
but our own, no event-handler attribute and no ``javascript:`` link."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.records import Article
from storyline.segment import segment_article
from storyline.store.sqlite import open_store
from storyline.web import create_app

PAYLOADS = [
    "<script>alert(1)</script>",
    "</textarea></title><script src=//evil.example/x.js></script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)' x='",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(document.cookie)",
    "<svg/onload=alert(1)>",
    "<!--",
    "]]><![CDATA[",
    "{{ 7*7 }} {% raw %}",
    "<style>body{display:none}</style>",
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "&lt;script&gt;",
    "\u2028\u2029\x00",
]
ALLOWED_SCRIPTS = {"/static/cite.js"}


class _Audit(HTMLParser):
    """Collects what would run: script elements and their sources, handlers, risky links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src") not in ALLOWED_SCRIPTS:
            self.problems.append(f"script {values}")
        if tag in ("iframe", "object", "embed", "svg", "img", "style", "base", "meta") and (
            tag != "meta" or "http-equiv" in values
        ):
            self.problems.append(f"unexpected <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name} on <{tag}>")
            if name in ("href", "src", "action", "formaction") and value:
                scheme = value.strip().lower().replace("\t", "").replace("\n", "")
                if (
                    scheme.startswith(("javascript:", "data:text", "vbscript:"))
                    and value != "data:,"
                ):
                    self.problems.append(f"{name}={value!r} on <{tag}>")


def _audit(html: str) -> list[str]:
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser.problems


text_part = st.one_of(st.sampled_from(PAYLOADS), st.text(min_size=1, max_size=40))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    body=st.lists(text_part, min_size=2, max_size=8),
    title=text_part,
    outlet=text_part,
    url=st.one_of(st.sampled_from(PAYLOADS), st.just("javascript:alert(1)"), st.text(max_size=30)),
)
def test_no_stored_text_breaks_out_of_a_page(
    tmp_path_factory, body: list[str], title: str, outlet: str, url: str
) -> None:
    path = Path(tmp_path_factory.mktemp("esc")) / "s.db"
    sentences = [f"Officials said {part} on Monday in the capital." for part in body]
    text = "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))
    stored = [
        segment_article(
            Article(
                id=f"a{n}",
                source=f"{url}-{n}",
                text=text + f"\n\nCopy {n} adds that the talks continue.",
                title=title,
                outlet=f"{outlet} {n}",
                url=url,
                published="2026-03-0" + str(n + 1),
            )
        )
        for n in range(2)
    ]
    with open_store(path) as store:
        store.add_batch(stored)
    with TestClient(create_app(path)) as client:
        story = client.get("/api/stories").json()["stories"][0]["id"]
        for page in ("/", f"/stories/{story}", "/articles/a0", "/articles/a1"):
            response = client.get(page)
            assert response.status_code == 200, page
            assert _audit(response.text) == [], page
        searched = client.get("/", params={"q": body[0][:40], "outlet": outlet[:40]})
        assert _audit(searched.text) == []


def test_the_audit_catches_what_it_should() -> None:
    assert _audit("<p>fine</p><script src='/static/cite.js'></script>") == []
    assert _audit("<script>alert(1)</script>")
    assert _audit('<p onclick="x()">')
    assert _audit('<a href=" JavaScript:alert(1)">')
