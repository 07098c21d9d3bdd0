"""Quote attribution: who said each quotation of an article.

The quotation spans come from :func:`storyline.segment.find_quotes` (every quote-mark style);
a quotation that runs over several paragraphs (an opening mark left open at the end of one
paragraph, the next one opening again) is picked up here. For each quotation:

1. *Attribution after it*: ``"…," he said`` / ``"…," said the Mirovian leader`` /
   ``"…," Holm told reporters`` / ``"…," said the chairman of the union, Arslan Tokmakov``.
2. *Attribution before it*, in its clause: ``Holm said: "…"``, ``She added that it was "…"``,
   ``According to Holm, "…"``; a verb without a subject of its own ("… and said", ", saying")
   takes the sentence's subject or the previous quote's speaker.
3. *No attribution*: a quote that opens its sentence continues the previous quotation's
   speaker (``"…," he said. "…"``) or takes the subject of the sentences before it; a short
   quote inside a sentence without a reporting verb (a title, a slogan, scare quotes) is no
   quotation of a speaker and is dropped.

The speaker phrase is then resolved to a canonical entity: names and roles ("the French
leader") through :class:`storyline.annotate.resolve.EntityIndex`, pronouns through the people
named (or quoted) in the sentences before, skipping those whose pronoun gender is known to
differ. Without entities (no spaCy), speakers are still found and named as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.annotate import speech
from storyline.annotate.names import INDEFINITE, is_title
from storyline.annotate.people import People, Person
from storyline.annotate.timex import CALENDAR_WORDS
from storyline.records import Article, Span

__all__ = ["Quotation", "Speaker", "attribute_quotes", "quote_spans"]

_OPENERS = "\"'`“‘«»„‹"
_CLOSERS = "\"'”’»«“›"
_MIN_STANDALONE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quotation: the phrase written for them, how it was read, what it resolves to.

    ``start``/``end`` are the phrase's offsets (``-1`` when the speaker was inherited from
    context with no phrase of its own); ``how`` is "name", "role", "pronoun" or "context".
    """

    start: int
    end: int
    text: str
    how: str
    name: str | None
    entity_id: str | None


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation in one article: its parts (a split quote has several) and its speaker."""

    article_id: str
    parts: tuple[Span, ...]
    speaker: Speaker | None

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end

    def text(self, article_text: str) -> str:
        """The quoted words; the parts of a split quote are joined as one passage."""
        out = ""
        for p in self.parts:
            words = " ".join(p.of(article_text).split())
            if out and out[-1] not in ".!?…,;:" and words[:1].isupper():
                out += "."
            out = f"{out} {words}" if out else words
        return out


@dataclass(slots=True)
class _Part:
    span: Span
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (paragraph end when left open)
    first: int  # index of its first sentence
    last: int  # index of its last sentence
    paragraph: int
    open_ended: bool = False  # no closing mark before the paragraph ends
    speaker: Speaker | None = None
    explicit: bool = False  # the speaker comes from an attribution of this part's own
    joins_previous: bool = False


def quote_spans(article: Article) -> list[Span]:
    """The article's quotation spans, with paragraphs of multi-paragraph quotes added."""
    spans = list(article.quotes)
    text = article.text
    for i, para in enumerate(article.paragraphs[:-1]):
        nxt = article.paragraphs[i + 1]
        if text[nxt.start : nxt.start + 1] not in _OPENERS:
            continue
        covered = [s for s in spans if para.start <= s.start < para.end]
        tail_from = max((s.end + 1 for s in covered), default=para.start)
        opener = _unclosed_opener(text, tail_from, para.end)
        if opener is not None and opener + 1 < para.end:
            spans.append(Span(opener + 1, para.end))
    return sorted(spans, key=lambda s: s.start)


def _unclosed_opener(text: str, start: int, end: int) -> int | None:
    for pos in range(start, end):
        # An opening mark follows a space (or a bracket, a dash) and precedes a word; a mark
        # after a comma or a full stop closes the quotation before it (',"' / '."').
        after_space = pos == 0 or text[pos - 1].isspace() or text[pos - 1] in "([{—–-"
        if text[pos] in '"“«„' and after_space and pos + 1 < end and not text[pos + 1].isspace():
            rest = text[pos + 1 : end]
            if not any(c in rest for c in '"”»'):
                return pos
    return None


def attribute_quotes(article: Article, people: People | None = None) -> list[Quotation]:
    """The quotations of ``article`` with their speakers, in text order."""
    people = people or People(articles=[article])
    _note_reported_speakers(article, people)
    parts = _parts(article)
    starts = [s.start for s in article.sentences]
    for i, part in enumerate(parts):
        previous = parts[i - 1] if i else None
        following = parts[i + 1] if i + 1 < len(parts) else None
        part.speaker = _speaker(article, part, previous, following, starts, people)
    _continue_open_quotes(parts)
    quotations: list[Quotation] = []
    for i, part in enumerate(parts):
        if part.speaker is None and not _standalone(article, part, starts):
            continue
        last = quotations[-1] if quotations else None
        if part.joins_previous and last is not None and i and last.parts[-1] == parts[i - 1].span:
            quotations[-1] = Quotation(last.article_id, (*last.parts, part.span), part.speaker)
            continue
        quotations.append(Quotation(article.id, (part.span,), part.speaker))
    return quotations


def _note_reported_speakers(article: Article, people: People) -> None:
    """Names that report speech without quotation marks ("Fair enough, said Ivo Telu, who ...")
    become mentions for the pronouns after them, when the recognizer missed them."""
    for m in speech.REPORTED_AFTER.finditer(article.text):
        name, start = m.group("name"), m.start("name")
        first = name.split()[0]
        if (
            is_title(first)
            or first.lower() in speech.PRONOUNS | CALENDAR_WORDS
            or not speech.plausible_subject(name)
        ):
            continue
        if people.resolve(article.id, start, name) is None:
            person = Person(name, people.plain_name(name), None, start, m.end("name"))
            people.note(article.id, person)


def _continue_open_quotes(parts: list[_Part]) -> None:
    """A paragraph left open continues in the next one, whose attribution names the speaker."""
    for i in range(len(parts) - 2, -1, -1):
        part, nxt = parts[i], parts[i + 1]
        if part.open_ended and nxt.paragraph == part.paragraph + 1:
            nxt.joins_previous = True
            if not part.explicit and nxt.speaker is not None:
                part.speaker = nxt.speaker
            elif part.speaker is not None and not nxt.explicit:
                nxt.speaker = part.speaker


def _parts(article: Article) -> list[_Part]:
    text = article.text
    starts = [s.start for s in article.sentences]
    para_starts = [p.start for p in article.paragraphs]
    out = []
    for span in quote_spans(article):
        open_ = span.start - 1
        while open_ > 0 and text[open_] not in _OPENERS:
            open_ -= 1
        close = span.end
        while close < len(text) and text[close] not in _CLOSERS and text[close] != "\n":
            close += 1
        open_ended = close >= len(text) or text[close] == "\n"
        first = max(0, bisect_right(starts, open_) - 1)
        last = max(first, bisect_right(starts, max(span.start, close - 1)) - 1)
        paragraph = max(0, bisect_right(para_starts, span.start) - 1)
        out.append(_Part(span, open_, close, first, last, paragraph, open_ended))
    return out


def _sentence_bounds(article: Article, part: _Part) -> tuple[int, int]:
    if not article.sentences:
        return 0, len(article.text)
    return article.sentences[part.first].start, article.sentences[part.last].end


def _speaker(
    article: Article,
    part: _Part,
    previous: _Part | None,
    following: _Part | None,
    starts: list[int],
    people: People,
) -> Speaker | None:
    text = article.text
    s_start, s_end = _sentence_bounds(article, part)
    if _attribution_follows(article, part, s_end):
        # '"… a leak?" Pavlo said.': the question or exclamation that closed the quote
        # ended the sentence, so its attribution is the short sentence after it.
        s_end = article.sentences[part.last + 1].end
    after_end = min(s_end, following.open) if following and following.open > part.close else s_end
    cue = speech.after(text, part.close + 1, after_end) if not part.open_ended else None
    if cue is not None:
        part.explicit = True
        return _resolve(article, cue.start, cue.end, part, people, previous)
    same_sentence = (
        previous is not None and previous.last >= part.first and previous.close < part.open
    )
    before_start = previous.close + 1 if same_sentence and previous is not None else s_start
    cue = speech.before(text, before_start, part.open)
    if cue is not None and cue.start >= 0:
        if same_sentence and previous is not None and previous.speaker is not None:
            part.joins_previous = previous.close < part.open and _short_gap(text, previous, part)
        part.explicit = True
        return _resolve(article, cue.start, cue.end, part, people)
    if cue is not None:
        # A verb without its own subject: "…" she said, adding that "…"; "He … and said "…"".
        if same_sentence and previous is not None and previous.speaker is not None:
            return previous.speaker
        subject = speech.sentence_subject(text, s_start, part.open)
        if subject is not None:
            return _resolve(article, subject[0], subject[1], part, people)
        return None
    late = _late_attribution(text, part.close + 1, after_end) if not part.open_ended else None
    if late is not None:
        part.explicit = True
        return _resolve(article, late.start, late.end, part, people, previous)
    if not _standalone(article, part, starts):
        return None
    if (
        previous is not None
        and previous.speaker is not None
        and part.paragraph - previous.paragraph <= 1
    ):
        part.joins_previous = _short_gap(text, previous, part)
        return previous.speaker
    person = people.subject_before(article, part.open, starts)
    return _context(person) if person is not None else None


_ATTRIBUTION_WORDS = 12
_COMMA = re.compile(r",\s")
_AGED = re.compile(r"[Tt]he\s+\d{1,3}-year-old\b")
_LEADING_NAME = re.compile(rf"\s*(?P<name>{speech.NAME}),\s")


def _late_attribution(text: str, start: int, end: int) -> speech.Cue | None:
    """An attribution after a short run-on of the quote's sentence ('"... the little deal"
    proposed in May, said Ilse Varga'): after one of its commas, with no other
    quotation mark between. When the run-on opens on a name and a comma, the name speaks
    and the rest is its apposition ('"...," Ivo Telu, head of Dask Ferries, Ports, and
    Docks, said in a statement')."""
    tail = text[start:end]
    for comma in _COMMA.finditer(tail):
        before = tail[: comma.start()]
        if len(before.split()) > _ATTRIBUTION_WORDS or any(c in before for c in _OPENERS):
            return None
        cue = speech.after(text, start + comma.start(), end)
        verb = speech.VERB_WORD.match(text, start + comma.end())
        said = cue.verb if cue is not None else verb.group(0) if verb is not None else None
        if said is None:
            continue
        if said.endswith("ing"):
            return None  # '..., telling Lind, "...': who was told, not who spoke
        leading = _LEADING_NAME.match(tail)
        if leading is not None and speech.plausible_subject(leading.group("name")):
            return speech.Cue(start + leading.start("name"), start + leading.end("name"), said)
        if cue is None or cue.start < 0 or speech.calendar_phrase(text[cue.start : cue.end]):
            return None  # ', said Tuesday at the conference': a day speaks for no one
        return cue
    return None


def _attribution_follows(article: Article, part: _Part, s_end: int) -> bool:
    """Whether the quote ends its sentence with "?" or "!" and the next sentence is short and
    quotes no one (where '"Why?" Pavlo said.' puts the attribution)."""
    text = article.text
    if part.last + 1 >= len(article.sentences):
        return False
    if text[part.close + 1 : s_end].strip(" \n\"'”’»") or not text[: part.close].rstrip(
        "\"'`”’»"
    ).endswith(("?", "!")):
        return False
    following = article.sentences[part.last + 1].of(text)
    return len(following.split()) <= _ATTRIBUTION_WORDS and not any(
        mark in following for mark in '"“”«»`'
    )


# Words that start a clause of the writer's own between two quoted parts ('"...," she said,
# noting that the rules are "..."'): the parts are two quotations, not one.
_OWN_CLAUSE = re.compile(
    r"\b(?:that|is|are|was|were|it|adding|noting|saying|explaining|arguing|warning|insisting)\b"
)


def _short_gap(text: str, previous: _Part, part: _Part) -> bool:
    """Whether only an attribution stands between two parts (one split quotation)."""
    gap = text[previous.close + 1 : part.open]
    if gap.strip() == "":
        return True
    return len(gap.split()) <= 8 and "\n\n" not in gap and not _OWN_CLAUSE.search(gap)


def _standalone(article: Article, part: _Part, starts: list[int]) -> bool:
    """A quote that opens its sentence and is long enough to be someone's words."""
    s_start, _ = _sentence_bounds(article, part)
    lead = article.text[s_start : part.open]
    words = len(part.span.of(article.text).split())
    return not any(c.isalnum() for c in lead) and words >= _MIN_STANDALONE_WORDS


def _context(person: Person) -> Speaker:
    return Speaker(-1, -1, person.text, "context", person.name, person.entity_id)


def _resolve(
    article: Article,
    start: int,
    end: int,
    part: _Part,
    people: People,
    previous: _Part | None = None,
) -> Speaker:
    phrase = article.text[start:end]
    words = phrase.split()
    if phrase.lower() == "it":
        # '"...," it said': the body or document quoted just before ('"...," the daily
        # said. "...," it said.') or that the sentences before are about; never a person.
        prior = _prior_speaker(part, previous)
        if prior is not None and (
            (prior.entity_id is not None and not people.is_person(prior.entity_id))
            or _BODY.search(prior.text)
        ):
            return Speaker(start, end, phrase, "pronoun", prior.name, prior.entity_id)
        body = _body_before(article, start, people)
        return Speaker(start, end, phrase, "pronoun", body, None)
    if len(words) == 1 and words[0].lower() in {"he", "she"}:
        own = _own_subject(article, start, people)
        if own is not None and people.may_be(own.entity_id or own.name, phrase.lower()):
            # "Lestra's president, Mara Lindqvist, ... when she told reporters": the subject
            # of the pronoun's own sentence.
            return Speaker(start, end, phrase, "pronoun", own.name, own.entity_id)
    if len(words) == 1 and words[0].lower() in speech.PRONOUNS:
        person = people.antecedent(article, start, phrase.lower())
        prior = _prior_speaker(part, previous)
        if (
            prior is not None
            and (person is None or person.start < _sentence_end(article, prior.start))
            and people.may_be(prior.entity_id or prior.name, phrase.lower())
        ):
            # '"…," one observer said. "…," he said.': he is the one quoted just before,
            # named or not, unless someone was named since, after that speaker's sentence
            # (not in it: "Telu, a protege of Pavlo Okafor, said that ...").
            return Speaker(start, end, phrase, "pronoun", prior.name, prior.entity_id)
        if person is None and phrase.lower() in {"he", "she"}:
            person = _subject_of_earlier(article, start, people)
        if person is None:
            return Speaker(start, end, phrase, "pronoun", None, None)
        return Speaker(start, end, phrase, "pronoun", person.name, person.entity_id)
    how = "name" if phrase[:1].isupper() and not _is_role(words) else "role"
    if how == "name" and any(is_title(w) for w in words[:-1]):
        # "Harbour Deputy Reggie Vane", "Director of the Harbour Movement Stephen Vell": the
        # name after the title, not the place or body before or after it.
        plain = people.plain_name(phrase)
        at = phrase.rfind(plain)
        last = plain.split()[-1].lower()
        if plain != phrase and at > 0 and len(plain.split()) > 1 and last not in _BODY_HEADS:
            start, phrase, words = start + at, plain, plain.split()
    found, phrase = _lookup(article, start, phrase, people)
    end = start + len(phrase)
    if found is not None:
        people.note(article.id, found)
        return Speaker(start, end, phrase, how, found.name, found.entity_id)
    name = people.plain_name(phrase) if how == "name" else phrase
    if how == "name":
        people.note(article.id, Person(phrase, name, None, start, end))
    return Speaker(start, end, phrase, how, name, None)


def _sentence_index(article: Article, pos: int) -> int:
    """The index of the sentence holding ``pos`` (-1 before the first)."""
    return bisect_right([s.start for s in article.sentences], pos) - 1


def _sentence_end(article: Article, pos: int) -> int:
    """Where the sentence holding ``pos`` ends."""
    k = _sentence_index(article, pos)
    return article.sentences[k].end if 0 <= k < len(article.sentences) else pos


def _prior_speaker(part: _Part, previous: _Part | None) -> Speaker | None:
    """The speaker of the quotation just before, written in this or the previous paragraph."""
    if previous is None or previous.speaker is None or part.paragraph - previous.paragraph > 1:
        return None
    speaker = previous.speaker
    return speaker if speaker.start >= 0 and speaker.how != "pronoun" else None


_APPOSED_NAME = re.compile(rf",\s+(?P<name>{speech.NAME}),")


def _own_subject(article: Article, pos: int, people: People) -> Person | None:
    """The person named as the subject of the sentence that holds ``pos``, before it."""
    k = _sentence_index(article, pos)
    if k < 0:
        return None
    s = article.sentences[k]
    subject = speech.sentence_subject(article.text, s.start, pos)
    if subject is None or subject[1] >= pos:
        return None
    start = subject[0]
    named = _APPOSED_NAME.match(article.text, subject[1], pos)
    if named:
        # "Lestra's president, Mara Lindqvist, ...": the name in the apposition.
        start = named.start("name")
        phrase = named.group("name")
    else:
        phrase = article.text[subject[0] : subject[1]]
    if phrase.split()[0].lower() in speech.PRONOUNS or "'s" in phrase or "’s" in phrase:
        return None  # "Telu's ferry may have sunk, he said": the ferry is no speaker
    first, *rest = phrase.split()
    if first.lower() in ("the", "a", "an") and rest and all(w[:1].isupper() for w in rest):
        return None  # "The Telu was his, she said" (a rifle): no one is called "the Telu"
    found, _ = _lookup(article, start, phrase, people)
    if found is not None and found.entity_id is not None and people.is_person(found.entity_id):
        return found
    return None


def _body_before(article: Article, pos: int, people: People) -> str | None:
    """What "it" speaks for: the subject of the sentence before, when that is no person
    ("The heritage committee said ... '...,' it said")."""
    k = _sentence_index(article, pos)
    for j in range(k, max(-1, k - 3), -1):
        s = article.sentences[j]
        subject = speech.sentence_subject(article.text, s.start, min(s.end, pos))
        if subject is None:
            continue
        phrase = article.text[subject[0] : subject[1]]
        if phrase.split()[0].lower() in speech.PRONOUNS:
            continue
        found, phrase = _lookup(article, subject[0], phrase, people)
        if found is not None and found.entity_id is not None and people.is_person(found.entity_id):
            return None
        if found is not None and not people.is_place(found.entity_id):
            return found.name
        return phrase if _BODY.search(phrase) else None
    return None


# The last word of a body's name ("the Justice Ministry", "the Public Service Commission"):
# a title word inside it ("Justice") does not start a person's name.
_BODY_HEADS = frozenset(
    """ministry department commission council committee agency office party union bank court
    board authority service association organization organisation institute foundation
    university college company corporation corp group federation coalition administration
    embassy government parliament assembly senate congress house league movement front
    alliance""".split()
)
# What "it" can speak for: a body or a document, named by its head noun ("the committee").
_BODY = re.compile(
    r"^(?:[Tt]he|[Ii]ts|[Tt]his)\s+(?:[\w'’-]+\s+){0,4}(?:report|statement|committee|ministry|"
    r"government|council|agency|court|panel|company|commission|board|study|survey|letter|"
    r"paper|newspaper|daily|group|organi[sz]ation|association|union|party|office|department|"
    r"bank|embassy|mission|institute|foundation|firm|network|station|club|team|"
    r"federation|coalition|administration|authority|service|commentary|editorial)$"
)


def _subject_of_earlier(article: Article, pos: int, people: People) -> Person | None:
    """A role written as the subject of the sentence before ("The Varenian president …")."""
    k = _sentence_index(article, pos)
    for j in range(k - 1, max(-1, k - 3), -1):
        s = article.sentences[j]
        subject = speech.sentence_subject(article.text, s.start, s.end)
        if subject is not None:
            phrase = article.text[subject[0] : subject[1]]
            found, _ = _lookup(article, subject[0], phrase, people)
            # "he" or "she" is a person, not the company or the town the sentence was about.
            if found is not None and (found.entity_id is None or people.is_person(found.entity_id)):
                return found
    return None


def _lookup(article: Article, start: int, phrase: str, people: People) -> tuple[Person | None, str]:
    """The person a name or role phrase refers to, and the part of the phrase that says so.

    A role phrase read up to a boundary may run on into its verb ("The foreign minister
    brushed off"): the longest prefix that names someone is the speaker.
    """
    words = phrase.split()
    if words and words[0].lower() in INDEFINITE and _is_role(words) and words[-1].islower():
        # Someone unnamed ("a Foreign Office spokesman", "a friend of Vale's family"),
        # not the organisation or the person named inside ("a sedate Mara Vale" is her).
        return None, _head_phrase(words)
    found = people.resolve(article.id, start, phrase)
    if found is not None and people.is_place(found.entity_id):
        # A place does not speak: "the 40-year-old Port Skarre resident" is someone unnamed.
        found = None
    if found is not None or not _is_role(words):
        return found, phrase
    for n in range(len(words) - 1, 1, -1):
        prefix = " ".join(words[:n])
        found = people.resolve(article.id, start, prefix)
        # Only a person: "the Mirovian government" is not the group "Mirovian".
        if found is not None and people.is_person(found.entity_id):
            return found, prefix
    if _AGED.match(phrase):
        # "..., the 31-year-old striker said": the one person named just before.
        found = people.only_one_named(article, start)
        if found is not None:
            return found, phrase
    named = len(words)
    while named > 1 and words[named - 1][:1].isupper():
        named -= 1
    if named < len(words):
        # "the 14th-ranked Telu": the person named after the description.
        name = " ".join(words[named:])
        found = people.resolve(article.id, start + phrase.rindex(name), name)
        if found is not None and people.is_person(found.entity_id):
            return found, phrase
    return None, _head_phrase(words)


def _head_phrase(words: Sequence[str]) -> str:
    """A role phrase cut before its first verb-like word ("a farmer grew" -> "a farmer")."""
    kept = [words[0]]
    for w in words[1:]:
        bare = w.strip(",.;:").lower()
        # A compound ("14th-ranked", "Texas-based") is an adjective, not a verb.
        verb_like = bare.endswith("ed") and "-" not in bare
        if bare in speech.SPEECH_VERBS or verb_like or bare in {"is", "was", "has"}:
            break
        kept.append(w)
    return " ".join(kept)


def _is_role(words: Sequence[str]) -> bool:
    if words[0].lower() in {"the", "a", "an", "his", "her", "their", "its", "one", "another"}:
        return True
    # A possessed role ("Varenia's senior senator") names a role, not its possessor.
    return len(words) > 1 and words[0].endswith(("'s", "’s")) and words[1][:1].islower()
