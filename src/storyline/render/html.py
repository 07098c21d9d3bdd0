"""The brief as one self-contained HTML page.

All article text is untrusted: every piece of it passes through :func:`html.escape`, the page
has no script, and a Content-Security-Policy forbids loading anything from anywhere.
"""

from __future__ import annotations

from html import escape

from storyline.records import Article, Brief
from storyline.render.common import coverage, day, numbered, title

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
_STYLE = """
body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
color:#1d1d1f}
h1{font-size:1.6rem;line-height:1.25}.meta{color:#666}
ol.summary li{margin:.5rem 0}sup a{text-decoration:none;padding:0 .1rem}
sup a:hover,sup a:focus{background:#ffe58a}
details{border-top:1px solid #ddd;padding:.5rem 0}summary{cursor:pointer}
mark{background:#fff3b0}.removed li{color:#777}.reason{font-size:.85em;color:#a33}
.article p{margin:.4rem 0}
"""


def _e(text: str | None) -> str:
    return escape(text or "", quote=True)


def _article_body(article: Article, number: int, cited: set[tuple[int, int]]) -> str:
    """The cleaned text, paragraph by paragraph, with cited sentences marked."""
    parts = []
    text = article.text
    for paragraph in article.paragraphs or ():
        chunks, cursor = [], paragraph.start
        for sentence in article.sentences:
            if not (paragraph.start <= sentence.start < paragraph.end):
                continue
            if (sentence.start, sentence.end) in cited:
                chunks.append(_e(text[cursor : sentence.start]))
                anchor = f"a{number}-{sentence.start}"
                chunks.append(f'<mark id="{anchor}">{_e(sentence.of(text))}</mark>')
                cursor = sentence.end
        chunks.append(_e(text[cursor : paragraph.end]))
        parts.append(f"<p>{''.join(chunks)}</p>")
    if not parts:
        parts.append(f"<p>{_e(text)}</p>")
    removed = "".join(
        f'<li>{_e(r.text)} <span class="reason">({_e(r.reason)})</span></li>'
        for r in article.removed
    )
    if removed:
        parts.append(
            f"<details><summary>{len(article.removed)} removed spans</summary>"
            f'<ul class="removed">{removed}</ul></details>'
        )
    return "".join(parts)


def render_html(brief: Brief) -> str:
    """A standalone page: summary with citation links, sources with their cleaned text."""
    numbers = numbered(brief)
    cited: dict[str, set[tuple[int, int]]] = {}
    items = []
    for sentence in brief.summary:
        links = []
        for c in sentence.citations:
            cited.setdefault(c.article_id, set()).add((c.start, c.end))
            n = numbers[c.article_id]
            quote = brief.article(c.article_id).text[c.start : c.end]
            links.append(f'<a href="#a{n}-{c.start}" title="{_e(quote)}">{n}</a>')
        items.append(f"<li>{_e(sentence.text)} <sup>{' '.join(links)}</sup></li>")
    sources = []
    for article in sorted(brief.articles, key=lambda a: numbers[a.id]):
        n = numbers[article.id]
        body = _article_body(article, n, cited.get(article.id, set()))
        sources.append(
            f'<details class="article" id="a{n}"><summary>'
            f"<b>{n}. {_e(article.outlet or 'unknown outlet')}</b>"
            f" · {_e(day(article))} · {_e(article.title or 'untitled')}"
            f' <span class="meta">({_e(article.source)})</span></summary>{body}</details>'
        )
    rejected = "".join(
        f"<li><code>{_e(r.source)}</code>: {_e(r.reason)}</li>" for r in brief.rejected
    )
    focus = f'<p class="meta">Focus: {_e(brief.focus)}</p>' if brief.focus else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title(brief))}</title><style>{_STYLE}</style></head><body>"
        f'<h1>{_e(title(brief))}</h1><p class="meta">{_e(coverage(brief))}</p>{focus}'
        f'<h2>Summary</h2><ol class="summary">{"".join(items)}</ol>'
        f"<h2>Sources</h2>{''.join(sources)}"
        + (f"<h2>Rejected inputs</h2><ul>{rejected}</ul>" if rejected else "")
        + "</body></html>\n"
    )
