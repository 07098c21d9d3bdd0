"""One quote, many wordings: quotations from several articles merged into :class:`Quote` records.

Outlets print the same remark differently: in full, trimmed to one sentence, split around the
attribution, re-translated, or as a fragment inside a paraphrase. Two quotations are one quote
when their speakers agree (the same entity, or one speaker unknown) and most words of the
shorter are words of the longer: its words of four letters or more shared with the longer
reach ``same_quote`` and so do, at ``SAME_PHRASING``, its word pairs (a fragment of a few words
must be contained word for word). A group never joins two named speakers, and is cut so that
every wording is one quote with the one shown. The quote's text is the wording most like the
others (the medoid); its speaker is the entity most variants name.

A quote whose longest wording has fewer than ``MIN_QUOTE_WORDS`` words is left out once
merged: two or three words in quotation marks are nearly always a phrase held at a distance
('its "invited" guests'), a title or a name, not someone's statement. Such a fragment still
joins the full quote it comes from. A longer quotation whose every word of four letters or
more is capitalised is a title too ('her talk, "Ferries and the Future of Lestra"', with
the full stop of the sentence inside the marks or not), unless it ends in "?" or "!" (a
shout); it is left out the same way.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from storyline.annotate.names import fold
from storyline.annotate.quotes import Quotation
from storyline.index.units import typographic_quotes, wire_dashes
from storyline.records import Article, Quote, QuoteVariant, content_id

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
SAME_QUOTE = 0.6
SAME_PHRASING = 0.6
_SHORT = 8  # fewer words than this: contained word for word, not by overlap
MIN_QUOTE_WORDS = 4
_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def _looks_like_title(text: str) -> bool:
    """Whether quoted ``text`` is a title in title case, not speech."""
    long_words = _LONG_WORD.findall(text)
    return (
        len(long_words) >= 2
        and all(w[0].isupper() for w in long_words)
        and not text.rstrip(" \"'”’»)").endswith(("!", "?"))
    )


# A lone backtick that opens a quotation within the quotation ("the `better ferry").
_LONE_BACKTICK = re.compile(r"`(?=\w)")


def typeset_quote(text: str) -> str:
    """A quotation's words with a wire's typed dashes and typewriter quotation marks set."""
    text = wire_dashes(text)
    if "`" in text or "''" in text:
        text = _LONE_BACKTICK.sub("‘", typographic_quotes(text))
    return text


@dataclass(frozen=True, slots=True)
class _Item:
    quotation: Quotation
    text: str
    words: tuple[str, ...]
    bag: frozenset[str]
    order: int

    @property
    def joined(self) -> str:
        return " " + " ".join(self.words) + " "


def merge_quotations(
    articles: Sequence[Article], quotations: Sequence[Quotation], *, same_quote: float = SAME_QUOTE
) -> list[Quote]:
    """Quotes with their variants, the most widely printed first."""
    texts = {a.id: a.text for a in articles}
    items = []
    for i, q in enumerate(quotations):
        text = typeset_quote(q.text(texts[q.article_id]))
        words = tuple(fold(w) for w in _WORD.findall(text))
        if words:
            items.append(_Item(q, text, words, frozenset(words), i))
    parent = list(range(len(items)))
    # The speakers each group of quotations names: two groups that name different speakers
    # never become one, however a third quotation with no speaker links them.
    voices = [_voices(it.quotation) for it in items]

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx == ry or (voices[rx] and voices[ry] and not voices[rx] & voices[ry]):
            return
        parent[rx] = ry
        voices[ry] |= voices[rx]

    # Only quotations that share a word of four letters or more can be one quote.
    postings: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        for w in item.bag:
            if len(w) >= 4:
                postings.setdefault(w, []).append(i)
    # A short quotation is in a longer one word for word; as a few words ("herbal") can be
    # in several different quotes, it joins one only when all that hold it are one quote.
    holders: dict[int, set[int]] = defaultdict(set)
    for i, a in enumerate(items):
        candidates = {j for w in a.bag if len(w) >= 4 for j in postings[w] if j > i}
        for j in sorted(candidates):
            b = items[j]
            if _same(a, b, same_quote) and _speakers_agree(a.quotation, b.quotation):
                if min(len(a.words), len(b.words)) >= _SHORT or a.joined == b.joined:
                    union(i, j)
                elif len(a.words) <= len(b.words):
                    holders[i].add(j)
                else:
                    holders[j].add(i)
    for i in sorted(holders, key=lambda i: -len(items[i].words)):
        roots = {find(j) for j in holders[i]}
        if len(roots) == 1:
            union(i, roots.pop())
    groups: dict[int, list[_Item]] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    kept = [
        g
        for group in groups.values()
        for g in _around_medoids(group, same_quote)
        if max(len(it.words) for it in g) >= MIN_QUOTE_WORDS
        and not all(_looks_like_title(it.text) for it in g)
    ]
    quotes = [_quote(g) for g in kept]
    firsts = {id(q): min(it.order for it in g) for q, g in zip(quotes, kept, strict=True)}
    quotes.sort(key=lambda q: (-len({v.article_id for v in q.variants}), firsts[id(q)]))
    return quotes


def _medoid(group: list[_Item]) -> _Item:
    return max(
        group, key=lambda it: (sum(_jaccard(it, o) for o in group), len(it.words), -it.order)
    )


def _around_medoids(group: list[_Item], threshold: float) -> list[list[_Item]]:
    """``group`` cut so that each part's wordings are all the same quote as the one shown:
    chains of overlapping quotations ("the procedures authorized by the Act ..." to "no
    opinion about the procedures authorized by the Act") link remarks never said together."""
    out = []
    rest = sorted(group, key=lambda it: it.order)
    while rest:
        medoid = _medoid(rest)
        part = [it for it in rest if it is medoid or _same(it, medoid, threshold)]
        out.append(part)
        taken = {id(it) for it in part}
        rest = [it for it in rest if id(it) not in taken]
    return out


def _same(a: _Item, b: _Item, threshold: float) -> bool:
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    if len(short.words) < _SHORT:
        return short.joined in long_.joined
    # Words of four letters or more: a long passage holds most of anyone's "I", "the", "it";
    # and word pairs, in order: a long excerpt of an opinion holds most words of every other
    # remark on its subject, but not their phrasing.
    content = {w for w in short.bag if len(w) >= 4} or short.bag
    if len(content & long_.bag) / len(content) < threshold:
        return False
    pairs = _pairs(short.words)
    return len(pairs & _pairs(long_.words)) >= SAME_PHRASING * len(pairs)


def _pairs(words: tuple[str, ...]) -> set[tuple[str, str]]:
    return set(pairwise(words))


def _voices(q: Quotation) -> set[str]:
    """Who a quotation names as its speaker (its entity, the surname of a name), as far as
    merging can tell speakers apart; empty when it names no one."""
    s = q.speaker
    out = set()
    if s is not None and s.entity_id:
        out.add(s.entity_id)
    if s is not None and s.name and (s.entity_id or s.how == "name"):
        out.add("name:" + fold(s.name.split()[-1]))
    return out


def _speakers_agree(a: Quotation, b: Quotation) -> bool:
    sa, sb = a.speaker, b.speaker
    if sa is None or sb is None:
        return True
    if sa.entity_id and sb.entity_id:
        return sa.entity_id == sb.entity_id
    if sa.name and sb.name and sa.how == sb.how == "name":
        return fold(sa.name.split()[-1]) == fold(sb.name.split()[-1])
    return True


def _jaccard(a: _Item, b: _Item) -> float:
    return len(a.bag & b.bag) / max(1, len(a.bag | b.bag))


def _quote(group: list[_Item]) -> Quote:
    group = sorted(group, key=lambda it: it.order)
    medoid = _medoid(group)
    speakers = [it.quotation.speaker for it in group if it.quotation.speaker is not None]
    entity_votes = Counter(s.entity_id for s in speakers if s.entity_id)
    entity_id = entity_votes.most_common(1)[0][0] if entity_votes else None
    names = [s.name for s in speakers if s.name and (entity_id is None or s.entity_id == entity_id)]
    named = (
        [s.name for s in speakers if s.name and s.how in {"name", "context"}]
        if not entity_id
        else []
    )
    name_votes = Counter(named or names)
    name = name_votes.most_common(1)[0][0] if name_votes else None
    variants = tuple(
        QuoteVariant(it.quotation.article_id, it.text, it.quotation.start, it.quotation.end)
        for it in group
    )
    return Quote(
        id="q-" + content_id(f"{entity_id or name or ''}|{medoid.text}")[:12],
        text=medoid.text,
        speaker_name=name,
        speaker_entity_id=entity_id,
        variants=variants,
    )
