"""Entity mentions: spaCy's named entities, with its usual span errors fixed.

One ``nlp.pipe`` pass over the sentences the recognizer needs to read (see :class:`Selection`)
runs only the components needed here (the tagger for role patterns and the entity recognizer;
the parser is off, which halves the time). The spans are
then cleaned of what spaCy often gets wrong: a leading "the", a trailing "'s", a possessor glued
to the name ("Varenia's Anders Holm"), a title or honorific ("President", "Mr"), a byline or
dateline running across a line break. Finally the names found are looked for again in every
article, so that a name the recognizer missed in one sentence is still a mention.

Tagged sentences are kept (a bounded cache keyed by the sentence's text), so that
:func:`storyline.annotate.entities.merge_entities` can read roles without tagging again and
syndicated copy is tagged once.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.annotate import nlp
from storyline.annotate.names import TITLES, fold, is_honorific, is_title
from storyline.annotate.timex import CALENDAR_WORDS
from storyline.index.text import STOP_WORDS
from storyline.pipeline import Progress
from storyline.records import Article

# spaCy labels kept as entity mentions (the others are dates, numbers, works...).
LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_NEEDED = ("tok2vec", "tagger", "ner")
_CACHE_SIZE = 50_000  # sentences
_EDGE = " \t\r\n`\"'“”‘’«»„()[]{},.;:!?-–—/|*•"
# A line break, a slash or bar between words, or a typewriter quotation mark inside a span
# ("Ivo ``Tug", where the recognizer ran a name into a nickname's quotation) end a name.
_BREAK = re.compile(r"\s*(?:\n|\s/\s|\s\|\s|``|'')\s*")
_POSSESSOR = re.compile(r"['’]s?\s+(?=\S)")
_TAIL_POSSESSIVE = re.compile(r"['’]s?$")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*")
_FIRST_WORD = re.compile(r"([^\W\d_][\w.]*)\s+")
# Titles inside a name's span ('Harbour Police Officer | Ana Bessel'), but not the words
# that are titles and also names ("John Major", "Billie Jean King").
_TITLES_IN_NAMES = "major general king queen prince princess justice marshal chair"
_INNER_TITLES = TITLES - set(_TITLES_IN_NAMES.split())
# "Archaeologist Lena Strand", "Economist Mara Holm": an occupation capitalised before a
# name (no first name ends so).
_OCCUPATION = re.compile(r"[a-z]{4,}(?:ist|yst)s?")
# The body a person works for, glued to the name ("the Foreign Ministry Ivo Telu said"): no
# name starts with these.
_BODIES = frozenset(
    "ministry department office embassy bureau commission committee council agency".split()
)
_LOWER_WORD = re.compile(r"(?<![\w])[a-z][a-z'’-]+")


@dataclass(frozen=True, slots=True)
class Mention:
    """One name as written in one article: ``[start, end)`` in its cleaned text, spaCy's label."""

    article_id: str
    start: int
    end: int
    text: str
    type: str  # PERSON, ORG, GPE, NORP, LOC, FAC


@dataclass(frozen=True, slots=True)
class Tokens:
    """One article's tokens: character offsets, fine-grained tags and entity labels."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    tags: tuple[str, ...]
    ents: tuple[str, ...]  # entity label of each token ("" outside entities)
    spans: tuple[tuple[int, int, str], ...]  # the recognizer's entity spans


# Tagged sentences by text: syndicated copy and repeated quotes are tagged once.
_lock = threading.Lock()
_cache: OrderedDict[str, tuple[tuple[int, int, str, str], ...]] = OrderedDict()
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]+")


@dataclass(frozen=True, kw_only=True)
class Selection:
    """Which sentences the recognizer reads.

    Up to ``full_until`` sentences in all, every one. Beyond that, only an article's first
    ``lead`` sentences and those where speakers are named (with a quotation mark or "said"), and
    of those only the ones with a capitalised word (past the lead, one of a name of two words
    or more) read in fewer than ``coverage`` sentences so far: news copy names people and
    places in full, with their roles, in the first sentences that mention them and repeats
    them afterwards, and every later occurrence of a name that was found once is recovered by
    string search anyway. This bounds the recognizer's work by the number of articles and
    distinct names, not by their length.
    """

    full_until: int = 150
    lead: int = 8
    coverage: int = 1


# Two or more capitalised words in a row, maybe with a particle: a name written in full.
_CAPITALISED_RUN_OF_TWO = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|van|von|al|bin)\s+)?[A-Z][\w'’.-]*)+"
)
# Where speakers are named: a quotation mark (typewriter ones too, ``...'', as older agency
# copy types them) or reported speech ("Foreign Minister Ivo Telu said the talks ...").
_SPEAKER_NAMED = re.compile(r"[\"“”«»„]|``|''|\b(?:said|says|told)\b")


#: Characters the recognizer reads at once. A "sentence" longer than this (a list or table
#: without full stops, a text with no punctuation) is read in pieces cut between words: the
#: parser's memory grows with the length of what it reads, to gigabytes for 100,000 characters.
MAX_READ_CHARS = 2_000


def _bounded(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with each longer than :data:`MAX_READ_CHARS` cut into pieces between words."""
    out = []
    for start, end in spans:
        while end - start > MAX_READ_CHARS:
            cut = text.rfind(" ", start + MAX_READ_CHARS // 2, start + MAX_READ_CHARS)
            cut = cut if cut > start else start + MAX_READ_CHARS
            out.append((start, cut))
            start = cut + (text[cut] == " ")
        out.append((start, end))
    return out


def select_sentences(
    articles: Sequence[Article], selection: Selection | None = None
) -> list[list[tuple[int, int]]]:
    """The ``(start, end)`` spans of each article that the recognizer reads."""
    selection = selection or Selection()
    units = [
        _bounded(a.text, [(s.start, s.end) for s in a.sentences] or [(0, len(a.text))])
        for a in articles
    ]
    if sum(map(len, units)) <= selection.full_until:
        return units
    seen: Counter[str] = Counter()
    chosen: list[list[tuple[int, int]]] = []
    for article, spans in zip(articles, units, strict=True):
        keep = []
        for number, (start, end) in enumerate(spans):
            words = set(_CAPITALISED.findall(article.text, start, end))
            if number < selection.lead:
                new = words
            elif _SPEAKER_NAMED.search(article.text, start, end):
                # Past the lead, only a name written in full is news ("Telu said" repeats one).
                new = {
                    w
                    for run in _CAPITALISED_RUN_OF_TWO.findall(article.text, start, end)
                    for w in _CAPITALISED.findall(run)
                }
            else:
                continue
            if any(seen[w] < selection.coverage for w in new):
                keep.append((start, end))
                seen.update(words)
        chosen.append(keep)
    return chosen


def analyse(
    articles: Sequence[Article],
    *,
    batch_size: int = 64,
    selection: Selection | None = None,
    progress: Progress | None = None,
) -> list[Tokens]:
    """Tokens, tags and entity spans of each article, for the sentences the recognizer reads.

    Text between those sentences is one placeholder token (tag ``GAP``), so patterns that
    look at neighbouring tokens stop there instead of reading across skipped text. The
    tagging, most of a large input's analysis, reports to ``progress`` as stage "entities".
    """
    plan = select_sentences(articles, selection)
    texts = {a.text[s:e] for a, spans in zip(articles, plan, strict=True) for s, e in spans}
    with _lock:
        tagged = {t: _cache[t] for t in texts if t in _cache}
    todo = sorted(texts - tagged.keys())
    if todo:
        docs = nlp.pipe(nlp.load(), todo, components=_NEEDED, batch_size=batch_size)
        for done, (text, doc) in enumerate(zip(todo, docs, strict=True), 1):
            tagged[text] = _tokens_of(doc)
            if progress and (done % batch_size == 0 or done == len(todo)):
                progress("entities", done, len(todo))
        with _lock:
            for text in todo:
                _cache[text] = tagged[text]
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return [_assemble(a, spans, tagged) for a, spans in zip(articles, plan, strict=True)]


def _tokens_of(doc: Any) -> tuple[tuple[int, int, str, str], ...]:
    """``(start, end, tag, entity label)`` per token, then entity spans as ``(s, e, "", label)``
    entries flagged by a negative start (kept in one tuple for a compact cache)."""
    # One array read instead of a Python object per token (a fifth of the tagging time).
    from spacy.attrs import ENT_TYPE, IDX, LENGTH, TAG

    strings = doc.vocab.strings
    tokens = [
        (idx, idx + length, strings[tag] if tag else "", strings[ent] if ent else "")
        for idx, length, tag, ent in doc.to_array([IDX, LENGTH, TAG, ENT_TYPE]).tolist()
    ]
    spans = [(-1 - e.start_char, e.end_char, "", e.label_) for e in doc.ents]
    return tuple(tokens + spans)


def _assemble(
    article: Article,
    spans: Sequence[tuple[int, int]],
    tagged: dict[str, tuple[tuple[int, int, str, str], ...]],
) -> Tokens:
    starts: list[int] = []
    ends: list[int] = []
    tags: list[str] = []
    ents: list[str] = []
    found: list[tuple[int, int, str]] = []
    cursor = 0
    text = article.text
    for start, end in [*spans, (len(text), len(text))]:
        if text[cursor:start].strip():
            starts.append(cursor)
            ends.append(start)
            tags.append("GAP")
            ents.append("")
        for s, e, tag, label in tagged.get(text[start:end], ()):
            if s < 0:
                found.append((start - 1 - s, start + e, label))
            else:
                starts.append(start + s)
                ends.append(start + e)
                tags.append(tag)
                ents.append(label)
        cursor = max(cursor, end)
    return Tokens(tuple(starts), tuple(ends), tuple(tags), tuple(ents), tuple(found))


def find_mentions(
    articles: Sequence[Article],
    *,
    batch_size: int = 64,
    selection: Selection | None = None,
    progress: Progress | None = None,
) -> list[Mention]:
    """Every person, organisation, place and group mention in ``articles``, in text order."""
    pieces: list[tuple[Article, int, int, str | None, str]] = []
    tokens_of = analyse(articles, batch_size=batch_size, selection=selection, progress=progress)
    lowercase = lowercase_words(a.text for a in articles)
    for article, tokens in zip(articles, tokens_of, strict=True):
        for start, end, label in _with_titled_names(article.text, tokens):
            if label == "PERSON":
                start = _first_name_before(article.text, tokens, start, lowercase)
                end = _surname_after_particle(article.text, end)
            if label in LABELS:
                for s, e, lab in clean_span(article.text, start, end, label):
                    if lab == "PERSON":
                        s = _after_portfolio(article.text, s, e, lowercase)
                        if _heading_in_capitals(article.text[s:e]):
                            continue
                    if s < e:
                        pieces.append((article, s, e, lab, label))
    votes: dict[str, Counter[str]] = {}
    for article, s, e, lab, _ in pieces:
        if lab is not None:
            votes.setdefault(fold(article.text[s:e]), Counter())[lab] += 1
    found = [
        Mention(a.id, s, e, a.text[s:e], lab or _majority(votes, a.text[s:e], fallback))
        for a, s, e, lab, fallback in pieces
    ]
    replaced: set[tuple[str, int, int]] = set()
    found.extend(_recover(articles, found, replaced, lowercase))
    found = [m for m in found if (m.article_id, m.start, m.end) not in replaced]
    found = _join_split_names(articles, found)
    found = _without_place_possessors(articles, found)
    full = _full_names_of_bare(articles, found, lowercase)
    if full:
        covered = {(m.article_id, m.start + m.text.index(" ") + 1) for m in full}
        found = [m for m in found if (m.article_id, m.start) not in covered] + full
    order = {a.id: i for i, a in enumerate(articles)}
    return sorted(found, key=lambda m: (order[m.article_id], m.start, m.end))


def _join_split_names(articles: Sequence[Article], found: list[Mention]) -> list[Mention]:
    """One name the recognizer cut in two ("Aung San | Suu Kyi"): two person mentions with only
    a space between them are one."""
    texts = {a.id: a.text for a in articles}
    ordered = sorted(found, key=lambda m: (m.article_id, m.start))
    out: list[Mention] = []
    for m in ordered:
        last = out[-1] if out else None
        if (
            last is not None
            and last.article_id == m.article_id
            and last.type == m.type == "PERSON"
            and texts[m.article_id][last.end : m.start] == " "
        ):
            text = texts[m.article_id][last.start : m.end]
            out[-1] = Mention(m.article_id, last.start, m.end, text, "PERSON")
            continue
        out.append(m)
    return out


def _without_place_possessors(articles: Sequence[Article], found: list[Mention]) -> list[Mention]:
    """Drop one-word "people" that are the possessor in a place's name ("Mara's Landing"):
    written at least twice, and every time before "'s" and the same capitalised word."""
    names = {m.text for m in found if m.type == "PERSON" and " " not in m.text}
    if not names:
        return found
    # One pass over the texts for all the names: each occurrence with what it possesses.
    pattern = re.compile(
        r"(?<![\w'’-])("
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w-])(?:['’]s\s+([A-Z][\w-]*))?"
    )
    after: dict[str, list[str | None]] = defaultdict(list)
    for a in articles:
        for m in pattern.finditer(a.text):
            after[m.group(1)].append(m.group(2))
    dropped = {
        name
        for name, possessed in after.items()
        if len(possessed) >= 2 and all(possessed) and len(set(possessed)) == 1
    }
    return [m for m in found if not (m.type == "PERSON" and m.text in dropped)]


def _first_name_before(text: str, tokens: Tokens, start: int, lowercase: set[str]) -> int:
    """Widen a PERSON span over a capitalised word the recognizer left out ("Anders | Holm"),
    but not over a word the articles write in lower case too, which opens the sentence
    ("Imagine | Ivo Telu at sea")."""
    i = bisect_left(tokens.starts, start) - 1
    if i < 0 or tokens.tags[i] != "NNP" or tokens.ents[i] or text[tokens.ends[i] : start] != " ":
        return start
    word = text[tokens.starts[i] : tokens.ends[i]]
    if not word[:1].isupper() or word.isupper() or is_title(word) or word.lower() in lowercase:
        return start
    return tokens.starts[i]


# Titles that, written just before two or three capitalised words, make them a person's name
# whatever the recognizer said ("said Port Secretary-General | Ivo Telu", where the small
# model tagged "Telu" a place and missed "Ivo"). Titles that also start names of
# firms, ranks or things ("General Motors", "Major League", "King Kong") are not here.
_NAMING_TITLES = frozenset(
    """president minister secretary secretary-general senator governor mayor spokesman
    spokeswoman spokesperson ambassador director commissioner chairman chairwoman premier
    chancellor envoy""".split()
)


def _with_titled_names(text: str, tokens: Tokens) -> list[tuple[int, int, str]]:
    """The recognizer's spans, with names after a title that it missed or mislabelled."""
    spans = list(tokens.spans)
    n = len(tokens.starts)
    words = [text[a:b] for a, b in zip(tokens.starts, tokens.ends, strict=True)]
    for t in range(n - 2):
        title = fold(words[t])
        if title == "general":  # "Secretary-General", "Secretary General", "Attorney General"
            before = t - 2 if t >= 2 and words[t - 1] == "-" else t - 1
            title = fold(words[before]) + "-general" if before >= 0 else title
        if title not in _NAMING_TITLES and not title.endswith("-general"):
            continue
        k = t + 1
        while k < n and k - t <= 4 and _name_word(words[k], tokens.tags[k]):
            k += 1
        if not 2 <= k - t - 1 <= 3 or (k < n and _name_word(words[k], tokens.tags[k])):
            continue
        start, end = tokens.starts[t + 1], tokens.ends[k - 1]
        overlapping = [sp for sp in spans if sp[0] < end and start < sp[1]]
        if any(label in ("PERSON", "ORG") for _, _, label in overlapping):
            continue
        spans = [sp for sp in spans if sp not in overlapping]
        spans.append((start, end, "PERSON"))
    return sorted(spans)


def _name_word(word: str, tag: str) -> bool:
    return (
        tag == "NNP"
        and word[:1].isupper()
        and not word.isupper()
        and fold(word) not in CALENDAR_WORDS
        and not is_title(word)
    )


# Lower-case particles inside personal names ("Tomas arap Kiberu", "Anna van Dijk").
_PARTICLE_AT_END = re.compile(
    r"\s(?:arap|bin|binti|ibn|van|von|de|da|di|del|della|der|den|du|dos|das|ter|ten|la|le)$"
)
_NAME_AFTER = re.compile(r" [A-Z][\w'’-]+")
_WORD_IN_NAME = re.compile(r"[^\W\d_]+")


def _surname_after_particle(text: str, end: int) -> int:
    """Widen a PERSON span that stops at a particle over the surname after it ("Tomas arap |
    Kiberu")."""
    if not _PARTICLE_AT_END.search(text, max(0, end - 8), end):
        return end
    m = _NAME_AFTER.match(text, end)
    return m.end() if m else end


# "Minister for Coastal Development | Lena Strand": a title, "of" or "for", and the
# capitalised words of a portfolio, up to where a name starts.
_PORTFOLIO_BEFORE = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:and\s+)?)*$"
)


def _after_portfolio(text: str, start: int, end: int, lowercase: set[str]) -> int:
    """Drop the portfolio's words the recognizer put in a name after "Minister for ..."
    ("Development | Lena Strand"): leading words the articles also write in lower case, as
    long as two words of the name are left. Returns ``end`` when the span is all portfolio and
    a name follows it."""
    m = _PORTFOLIO_BEFORE.search(text, max(0, start - 80), start)
    if not m or fold(m.group(1)) not in TITLES:
        return start
    if _NAME_AFTER.match(text, end) and all(
        w.lower() in lowercase for w in _WORD_IN_NAME.findall(text, start, end)
    ):
        # The recognizer made two spans, "Coastal Energy | Lena Strand": this one is all
        # portfolio (the caller drops an empty span).
        return end
    while (word := _FIRST_WORD.match(text, start, end)) and len(
        text[word.end() : end].split()
    ) >= 2:
        if word.group(1).lower() not in lowercase:
            break
        start = word.end()
    return start


def _majority(votes: dict[str, Counter[str]], surface: str, fallback: str) -> str:
    counter = votes.get(fold(surface))
    return counter.most_common(1)[0][0] if counter else fallback


def clean_span(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str | None]]:
    """Fix one recognizer span: ``(start, end, label)`` pieces, label ``None`` for a possessor."""
    for m in _BREAK.finditer(text, start, end):
        if re.search(r"[^\W\d_]", text[start : m.start()]):
            end = m.start()
            break
        start = m.end()
    start, end = _trim(text, start, end)
    out: list[tuple[int, int, str | None]] = []
    possessor = _POSSESSOR.search(text, start, end)
    if possessor and possessor.end() < end and _plural_name(text, possessor, end):
        # A plural possessive followed by capitalised words is part of a name ("the Haldmoor
        # Dockworkers' Union", "Port Employers' Association"), not a possessor before one.
        run = _CAPITALISED_RUN.match(text, possessor.end(), end)
        assert run is not None
        if run.end() >= end:
            # The whole span is that name; a PERSON label on it is the recognizer's slip.
            label_of_whole: str | None = None if label == "PERSON" else label
            s = _strip_leading(text, start, end, label)
            return [(s, end, label_of_whole)] if _is_name(text[s:end]) else []
        s = _strip_leading(text, start, run.end(), label)
        if _is_name(text[s : run.end()]):
            out.append((s, run.end(), None))
        start, end = _trim(text, run.end(), end)
        possessor = None
    if possessor and possessor.end() < end:
        s, e = _trim(text, start, possessor.start())
        if _is_name(text[s:e]):
            out.append((s, e, None))
        start = possessor.end()
    tail = _TAIL_POSSESSIVE.search(text[start:end])
    if tail:
        start, end = _trim(text, start, start + tail.start())
    start = _strip_leading(text, start, end, label)
    figure = _FIGURE_IN_NAME.search(text, start, end) if label == "PERSON" else None
    if figure is not None and not _CAPITALISED_WORD.search(text, figure.start(), end):
        # "Ivo Telu 6-4", "Ivo Telu 1 goal": a score after the name (not "Radio Lestra 24 Ore").
        end = figure.start()
    if _is_name(text[start:end]):
        out.append((start, end, label))
    return out


def _heading_in_capitals(surface: str) -> bool:
    """Whether a span in capitals is a heading, not a name ("WILL SOMEONE", "VARENIA WINS
    AGAIN"): a name holds no function word but its particles ("DE LA CRUZ")."""
    words = surface.lower().split()
    return (
        len(words) > 1
        and surface.isupper()
        and any(w in STOP_WORDS and w not in _NAME_PARTICLES for w in words)
    )


_NAME_PARTICLES = frozenset("de da di del della der den van von la le du al el bin y e".split())


_FIGURE_IN_NAME = re.compile(r"\s+\S*\d")
_CAPITALISED_WORD = re.compile(r"(?<![\w'’-])[A-Z]")


def _plural_name(text: str, possessor: re.Match[str], end: int) -> bool:
    """Whether a possessive is a plural's ("Dockworkers' ") before a capitalised word."""
    return (
        possessor.group(0)[1:].isspace()
        and text[possessor.start() - 1 : possessor.start()] == "s"
        and _CAPITALISED_RUN.match(text, possessor.end(), end) is not None
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _strip_leading(text: str, start: int, end: int, label: str) -> int:
    """Drop a leading "the", honorifics, and (in a PERSON span) titles such as "President"."""
    while True:
        m = _FIRST_WORD.match(text, start, end)
        if not m or not text[m.end() : m.end() + 1].isupper():
            return start
        word = m.group(1)
        lowered = fold(word)
        if (
            lowered == "the"
            or is_honorific(word)
            or (
                label == "PERSON"
                and (lowered in TITLES or lowered in _BODIES or _OCCUPATION.fullmatch(lowered))
            )
        ):
            start = m.end()
        elif label == "PERSON":
            return _after_inner_title(text, start, end)
        else:
            return start


def _after_inner_title(text: str, start: int, end: int) -> int:
    """ "Harbour Police Officer | Ana Bessel": a title inside a PERSON span, with two words or
    more after it, ends what describes the person; the name starts after it."""
    words = list(re.finditer(r"\S+", text[start:end]))
    for k in range(len(words) - 3, 0, -1):
        if fold(words[k].group(0)).rstrip(".") in _INNER_TITLES:
            return start + words[k + 1].start()
    return start


def _is_name(surface: str) -> bool:
    letters = sum(c.isalpha() for c in surface)
    return bool(surface) and surface[0].isupper() and letters >= 2 and len(surface.split()) <= 6


def _recover(
    articles: Sequence[Article],
    found: Sequence[Mention],
    replaced: set[tuple[str, int, int]],
    lowercase: set[str],
) -> list[Mention]:
    """Occurrences of already-found names that the recognizer missed in some sentence, or
    cut short; the spans of mentions a longer one replaces are added to ``replaced``.
    ``lowercase`` holds the words the articles write in lower case."""
    labels: dict[str, Counter[str]] = {}
    for m in found:
        labels.setdefault(m.text, Counter())[m.type] += 1
    # The surname of a full name is a name too ("Jonas Ekdal" ... "Ekdal said"), and each full
    # name is a vote that it names a person where the recognizer read it alone as something
    # else.
    surnames = set()
    full_names = set()
    for m in found:
        parts = m.text.split()
        if m.type == "PERSON" and len(parts) > 1:
            surnames.add(parts[-1])
            full_names.add(m.text)
            labels.setdefault(parts[-1], Counter())["PERSON"] += 1
    # Articles that write a person's full name, with its surname.
    introduced = {
        (article.id, name.split()[-1])
        for article in articles
        for name in full_names
        if name in article.text
    }
    surfaces = [
        s
        for s, c in labels.items()
        if (sum(c.values()) >= 2 or " " in s or s in surnames)
        and len(s) >= 3
        and re.search(r"[^\W\d_]", s)
        and not s.isupper()
        and s.lower() not in lowercase
    ]
    if not surfaces:
        return []
    pattern = re.compile(
        r"(?<![\w'’-])(?:"
        + "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
        + r")(?![\w-])"
    )
    taken: dict[str, list[tuple[int, int]]] = {}
    by_span = {(m.article_id, m.start, m.end): m for m in found}
    for m in found:
        taken.setdefault(m.article_id, []).append((m.start, m.end))
    extra = []
    for article in articles:
        spans = taken.get(article.id, [])
        for match in pattern.finditer(article.text):
            s, e = match.span()
            if _part_of_longer_name(article.text, e):
                continue
            surface = match.group(0)
            label = labels[surface].most_common(1)[0][0]
            if (article.id, surface) in introduced:
                # After "Marek Telu", a bare "Telu" in the same article is him, whatever the
                # recognizer made of it elsewhere.
                label = "PERSON"
            inside = [(a, b) for a, b in spans if s < b and a < e]
            if inside:
                # A known full name the recognizer cut short here ("Aung San" of "Aung San Suu
                # Kyi"): the full name replaces the part.
                cut = [by_span.get((article.id, a, b)) for a, b in inside]
                if label != "PERSON" or not all(
                    m is not None
                    and m.type == "PERSON"
                    and s <= m.start
                    and m.end <= e
                    and m.end - m.start < e - s
                    for m in cut
                ):
                    continue
                for a, b in inside:
                    spans.remove((a, b))
                    replaced.add((article.id, a, b))
            extra.append(Mention(article.id, s, e, surface, label))
            spans.append((s, e))
    return extra


def _full_names_of_bare(
    articles: Sequence[Article], found: list[Mention], lowercase: set[str]
) -> list[Mention]:
    """Full names of people found only by a surname, written once with a first name that the
    recognizer missed ("Tomas Rudd grows apples ..." then "Rudd said"). The first name must
    not be a word the articles write in lower case, a title, a day or month, or a name of
    something else."""
    surfaces = {m.text for m in found}
    bare = {m.text for m in found if m.type == "PERSON" and " " not in m.text and len(m.text) > 2}
    bare -= {w for t in surfaces if " " in t for w in t.split()}
    if not bare:
        return []
    pattern = re.compile(
        r"(?<![\w'’.-])([A-Z][a-z]+) (" + "|".join(map(re.escape, sorted(bare))) + r")(?![\w-])"
    )
    taken = {(m.article_id, m.start) for m in found}
    out = []
    for article in articles:
        for match in pattern.finditer(article.text):
            first = match.group(1)
            if (
                first.lower() in lowercase
                or first.lower() in STOP_WORDS
                or first.endswith(("ing", "ed", "ly"))  # "Describing X as ..."
                or is_title(first)
                or first.lower() in CALENDAR_WORDS
                or first in surfaces
                or (article.id, match.start()) in taken
            ):
                continue
            out.append(Mention(article.id, match.start(), match.end(), match.group(0), "PERSON"))
    return out


_NEXT_WORD = re.compile(r" ([A-Z][\w'’-]*)")


def _part_of_longer_name(text: str, end: int) -> bool:
    """Whether a capitalised word follows (a known surname "San" in "San Rafael")."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).lower() not in CALENDAR_WORDS


def lowercase_words(texts: Iterable[str]) -> set[str]:
    """Words written in lower case somewhere in ``texts`` (evidence of a common noun)."""
    out: set[str] = set()
    for text in texts:
        out.update(_LOWER_WORD.findall(text))
    return out
