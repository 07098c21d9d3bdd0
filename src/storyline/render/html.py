"""The brief as one self-contained HTML page.

All article text is untrusted: every piece of it passes through :func:`html.escape`, the page
has no script, and a Content-Security-Policy forbids loading anything from anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from storyline.records import Article, Brief, Entity, off_topic
from storyline.render.common import (
    NO_TEXT,
    corroborated,
    counted,
    coverage,
    day,
    fragment,
    in_summary,
    numbered,
    title,
)

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
.article p{margin:.4rem 0}.count{font-weight:600;color:#245}
.sides{display:flex;flex-wrap:wrap;gap:.5rem}.side{flex:1 1 14rem;border:1px solid #ddd;
border-radius:6px;padding:.4rem .6rem}.value{font-weight:700}
blockquote{margin:.3rem 0 .3rem 1rem;border-left:3px solid #ccd;padding-left:.6rem}
.aliases{color:#555;font-size:.9em}table{border-collapse:collapse}td{padding:.15rem .5rem;
vertical-align:top}
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
            f"<details><summary>{counted(len(article.removed), 'removed span')}</summary>"
            f'<ul class="removed">{removed}</ul></details>'
        )
    return "".join(parts)


def _refs(numbers: dict[str, int], article_ids: Iterable[str]) -> str:
    found = sorted({numbers[i] for i in article_ids if i in numbers})
    return "<sup>" + " ".join(f'<a href="#a{n}">{n}</a>' for n in found) + "</sup>"


def _entity(entity: Entity) -> str:
    roles = f" — {_e(', '.join(entity.roles))}" if entity.roles else ""
    others = [x for x in entity.aliases if x != entity.name]
    aliases = f' <span class="aliases">also: {_e(", ".join(others))}</span>' if others else ""
    return f"<li><b>{_e(entity.name)}</b> ({_e(entity.type)}){roles}{aliases}</li>"


def _analysis(brief: Brief, numbers: dict[str, int]) -> str:
    a = brief.analysis
    parts: list[str] = []
    hidden = off_topic(a.stories, brief.articles)
    related = [s for s in a.stories if not s.main and s.id not in hidden]
    if related:
        items = "".join(
            "<li>"
            + (f"<b>{_e(s.title)}</b>" if s.title else "")
            + (": " if s.title and s.summary else "")
            + (_e(s.summary) if s.summary else "" if s.title else NO_TEXT)
            + f" {_refs(numbers, s.article_ids)}</li>"
            for s in related
        )
        if hidden:
            items += (
                f"<li>({counted(len(hidden), 'story', 'stories')} of wire roundups "
                "on other subjects)</li>"
            )
        parts.append(f"<h2>Related stories (not in the summary)</h2><ul>{items}</ul>")
    if a.quotes:
        by_speaker: dict[str, list[str]] = {}
        # Statements first, as in the Markdown.
        for q in sorted(a.quotes, key=lambda q: fragment(q.text)):
            cited = [v.article_id for v in q.variants]
            wordings = "".join(
                f"<li>{_e(v.text)} {_refs(numbers, [v.article_id])}</li>" for v in q.variants[1:]
            )
            more = (
                f"<details><summary>{len(q.variants) - 1} other wordings</summary>"
                f"<ul>{wordings}</ul></details>"
                if wordings
                else ""
            )
            by_speaker.setdefault(q.speaker_name or "unattributed", []).append(
                f"<blockquote>“{_e(q.text)}” {_refs(numbers, cited)}{more}</blockquote>"
            )
        parts.append(
            "<h2>Quotes by speaker</h2>"
            + "".join(f"<h3>{_e(name)}</h3>{''.join(qs)}" for name, qs in by_speaker.items())
        )
    facts_shown = corroborated(a.facts)
    if facts_shown:
        items = "".join(
            f'<li><span class="count">{f.independent_outlets} outlets</span>: {_e(f.text)} '
            f"{_refs(numbers, f.article_ids)}</li>"
            for f in facts_shown
        )
        parts.append(f"<h2>Facts by corroboration</h2><ul>{items}</ul>")
    facts = {f.id: f for f in a.facts}
    by_id = {article.id: article for article in brief.articles}
    unique_rows: list[str] = []
    summarized = in_summary(brief)
    shown: set[str] = set()
    for article_id, ids in sorted(a.unique.items(), key=lambda kv: numbers.get(kv[0], 0)):
        fresh = [i for i in ids if i not in shown and i in facts and not summarized(facts[i].text)]
        if article_id not in by_id or not fresh:
            continue
        shown.update(fresh)
        items = "".join(
            f"<li>{_e(facts[i].text)} {_refs(numbers, facts[i].article_ids)}</li>" for i in fresh
        )
        outlet = _e(by_id[article_id].outlet or "unknown outlet")
        unique_rows.append(
            f"<details><summary>{outlet} ({len(fresh)})</summary><ul>{items}</ul></details>"
        )
    if unique_rows:
        parts.append("<h2>Reported by one outlet only</h2>" + "".join(unique_rows))
    if a.conflicts:
        blocks = "".join(
            f'<p>{_e(c.description)}</p><div class="sides">'
            + "".join(
                f'<div class="side"><div class="value">{_e(side.value or "")}</div>'
                f"{_e(side.text)} {_refs(numbers, side.article_ids)}</div>"
                for side in c.sides
            )
            + "</div>"
            for c in a.conflicts
        )
        parts.append(f"<h2>Where outlets disagree</h2>{blocks}")
    if a.timeline:
        rows = "".join(
            f"<tr><td>{_e(t.date)}</td><td>{_e(t.text)} {_refs(numbers, t.article_ids)}</td></tr>"
            for t in a.timeline
        )
        parts.append(f"<h2>Timeline</h2><table>{rows}</table>")
    if a.entities:
        items = "".join(_entity(e) for e in a.entities)
        parts.append(f"<h2>Who and what</h2><ul>{items}</ul>")
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
        f"{_analysis(brief, numbers)}"
        f"<h2>Sources</h2>{''.join(sources)}"
        + (f"<h2>Rejected inputs</h2><ul>{rejected}</ul>" if rejected else "")
        + "</body></html>\n"
    )
