"""The brief as Markdown, for reading in a terminal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from storyline.records import Brief, TimelineEvent, off_topic
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

#: How many items of each analysis section the Markdown shows (JSON has them all).
SHOW_FACTS = 6
SHOW_UNIQUE_PER_OUTLET = 2
SHOW_CONFLICTS = 5
SHOW_QUOTES = 8
SHOW_ENTITIES = 10
SHOW_TIMELINE = 12


def _inline(text: str) -> str:
    """Untrusted text on one line, with Markdown's active characters escaped."""
    text = " ".join(text.split())
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def _refs(numbers: dict[str, int], article_ids: Iterable[str]) -> str:
    return (
        "[" + ", ".join(map(str, sorted({numbers[i] for i in article_ids if i in numbers}))) + "]"
    )


def _section(heading: str, lines: list[str]) -> list[str]:
    return ["", f"## {heading}", "", *lines] if lines else []


def _analysis(brief: Brief, numbers: dict[str, int]) -> list[str]:
    a = brief.analysis
    out: list[str] = []
    by_id = {article.id: article for article in brief.articles}
    hidden = off_topic(a.stories, brief.articles)
    related = [s for s in a.stories if not s.main and s.id not in hidden]
    out += _section(
        "Related stories (not in the summary)",
        [
            # An untitled story is its one line; a story with no sentence of its own (a
            # listing, a roundup's heading) is its title.
            f"- {': '.join(_inline(x) for x in (s.title, s.summary) if x) or NO_TEXT} "
            f"{_refs(numbers, s.article_ids)}"
            for s in related
        ]
        + (
            [f"- ({counted(len(hidden), 'story', 'stories')} of wire roundups on other subjects)"]
            if hidden
            else []
        ),
    )
    out += _section(
        "Most corroborated facts",
        [
            f"- **{f.independent_outlets} outlets**: {_inline(f.text)} "
            f"{_refs(numbers, f.article_ids)}"
            for f in corroborated(a.facts)[:SHOW_FACTS]
        ],
    )
    facts = {f.id: f for f in a.facts}
    unique_lines = []
    summarized = in_summary(brief)
    shown: set[str] = set()
    per_outlet: Counter[str] = Counter()
    for article_id, ids in sorted(a.unique.items(), key=lambda kv: numbers.get(kv[0], 0)):
        article = by_id.get(article_id)
        if article is None:
            continue
        # The cap is per outlet: a paper with ten articles in the set gets no more lines.
        key = (article.outlet or article.id).casefold()
        room = SHOW_UNIQUE_PER_OUTLET - per_outlet[key]
        fresh = [i for i in ids if i not in shown and not summarized(facts[i].text)]
        if room <= 0 or not fresh:
            continue
        fresh = fresh[:room]
        per_outlet[key] += len(fresh)
        outlet = _inline(article.outlet or "unknown outlet")
        for fact_id in fresh:
            shown.add(fact_id)
            fact = facts[fact_id]
            unique_lines.append(
                f"- {outlet}: {_inline(fact.text)} {_refs(numbers, fact.article_ids)}"
            )
    out += _section("Reported by one outlet only", unique_lines)
    conflict_lines = []
    for c in a.conflicts[:SHOW_CONFLICTS]:
        conflict_lines.append(f"- {_inline(c.description)}")
        for side in c.sides:
            label = f"**{_inline(side.value)}**: " if side.value else ""
            conflict_lines.append(
                f"  - {label}{_inline(side.text)} {_refs(numbers, side.article_ids)}"
            )
    out += _section("Where outlets disagree", conflict_lines)
    # Quotes, events and people span every story of the input; the cut ones are the related
    # stories', not the main story's (a side story's quote never hides one of the main's).
    main = next((set(s.article_ids) for s in a.stories if s.main), None)

    def aside(article_ids: Iterable[str]) -> bool:
        return main is not None and not main.intersection(article_ids)

    # Statements first: a fragment of a reporter's sentence is shown when space is left.
    quotes = sorted(
        a.quotes, key=lambda q: (aside(v.article_id for v in q.variants), fragment(q.text))
    )
    out += _section(
        "Quotes",
        [
            f"- **{_inline(q.speaker_name or 'unattributed')}**: “{_inline(q.text)}” "
            f"{_refs(numbers, (v.article_id for v in q.variants))}"
            for q in quotes[:SHOW_QUOTES]
        ],
    )
    out += _section(
        "Timeline",
        [
            f"- {t.date}: {_inline(t.text)} {_refs(numbers, t.article_ids)}"
            for t in _key_events(a.timeline, aside)
        ],
    )
    # The main story's people first; among them those quoted (a reader meets them above),
    # then the most written about.
    speakers = {q.speaker_entity_id for q in a.quotes if q.speaker_entity_id}
    people = sorted(
        (e for e in a.entities if e.type == "person"),
        key=lambda e: (aside(e.article_ids), e.id not in speakers),
    )[:SHOW_ENTITIES]
    out += _section(
        "Who's who",
        [
            f"- **{_inline(e.name)}**"
            + (f", {_inline(e.roles[0])}" if e.roles else "")
            + (f" (also: {_inline(', '.join(e.aliases[1:]))})" if len(e.aliases) > 1 else "")
            for e in people
        ],
    )
    return out


def render_markdown(brief: Brief) -> str:
    """Title, coverage line, cited summary, the cross-source analysis, sources, rejections."""
    numbers = numbered(brief)
    lines = [f"# {_inline(title(brief))}", "", f"_{coverage(brief)}_", ""]
    if brief.focus:
        lines += [f"Focus: {_inline(brief.focus)}", ""]
    lines += ["## Summary", ""]
    for sentence in brief.summary:
        cited = (c.article_id for c in sentence.citations)
        lines.append(f"- {_inline(sentence.text)} {_refs(numbers, cited)}")
    if not brief.summary:
        lines.append("_No sentence could be selected._")
    lines += _analysis(brief, numbers)
    lines += ["", "## Sources", ""]
    for article in sorted(brief.articles, key=lambda a: numbers[a.id]):
        outlet = _inline(article.outlet or "unknown outlet")
        headline = _inline(article.title or "untitled")
        lines.append(
            f"{numbers[article.id]}. **{outlet}** · {day(article)} · {headline} "
            f"(`{_inline(article.source)}`, {counted(len(article.removed), 'span')} removed)"
        )
    if brief.rejected:
        lines += ["", "## Rejected inputs", ""]
        lines += [f"- `{_inline(r.source)}`: {_inline(r.reason)}" for r in brief.rejected]
    return "\n".join(lines) + "\n"


def _key_events(
    timeline: Sequence[TimelineEvent], aside: Callable[[Iterable[str]], bool]
) -> list[TimelineEvent]:
    """The main story's best-supported events, then the related stories', in date order: a
    long timeline cut at its start would hide the latest developments, so events equally
    supported are taken spread over the period (first, last, middle, ...), at most
    ``_PER_ARTICLE`` from one article and one a day while others wait (several lines of one
    day are most often one event told several ways), then two a day."""
    tiers: dict[tuple[bool, int], list[int]] = {}
    for i, event in enumerate(timeline):
        tiers.setdefault((aside(event.article_ids), -len(event.article_ids)), []).append(i)
    ranked: list[int] = []
    for key in sorted(tiers):
        tier = tiers[key]
        ranked.extend(tier[k] for k in _spread(len(tier)))
    # A sentence with two dates is an event of each day; it is shown once, where best supported.
    shown: set[str] = set()
    kept: list[int] = []
    per_article: dict[str, int] = {}
    per_day: dict[str, int] = {}
    everything = len(timeline)
    for article_cap, day_cap in ((_PER_ARTICLE, 1), (_PER_ARTICLE, 2), (everything, everything)):
        for i in ranked:
            event = timeline[i]
            source = event.article_ids[0] if event.article_ids else ""
            if (
                i in kept
                or event.text in shown
                or len(kept) >= SHOW_TIMELINE
                or per_article.get(source, 0) >= article_cap
                or per_day.get(event.date, 0) >= day_cap
            ):
                continue
            shown.add(event.text)
            kept.append(i)
            per_article[source] = per_article.get(source, 0) + 1
            per_day[event.date] = per_day.get(event.date, 0) + 1
    return [timeline[i] for i in sorted(kept)]


_PER_ARTICLE = 3


def _spread(n: int) -> list[int]:
    """``range(n)`` in an order that covers it evenly from the start: 0, n-1, the middle, the
    quarters, ..."""
    order = [0, n - 1] if n > 1 else list(range(n))
    seen = set(order)
    parts = [(0, n - 1)]
    while len(order) < n:
        nxt = []
        for lo, hi in parts:
            mid = (lo + hi) // 2
            if mid not in seen:
                seen.add(mid)
                order.append(mid)
            if mid - lo > 1:
                nxt.append((lo, mid))
            if hi - mid > 1:
                nxt.append((mid, hi))
        if not nxt:
            order.extend(i for i in range(n) if i not in seen)
            break
        parts = nxt
    return order
