"""Facts every renderer shows the same way: source numbering, coverage line, dates."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from storyline.records import Article, Brief, Fact
from storyline.summarize.select import quoted_share, quoted_spans

_WORD = re.compile(r"\w+")


#: What a related story with neither a title nor a sentence of its own is listed as.
NO_TEXT = "(no headline or sentence of its own)"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1: ``counted(1, "span")`` is ``"1 span"``."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def numbered(brief: Brief) -> dict[str, int]:
    """Reference numbers of the articles: by publication date, then source (1-based)."""
    ordered = sorted(brief.articles, key=lambda a: (a.published or "9999", a.source))
    return {article.id: n for n, article in enumerate(ordered, start=1)}


def day(article: Article) -> str:
    """The publication day as ``YYYY-MM-DD``, or ``"undated"``."""
    found = article.published_date
    return found.isoformat() if found else "undated"


def coverage(brief: Brief) -> str:
    """One line: how many articles, outlets and days the brief covers."""
    outlets = {a.outlet.casefold() for a in brief.articles if a.outlet}
    days = sorted(d.isoformat() for a in brief.articles if (d := a.published_date))
    roundups = Counter(a.roundup for a in brief.articles if a.roundup)
    inputs = len(brief.articles) - sum(roundups.values()) + len(roundups)
    parts = [counted(inputs, "article")]
    if roundups:
        # A roundup's stories are read as articles of their own (storyline.ingest.roundup).
        parts[0] += (
            f" ({counted(len(roundups), 'roundup')} split into "
            f"{counted(sum(roundups.values()), 'story', 'stories')})"
        )
    parts.append(counted(len(outlets), "known outlet"))
    if days:
        parts.append(days[0] if days[0] == days[-1] else f"{days[0]} to {days[-1]}")
    if brief.rejected:
        parts.append(f"{counted(len(brief.rejected), 'input')} rejected")
    return " · ".join(parts)


def bare_speech(text: str) -> bool:
    """Whether ``text`` is direct speech with at most a few words around it ("“...,” he
    said."): out of its article, a voice without a name."""
    if quoted_share(text) < 0.5:
        return False
    outside, last = [], 0
    for start, end in quoted_spans(text):
        outside.append(text[last:start])
        last = end
    outside.append(text[last:])
    return len(_WORD.findall(" ".join(outside))) <= 3


def corroborated(facts: Sequence[Fact]) -> list[Fact]:
    """The facts more than one independent outlet reports, the most corroborated first.

    Bare direct speech is left out: outlets repeat a quotation word for word, so it tops the
    count, and out of its article it does not say who spoke; the quotes show it with its
    speaker.
    """
    found = [f for f in facts if f.independent_outlets > 1 and not bare_speech(f.text)]
    return sorted(found, key=lambda f: -f.independent_outlets)


def title(brief: Brief) -> str:
    return brief.title or (brief.summary[0].text[:80] if brief.summary else "Brief")


def in_summary(brief: Brief) -> Callable[[str], bool]:
    """A test of whether a text is (a longer version of) one of the summary's sentences.

    The summary shows sentences trimmed of connectives and weekdays, so a fact is in it when
    nearly all of a summary sentence's words are the fact's.
    """
    shown = [w for s in brief.summary if (w := set(_WORD.findall(s.text.casefold())))]

    def test(text: str) -> bool:
        fact = set(_WORD.findall(text.casefold()))
        return any(len(w & fact) >= 0.9 * len(w) and len(fact) <= 1.5 * len(w) for w in shown)

    return test


_FIRST_CHARACTER = re.compile(r"[^\W_]")


def fragment(quote: str) -> bool:
    """Whether a quotation is a fragment of the reporter's sentence ("a betrayal of the
    pilots", "to a state fit for the park"): it opens in lower case, so out of that
    sentence it tells less than a statement does."""
    first = _FIRST_CHARACTER.search(quote)
    return first is not None and first.group().islower()
