"""The brief as Markdown, for reading in a terminal."""

from __future__ import annotations

from storyline.records import Brief
from storyline.render.common import coverage, day, numbered, title


def _inline(text: str) -> str:
    """Untrusted text on one line, with Markdown's active characters escaped."""
    text = " ".join(text.split())
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(brief: Brief) -> str:
    """Title, coverage line, cited summary, numbered sources and rejected inputs."""
    numbers = numbered(brief)
    lines = [f"# {_inline(title(brief))}", "", f"_{coverage(brief)}_", ""]
    if brief.focus:
        lines += [f"Focus: {_inline(brief.focus)}", ""]
    lines += ["## Summary", ""]
    for sentence in brief.summary:
        refs = sorted({numbers[c.article_id] for c in sentence.citations})
        lines.append(f"- {_inline(sentence.text)} [{', '.join(map(str, refs))}]")
    if not brief.summary:
        lines.append("_No sentence could be selected._")
    lines += ["", "## Sources", ""]
    by_number = sorted(brief.articles, key=lambda a: numbers[a.id])
    for article in by_number:
        outlet = _inline(article.outlet or "unknown outlet")
        headline = _inline(article.title or "untitled")
        lines.append(
            f"{numbers[article.id]}. **{outlet}** · {day(article)} · {headline} "
            f"(`{_inline(article.source)}`, {len(article.removed)} spans removed)"
        )
    if brief.rejected:
        lines += ["", "## Rejected inputs", ""]
        lines += [f"- `{_inline(r.source)}`: {_inline(r.reason)}" for r in brief.rejected]
    return "\n".join(lines) + "\n"
