"""Conflicting figures: related sentences from different sources that count the same thing
differently ("about 1,200 trucks a day" against "as many as 1,250 trucks a day").

A figure is a number (in digits or a simple number word) with the content word it counts, the
first non-stop word after it ("trucks", "hours", "members"), and the rate it is given at, if
any ("trucks a day", "cents per share"). Casualties count the dead, the injured or the missing
however they are worded ("14 killed", "killing 14", "the death toll rose to 14"); an amount of
dollars with no counted word counts dollars ("fetched $210,000"), and a duration of several
parts ("2 days, 7 hours and 12 minutes") is one figure. Two sentences conflict when they come
from different independent sources, give different numbers for the same counted thing at the
same rate, and are about the same thing: the figures are within a factor of ``NEAR_RATIO`` of
each other, and the sentences are rewordings of each other (TF-IDF cosine), or the words after
the figures agree. Sentences that share a figure of the same counted word (maybe rounded) agree
on it, and their other figures of that word count other things ("earnings of 54 cents a share,
3 cents short" against "54 cents a share, not the 60 cents analysts expected"); an article that
gives two figures of one disagreement counts two things. A lower bound ("at least 11") does not
contradict a higher figure, nor a range ("between 60 and 90 million") a figure inside it, and
casualty counts published on different days are a toll's updates. Parts that add up to the
other's total agree with it; two sentences that each compare figures of their own and share
none measure two things; ages more than ``AGE_GAP`` years apart are one person at two dates.
Precision comes first: a disagreement that is not one misleads more than one left out.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from storyline.align.facts import BLOCK_ROWS, as_sparse, row_of
from storyline.index import SentenceIndex
from storyline.index.text import STOP_WORDS, YEAR, same_figure, stem
from storyline.records import Conflict, ConflictSide, content_id

RELATED_THRESHOLD = 0.3
LOOSELY_RELATED = 0.1
SAME_FACT = 0.5
NEAR_RATIO = 1.5
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+(?:-[A-Za-z]+)*")
_TOKEN_GAP = re.compile(f"({_TOKEN.pattern})([^A-Za-z0-9]*)")
_DISTRIBUTIVE = frozenset({"each", "every", "apiece"})
_RATE = frozenset({"per", "a", "an"})
_SHARES = frozenset({"percent", "pct", "points"})
# A figure for an earlier period is not the current one ("Last year, it earned 44 cents").
_EARLIER = re.compile(
    r"\b(?:(?:last|previous|prior)\s+(?:year|month|week|quarter|season)"
    r"|(?:a|one)\s+(?:year|month|week|decade)\s+(?:ago|earlier))\b",
    re.IGNORECASE,
)
_TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years".split()
)
_ORDINAL = frozenset({"st", "nd", "rd", "th"})  # "40th": a rank, not a count
_NEXT_ITEM = frozenset("and or but while whereas compared against including versus vs plus".split())
_OFFSET = frozenset({"after", "later", "ago", "before", "earlier", "since", "into"})
# Clock times ("6:05 p.m.", "10 pm") say when, not how many.
_CLOCK = re.compile(
    r"\b\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?\s?m\b\.?)?|\b\d{1,2}(?:\.\d\d)?\s*[ap]\.?\s?m\b\.?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    written: str  # as in the text, e.g. "1,200" or "four"
    counts: str  # stem of the counted word
    context: frozenset[str]  # stems of the content words just after the counted word
    word: str = ""  # the counted word as written, lower case ("trucks")
    per: str = ""  # the rate's unit as written ("day" in "trucks a day"), or ""
    bound: str = ""  # "min" for a lower bound ("at least 30"), else ""
    low: float | None = None  # the low end of a range ("between 60 and 90 million"), or None

    @property
    def key(self) -> str:
        """What the figure counts: the counted word's stem, and its rate's."""
        return f"{self.counts}/{stem(self.per)}" if self.per else self.counts

    @property
    def label(self) -> str:
        return f"{self.word} per {self.per}" if self.per else self.word


# What a sentence with a figure holds: a digit, or a count word standing alone (most sentences
# hold neither, and are passed over without reading their tokens). The lookahead on the count
# words' first letters lets the search skip most positions at once.
_DIGIT = re.compile(r"\d")
_INITIALS = "".join(sorted({c for w in _NUMBER_WORDS for c in (w[0], w[0].upper())}))
_COUNT_WORD = re.compile(
    rf"(?<![A-Za-z])(?=[{_INITIALS}])(?i:"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")(?![A-Za-z])"
)


def figures(text: str) -> list[Figure]:
    """The figures in a sentence (years and ordinal-looking numbers are left out)."""
    if not _DIGIT.search(text) and not _COUNT_WORD.search(text):
        return []
    plain = _CLOCK.sub(" ", text)
    # Each token with what follows it up to the next token (spaces, punctuation, "$").
    pairs = _TOKEN_GAP.findall(plain)
    tokens = [token for token, _ in pairs]
    gaps = [gap for _, gap in pairs]
    found: list[Figure] = []
    wholes: set[int] = set()
    for i, token in enumerate(tokens):
        if not token[0].isdigit() and token.lower() not in _NUMBER_WORDS:
            continue  # most tokens: no call to _value
        value = _value(token)
        if value is None or YEAR.fullmatch(token) or i in wholes:
            continue
        duration = _duration(tokens, i)
        if duration is not None:
            seconds, parts, last = duration
            # "2 days, 7 hours and 12 minutes": one figure, whose parts say which
            # measurement it is (another outlet's "2 days, 7 hours and 20 minutes").
            written = "".join(t + g for t, g in pairs[i:last]) + tokens[last]
            found.append(Figure(seconds, written, "duration", parts, "duration"))
            wholes.update(range(i, last + 1))
            continue
        rest = tokens[i + 1 : i + 4]
        written = token
        end = i + 1  # the first token after the number (and its scale word)
        scale = 1
        if rest and rest[0].lower() in _SCALE:
            scale = _SCALE[rest[0].lower()]
            value *= scale
            written = f"{token} {rest[0]}"
            rest = rest[1:]
            end += 1
        bound = _bound(tokens, i)
        casualty = _casualty(tokens, gaps, i, end)
        if casualty is not None:
            # Its context: who ("dockers") and the words after ("in the Dask blast").
            kind, who, after = casualty
            window = tokens[after : after + 6]
            # It ends at punctuation or where another item starts ("and 12 injured").
            cut = next(
                (
                    k
                    for k, w in enumerate(window)
                    if w.lower() in _NEXT_ITEM or not gaps[after + k - 1].isspace()
                ),
                None,
            )
            context = frozenset(
                stem(w.lower())
                for w in (*who, *window[:cut][:4])
                if w.lower() not in STOP_WORDS and w.lower() not in _PERSONS and _value(w) is None
            )
            found.append(Figure(value, written, kind, context, kind, bound=bound))
            continue
        window = tokens[i + 1 : i + 7]
        # "9 of the 14 districts": 9 counts districts; 14 is the whole they are part of.
        whole = _partitive_whole(tokens, i + 1)
        if whole is not None:
            wholes.add(whole)
            rest, window = tokens[whole + 1 : whole + 4], tokens[whole + 1 : whole + 7]
        # "20 percent or more", "aged 65 and over": a cut-off that defines a group, not a
        # measured figure.
        if {tuple(w.lower() for w in rest[k : k + 2]) for k in (0, 1)} & _CUT_OFF:
            continue
        # The context ends where another item starts ("nine people and injured 12").
        cut = next((k for k, w in enumerate(window) if k and w.lower() in _NEXT_ITEM), None)
        content = [w for w in window[:cut] if w.lower() not in STOP_WORDS]
        # The counted word follows the number directly ("1,200 trucks", "10-member"); a
        # distributive count ("five members from each country") is not a total.
        counted = rest[0] if rest and rest[0].lower() not in STOP_WORDS else None
        distributive = any(w.lower() in _DISTRIBUTIVE for w in rest[1:4])
        if (
            counted
            and len(counted) > 1
            and not distributive
            and (counted[0].islower() or "-" in counted)
            # "Five died there": a verb, not a counted thing; "six months after" says when.
            and not (counted.islower() and counted.endswith("ed"))
            and counted.lower() not in _ORDINAL
            and not (counted.lower() in _TIME_UNITS and rest[1:2] and rest[1].lower() in _OFFSET)
        ):
            head = counted.split("-")[-1].lower()
            per = ""
            if len(rest) > 2 and rest[1].lower() in _RATE and rest[2].lower() not in STOP_WORDS:
                per = rest[2].lower()
            if head in _SHARES:  # "margin up 1 percent": what the share is of comes first
                before = [w for w in tokens[max(0, i - 4) : i] if w.lower() not in STOP_WORDS]
                context = frozenset(stem(w.lower()) for w in before)
            else:
                context = frozenset(stem(w.lower()) for w in content[1:4])
            # The label is the compound as written ("year-old", not "old").
            word = counted.lower() if "-" in counted else head
            low = _range_low(tokens, gaps, i, value / scale, scale)
            found.append(Figure(value, written, stem(head), context, word, per, bound, low))
        elif _money(tokens, gaps, plain, i):
            # "paid $4.5 million to settle", "a fine of dlrs 5 million": an amount of money
            # with no counted word; what it is comes from the words around it.
            stop = next((k for k, g in enumerate(gaps[end - 1 : end + 3]) if not g.isspace()), 4)
            near = [*tokens[max(0, i - 4) : i], *tokens[end : end + stop]]
            context = frozenset(
                stem(w.lower())
                for w in near
                if w.lower() not in STOP_WORDS
                and w.lower() not in _CURRENCY
                and w.lower() not in _SCALE
                and _value(w) is None
            )
            found.append(Figure(value, f"${written}", "dollar", context, "dollars", "", bound))
    return found


_CURRENCY = frozenset({"dlrs", "dollars", "us", "usd"})


def _money(tokens: Sequence[str], gaps: Sequence[str], plain: str, i: int) -> bool:
    """Whether the number at ``tokens[i]`` is an amount of dollars ("$4.5", "US$4.5", "dlrs
    4.5", the agencies' old style); ``gaps[k]`` is the text between tokens k and k + 1."""
    if i == 0:
        return plain.lstrip().startswith("$")
    return gaps[i - 1].endswith("$") or (tokens[i - 1].lower() == "dlrs" and gaps[i - 1] == " ")


# Casualty counts, however they are worded, count one of three things: "30 killed", "30
# people were killed", "killing 30", "a death toll of 30" and "30 deaths" all count the dead.
_CASUALTY_WORDS = {
    **dict.fromkeys("killed dead died deaths fatalities".split(), "dead"),
    **dict.fromkeys("injured wounded hurt injuries".split(), "injured"),
    "missing": "missing",
}
CASUALTIES = frozenset(_CASUALTY_WORDS.values())
# Verbs before a count of their victims ("killing 30", "injured at least 12").
_CASUALTY_VERBS = {
    **dict.fromkeys("killed killing".split(), "dead"),
    **dict.fromkeys("injured injuring wounded wounding hurt hurting".split(), "injured"),
}
# Between a count and its casualty word: "were", "have been", "reportedly", "still".
_AUXILIARIES = frozenset("were was are is have has had been being reportedly still all".split())
# Between a verb and its count: "killing at least 30", "injuring some 12".
_APPROXIMATE = frozenset("at least more than over some about nearly almost an estimated".split())


def _casualty(
    tokens: Sequence[str], gaps: Sequence[str], i: int, end: int
) -> tuple[str, Sequence[str], int] | None:
    """What casualty the number at ``tokens[i]`` counts ("dead", "injured" or "missing"),
    the words that say who, and where the words after its phrase start; None when it counts
    no casualty. ``gaps[k]`` is the text between tokens k and k + 1.

    The number comes first ("30 killed", "three students were injured", "5 people have
    died"): up to two words for who (not stop words, times or another item) and auxiliaries
    come between. Or a verb or a death toll comes first ("killing 30", "killed at least 30
    people", "the death toll rose to 30"); a word for who after the number is kept. No
    punctuation may come between ("Telu, 51, killed himself"; "killed 9, 12 injured"), and
    "no one" counts nobody.
    """
    if i and tokens[i - 1].lower() == "no":
        return None
    skipped = 0
    k = end
    while k < len(tokens) and k < end + 5 and gaps[k - 1].isspace():
        word = tokens[k].lower()
        if word in _CASUALTY_WORDS:
            return _CASUALTY_WORDS[word], tokens[end:k], k + 1
        if word in _AUXILIARIES:
            k += 1
            continue
        if (
            skipped == 2
            or (word in STOP_WORDS and word not in _PERSONS)
            or word in _NEXT_ITEM
            or word in _TIME_UNITS
            or word in _SHARES
            or _value(word) is not None
        ):
            break
        skipped += 1
        k += 1
    k = i - 1
    while k >= 0 and i - k <= 3 and tokens[k].lower() in _APPROXIMATE and gaps[k].isspace():
        k -= 1
    if k < 0 or not gaps[k].isspace():
        return None
    before = tokens[k].lower()
    following = tokens[end].lower() if end < len(tokens) and gaps[end - 1].isspace() else ""
    if following in _TIME_UNITS or following in _SHARES:
        return None  # "killed 10 years ago"
    # "killing 30 people", "injuring two dockers": the word after the number says who.
    who = [tokens[end]] if following and following not in STOP_WORDS else []
    if before in _CASUALTY_VERBS:
        return _CASUALTY_VERBS[before], who, end + len(who)
    # "the death toll from the quake has risen to 7,000": the first number after the toll.
    toll = [w.lower() for w in tokens[max(0, k - 10) : k + 1]]
    if (
        before in _TOLL_LINKS
        and "toll" in toll
        and toll[toll.index("toll") - 1 : toll.index("toll")] == ["death"]
        and not any(_value(w) is not None for w in toll[toll.index("toll") :])
    ):
        return "dead", who, end + len(who)
    return None


_PERSONS = frozenset("people persons others civilians".split())
_TOLL_LINKS = frozenset("to at of reached hit past passed".split())


def _bound(tokens: Sequence[str], i: int) -> str:
    """ "min" when the number at ``tokens[i]`` is a lower bound ("at least 30", "more than
    30"), else "". An upper bound ("as many as 1,250", "up to 40") is left as a figure: in
    news it is a high estimate, and one against a lower count is a disagreement to show."""
    before = " ".join(w.lower() for w in tokens[max(0, i - 3) : i])
    if before.endswith(("no more than", "not more than")):
        return ""
    if before.endswith(_LOWER_BOUNDS) or tokens[i - 1 : i] == ["over"]:
        return "min"
    return ""


_LOWER_BOUNDS = ("at least", "more than", "upwards of", "in excess of", "no fewer than")


def _range_low(
    tokens: Sequence[str], gaps: Sequence[str], i: int, high: float, scale: int
) -> float | None:
    """The low end when the number ``high`` at ``tokens[i]`` ends a range: "between 60 and
    90", "60 to 90" (not "from 60 to 90", a change), "60-90"; the scale word after it is
    shared ("between 60 and 90 million"). ``gaps[k]`` is the text between tokens k and k + 1."""
    if i >= 1 and gaps[i - 1].strip() in {"-", "–"}:
        first = i - 1
    elif i >= 2 and gaps[i - 1].isspace() and gaps[i - 2].isspace():
        joiner = tokens[i - 1].lower()
        before = tokens[i - 3].lower() if i >= 3 else ""
        if not ((joiner == "and" and before == "between") or (joiner == "to" and before != "from")):
            return None
        first = i - 2
    else:
        return None
    low = _value(tokens[first])
    if low is None or YEAR.fullmatch(tokens[first]):
        return None
    if low < high:
        return low * scale
    # "between 400,000 and 2 million": the low end written in full.
    return low if low < high * scale else None


def _compatible(x: Figure, y: Figure) -> bool:
    """Whether two different figures can both be true because one is a lower bound that the
    other meets ("at least 30" and "35"; "at least 30" and "at least 35"), or a range that
    holds the other ("between 60 and 90 million" and "80 million"; two ranges that meet)."""
    if (x.bound == "min" and y.value >= x.value) or (y.bound == "min" and x.value >= y.value):
        return True
    x_low = x.value if x.low is None else x.low
    y_low = y.value if y.low is None else y.low
    return (x.low is not None or y.low is not None) and x_low <= y.value and y_low <= x.value


_SECONDS = {
    **dict.fromkeys(("year", "years"), 365 * 86_400),
    **dict.fromkeys(("week", "weeks"), 7 * 86_400),
    **dict.fromkeys(("day", "days"), 86_400),
    **dict.fromkeys(("hour", "hours"), 3_600),
    **dict.fromkeys(("minute", "minutes"), 60),
    **dict.fromkeys(("second", "seconds"), 1),
}


def _duration(tokens: Sequence[str], i: int) -> tuple[float, frozenset[str], int] | None:
    """A duration of two or more parts from ``tokens[i]`` on ("2 days, 7 hours and 12
    minutes"), each part a smaller unit than the one before: its length in seconds, its parts
    ("2 day") and the index of its last token; None when there is no such duration."""
    total, k, unit, last = 0.0, i, math.inf, i
    parts: set[str] = set()
    while k + 1 < len(tokens):
        value, size = _value(tokens[k]), _SECONDS.get(tokens[k + 1].lower())
        if value is None or size is None or size >= unit:
            break
        total, unit, last = total + value * size, size, k + 1
        parts.add(f"{value:g} {stem(tokens[k + 1].lower())}")
        k += 2 + (k + 2 < len(tokens) and tokens[k + 2].lower() == "and")
    return (total, frozenset(parts), last) if len(parts) > 1 else None


_CUT_OFF_WORDS = "more higher above older over greater up less fewer lower below under younger"
_CUT_OFF = frozenset((joint, word) for joint in ("or", "and") for word in _CUT_OFF_WORDS.split())


def _partitive_whole(tokens: Sequence[str], after: int) -> int | None:
    """The index of M in "N of (the) M ..." when the number N ends just before ``after``."""
    if after >= len(tokens) or tokens[after].lower() != "of":
        return None
    k = after + 1 + (after + 1 < len(tokens) and tokens[after + 1].lower() == "the")
    if k < len(tokens) and _value(tokens[k]) is not None and not YEAR.fullmatch(tokens[k]):
        return k
    return None


def _value(token: str) -> float | None:
    if token[0].isdigit():
        try:
            return float(token.replace(",", ""))
        except ValueError:
            return None
    return float(_NUMBER_WORDS[token.lower()]) if token.lower() in _NUMBER_WORDS else None


def _related_pairs(sims: sparse.csr_matrix, rows: np.ndarray) -> Iterator[tuple[int, int, float]]:
    """Pairs ``i < j`` of ``rows`` (ascending) at least loosely related, with their
    similarity, in row order; a block of rows at a time."""
    for first in range(0, len(rows), BLOCK_ROWS):
        block = sims[rows[first : first + BLOCK_ROWS]][:, rows].tocsr()
        block.sort_indices()
        pairs = block.tocoo()
        keep = (pairs.data >= LOOSELY_RELATED) & (first + pairs.row < pairs.col)
        yield from zip(
            rows[first + pairs.row[keep]].tolist(),
            rows[pairs.col[keep]].tolist(),
            pairs.data[keep].tolist(),
            strict=True,
        )


def number_conflicts(index: SentenceIndex, sims: sparse.spmatrix | np.ndarray) -> list[Conflict]:
    """Conflicts over figures between independent sources.

    Each pair of conflicting sentences links them; one conflict is made per counted thing and
    group of linked sentences, so figures of one word that different sentences give for
    different things ("nine killed" in one pair, "13 wounded" in another) stay apart.
    """
    units = index.units
    sims = as_sparse(sims)
    per_unit = [figures(u.text) for u in units]
    keys = [{f.key for f in figs} for figs in per_unit]
    # Only sentences with a figure can conflict: the pairs are looked at among them.
    rows = np.flatnonzero([bool(k) for k in keys])
    periods = {int(i): _period(units[i].text) for i in rows}
    # (counted thing, unit) -> the figures it gives in a conflicting pair
    links: dict[str, dict[int, set[Figure]]] = defaultdict(lambda: defaultdict(set))
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]  # path halving: chains stay short
            node = parent[node]
        return node

    for i, j, similarity in _related_pairs(sims, rows):
        a, b = units[i], units[j]
        shared = keys[i] & keys[j]
        if (
            not shared
            or index.groups[a.article] == index.groups[b.article]
            or not _same_period(periods[i], periods[j])
        ):
            continue
        for counted in shared:
            # A toll rises from day to day: counts of casualties published on different days
            # are updates, not a disagreement.
            if counted in CASUALTIES and _different_days(index, a.article, b.article):
                continue
            if similarity < RELATED_THRESHOLD and not _same_context(
                per_unit[i], per_unit[j], counted
            ):
                continue
            head = counted.split("/")[0]
            va = {f.value for f in per_unit[i] if f.counts == head}
            vb = {f.value for f in per_unit[j] if f.counts == head}
            # A duration is exact to its last unit: "and 12 minutes" is no rounding of 20.
            if va & vb if head == "duration" else _shared(va, vb):
                continue  # a shared figure: the sentences agree (maybe one gives more detail)
            if len(va) > 1 and len(vb) > 1:
                # Each compares figures of its own ("41 percent against 12 percent on a sham"
                # / "46 percent against 17 percent"), and they share none: two measurements
                # (two trials, two dates), not one disagreement.
                continue
            pairs = _paired(
                [f for f in per_unit[i] if f.key == counted],
                [f for f in per_unit[j] if f.key == counted],
            )
            # Figures far apart count different things ("100 million people worldwide"
            # against "4 million people in the United States"); sentences that are not
            # rewordings of each other disagree only on figures of the same thing (a word of
            # context in common): "nine killed" against "Four killed in that office" is two.
            pairs = [
                (x, y)
                for x, y in pairs
                if _near(x, y)
                and not _compatible(x, y)
                and (similarity >= SAME_FACT or x.context & y.context)
            ]
            for x, y in pairs:
                links[counted][i].add(x)
                links[counted][j].add(y)
                parent[root((counted, i))] = root((counted, j))
    conflicts = []
    holders: dict[str, list[int]] = defaultdict(list)  # counted thing -> units giving it
    for u in rows.tolist():
        for key in keys[u]:
            holders[key].append(u)
    for counted, by_unit in links.items():
        components: dict[tuple[str, int], list[int]] = defaultdict(list)
        for u in sorted(by_unit):
            components[root((counted, u))].append(u)
        for members in components.values():
            by_value: dict[float, tuple[str, set[str], str]] = {}
            label = ""
            for u in members:
                for fig in sorted(by_unit[u], key=lambda f: f.value):
                    label = label or fig.label
                    text, ids, written = by_value.get(
                        fig.value, (units[u].text, set(), fig.written)
                    )
                    ids.add(index.articles[units[u].article].id)
                    by_value[fig.value] = (text, ids, written)
            given = [a for _, ids, _ in by_value.values() for a in ids]
            # An article that gives two of the figures counts two things, not one thing
            # twice ("nine dockers hurt ... 600 dockers at the fair"): no single disagreement.
            if (
                len(by_value) > 1
                and len(given) == len(set(given))
                and not _source_gives_two(
                    index, sims, per_unit, holders[counted], counted, members, by_value
                )
            ):
                conflicts.append(_conflict(label, by_value))
    return conflicts


def _source_gives_two(
    index: SentenceIndex,
    sims: sparse.csr_matrix,
    per_unit: Sequence[list[Figure]],
    holders: Sequence[int],
    counted: str,
    members: Sequence[int],
    by_value: dict[float, tuple[str, set[str], str]],
) -> bool:
    """Whether one source (an outlet, or a story and its copies) itself gives two of the
    figures, in the conflict's sentences or in sentences closely related to them: a first
    count and an update ("Twelve dockers were hurt", later "Thirteen"), which is no
    disagreement between outlets."""
    given: dict[int, set[float]] = defaultdict(set)
    for u in holders:  # the units that give a figure of the counted thing
        if u not in members and not any(
            row_of(sims, u).get(m, 0.0) >= RELATED_THRESHOLD for m in members
        ):
            continue
        values = {f.value for f in per_unit[u] if f.key == counted} & by_value.keys()
        given[index.groups[index.units[u].article]] |= values
    return any(len(values) > 1 for values in given.values())


def _different_days(index: SentenceIndex, a: int, b: int) -> bool:
    """Whether articles ``a`` and ``b`` were published on different days (both known)."""
    day_a, day_b = index.articles[a].published_date, index.articles[b].published_date
    return day_a is not None and day_b is not None and day_a != day_b


def _paired(fa: list[Figure], fb: list[Figure]) -> list[tuple[Figure, Figure]]:
    """The figures of two related sentences that count the same thing: the only one each
    gives, else those whose context words meet. An age or other compound ("7-year-old")
    always needs its context: whose age it is."""
    if len(fa) == 1 and len(fb) == 1 and "-" not in fa[0].word:
        return [(fa[0], fb[0])]
    return [(x, y) for x in fa for y in fb if x.context & y.context]


def _near(x: Figure, y: Figure) -> bool:
    """Whether two figures are within ``NEAR_RATIO`` of each other. Two ages are near when
    within ``AGE_GAP`` years: further apart, they are more likely one person's age at two
    dates ("met her when she was 22", "his 29-year-old wife") than a mistake."""
    low, high = sorted((abs(x.value), abs(y.value)))
    if x.word.endswith("-old"):
        return high - low <= AGE_GAP
    return low > 0 and high / low <= NEAR_RATIO


AGE_GAP = 2


def _shared(va: set[float], vb: set[float]) -> bool:
    """Whether two sentences share a figure, maybe rounded in one ("nearly 61" / "60.7",
    "4 million" / "3.9 million"), or one gives the parts of the other's total ("$4 million in
    punitive damages and $250,000 in compensatory" / "$4.25 million in damages")."""
    va, vb = va | _total(va), vb | _total(vb)
    return any(same_figure(x, y) for x in va for y in vb)


def _total(values: set[float]) -> set[float]:
    return {sum(values)} if len(values) > 1 else set()


def _period(text: str) -> tuple[bool, frozenset[str]]:
    """Whether a sentence speaks of an earlier period, and the years it names."""
    years = frozenset(t for t in _TOKEN.findall(text) if YEAR.fullmatch(t))
    return bool(_EARLIER.search(text)), years


def _same_period(a: tuple[bool, frozenset[str]], b: tuple[bool, frozenset[str]]) -> bool:
    """Whether two sentences (their :func:`_period`) may speak of the same time: not one about
    an earlier period than the other, nor about different years."""
    (earlier_a, years_a), (earlier_b, years_b) = a, b
    if earlier_a != earlier_b:
        return False
    return not (years_a and years_b and not years_a & years_b)


def _same_context(fa: list[Figure], fb: list[Figure], counted: str) -> bool:
    """Whether two sentences' figures for ``counted`` share a word of context (the words
    after the counted word, or for a percentage the words before the number)."""
    ca = [f.context for f in fa if f.key == counted]
    cb = [f.context for f in fb if f.key == counted]
    return any(x & y for x in ca for y in cb)


def _conflict(counted: str, by_value: dict[float, tuple[str, set[str], str]]) -> Conflict:
    ordered = sorted(by_value.items(), key=lambda kv: (-len(kv[1][1]), kv[0]))
    values = " vs ".join(written for _, (_, _, written) in ordered)
    return Conflict(
        id="c-" + content_id(f"number {counted} {values}")[:10],
        kind="number",
        description=f"Outlets give different figures ({values}) for '{counted}'",
        sides=tuple(
            ConflictSide(text, tuple(sorted(ids)), written) for _, (text, ids, written) in ordered
        ),
    )


def sort_conflicts(conflicts: Sequence[Conflict]) -> list[Conflict]:
    """Most widely reported disagreements first."""
    return sorted(conflicts, key=lambda c: -sum(len(s.article_ids) for s in c.sides))
