"""The grammar of attribution in news copy: speech verbs and speaker phrases, as patterns.

Attribution in English news takes few shapes: after the quote ("…," he said / "…," said the
minister / "…," Holm told reporters), before it (Holm said: "…" / She added that "…" /
According to Holm, "…"), or, for a quote standing alone, inherited from the speaker in
context. This module holds the patterns; :mod:`storyline.annotate.quotes` applies them.
The word lists are closed classes of English (reporting verbs, pronouns, determiners).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.annotate.names import TITLES, is_title
from storyline.annotate.timex import CALENDAR_WORDS
from storyline.index.units import strip_dateline

_VERB_STEMS = """say said says saying tell told tells telling add added adds adding ask asked asks
declare declared declares stated insist insisted insists insisting warn warned warns
warning note noted notes noting explain explained explains explaining argue argued argues arguing
reply replied replies write wrote writes writing announce announced announces continue continued
continues recall recalled recalls recalling admit admitted admits conceded concedes stress
stressed stresses stressing urge urged urges claim claimed claims acknowledged acknowledges
remarked remarks observed observes joke joked jokes complained complains vow vowed vows promised
promises predicted predicts suggested suggests cautioned cautions countered counters responded
responds answered answers concluded concludes maintained maintains emphasised emphasized
emphasises emphasizes confide confided confides tweeted posted quipped laughed sighed shouted
whispered testified assured assures boasted confirmed confirms denied denies described
describes called calls demanded demands pleaded pleads recounted recounts reiterated reiterates
insisting telling explaining adding ruled deadpanned mused muses retorted exclaimed snapped
scoffed marveled marvelled lamented laments wondered grumbled muttered interjected protested
asserted asserts contended contends""".split()
SPEECH_VERBS = frozenset(_VERB_STEMS)
_VERB = (
    # A word of its own: not the end of a compound ("so-called") or of a name ("Ostavow").
    r"(?<![-‐\w])(?:"
    + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
    + r"|went on|pointed out|quoted as saying)"
)
# Adverbs and auxiliaries between a subject and its verb ("he also said", "she has said").
_ADV_WORD = (
    r"(?:also|then|later|again|once|further|simply|only|still|has|have|had|would|will|did|was|"
    r"earlier|previously|always|often|sometimes|even|just|already|now|"
    r"(?!(?:daily|weekly|monthly|quarterly|family|assembly|ally|rally|supply|reply|belly|bully|"
    r"tally)\b)[a-z]+ly)"
)
_ADV = rf"(?:{_ADV_WORD}\s+)*"
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)"
_DET = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|[Aa]nother|[Tt]his|[Tt]hat)"
# A capitalised word: an initialism ("U.N."), an abbreviation ("Dr."), a word (not the "U" of
# "U.S."), or a particle of a name.
_CAP = (
    r"(?:[A-Z](?:\.[A-Z])+(?:\.|(?![.\w]))|[A-Z][a-z]{0,2}\.|[A-Z][\w'’-]*(?!\.[A-Z])"
    r"|(?:de|van|von|der|del|da|di|al|bin|le|la)(?=\s+[A-Z]))"
)
NAME = rf"(?:{_CAP}(?:\s+{_CAP}){{0,5}})"
# A title with its portfolio before a name ("Secretary of State Lena Strand", "U.S. Minister
# for Ports Ivo Telu"): a name that "of" would otherwise end.
_TITLE_WORD = "|".join(sorted((t.capitalize() for t in TITLES), key=len, reverse=True))
_TITLED_NAME = (
    rf"(?:{_CAP}\s+){{0,3}}(?:{_TITLE_WORD})\s+(?:of|for)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{1,6}}"
)
# An apposition after a name starts in lower case ("Kovel, the mayor,", "Sollen, of the group
# Clean Rivers,"); one that is a name follows a role instead ("the governor, Marek Olsen,").
# A comma inside it only starts a name ("an agent of the Bureau of Ports, Roads and Rail,").
# A legislator's party and state ("Mara Lindqvist, D-Var.,") is one too.
_APPOSITION = r"(?:,\s+[a-z](?:[^,\"“”«»]|,(?=\s+[A-Z])){0,119},|,\s+[DRI]-[A-Z][\w.]{1,12},)"
# A noun phrase after a verb ends at punctuation or where a clause or an adverbial starts.
_NP_END = (
    r"(?=\s*(?:[,.;:!?\"“”«»‘’]|$)|\s+(?:on|in|at|after|before|during|when|while|as|who|which|"
    r"from|with|to|that|and|but|last|this|yesterday|today|adding|saying)\b)"
)

# A name ends where its affiliation starts ("Bram Osterling of the federation").
_NAME_END = (
    r"(?=\s*(?:[,.;:!?\"“”«»‘’()]|$)|\s+(?:of|from|at|on|in|who|as|after|when|while|during|"
    r"before|outside|to|with|for|near|by)\b)"
)
# A role written before a name without a determiner ("HDU general secretary Tomas Ferrand",
# "union leader Mirela Sandu"): lower-case words that are not a clause's own function words.
_ROLE_WORD = (
    r"(?!(?:and|but|or|nor|then|so|as|while|when|after|before|because|if|though|although|"
    r"which|who|whom|that|this|it|to|of|in|on|at|for|with|by|from|not|also)\b)[a-z][\w'’-]*"
)
_ROLE_NAME = rf"(?:{_CAP}\s+){{0,4}}(?:{_ROLE_WORD}\s+){{1,4}}(?P<rolename>{NAME})"
# A body and a role before a name ("University of Lestra obesity researcher Ivo Telu").
_AFFILIATED_ROLE_NAME = re.compile(
    rf"{NAME}\s+(?:of|at|for)\s+(?:the\s+)?{NAME}\s+(?:{_ROLE_WORD}\s+){{1,4}}"
    rf"(?P<name>{NAME}){_NAME_END}"
)
# What stands between a quotation's end and its attribution: punctuation, and the second
# mark of a doubled closing quote ("…,'' Sollen said" in older agency copy).
_LEAD = r"[\s,.!?…—–'’-]*"
# A subject phrase holds no clause of its own ('"…" the allegation that Varenia had asked').
_NOT_CLAUSE = r"(?!(?:that|which|who|whom|whose|whether|if|because|when|while)\b)"
AFTER_VERB_FIRST = re.compile(
    rf"^{_LEAD}{_ADV}(?P<verb>{_VERB})\s+(?P<subj>{_PRONOUN}\b|(?![Tt]hat\s){_DET}\s[^,.;:!?\"“”«»]{{1,90}}?"
    rf"{_NP_END}|{_TITLED_NAME}{_NAME_END}|{NAME}{_NAME_END}|{_ROLE_NAME}{_NAME_END})"
    rf"(?P<appos>,\s+(?P<appname>{NAME})\s*(?=[.,;:!?]|$))?"
)
AFTER_SUBJECT_FIRST = re.compile(
    rf"^{_LEAD}(?:{_DET}\s[^,.;:!?\"“”«»]{{1,70}},\s+(?P<appname>{NAME}),?\s*"
    rf"|(?P<subj>{_PRONOUN}|it\b|(?P<subjname>{NAME}){_APPOSITION}?|{_ROLE_NAME}"
    rf"|{_DET}\s(?:{_NOT_CLAUSE}[\w'’-]+\s+){{0,6}}?)\s*)"
    rf"{_ADV}(?P<verb>{_VERB})\b"
)
# Reported speech without quotation marks: "Fair enough, said Okafor, who ...".
REPORTED_AFTER = re.compile(rf",\s+{_ADV}(?:{_VERB})\s+(?P<name>{NAME})(?=\s*[,.;])")
# What follows a name that speaks ("Pavlo told", "Pavlo, the inspector, said") and what
# comes before one ("said Pavlo").
SPEAKS_AFTER = re.compile(rf"(?:,[^,.;:!?]{{1,120}},)?\s+{_ADV}(?:{_VERB})\b")
SPEAKS_BEFORE = re.compile(rf"\b(?:{_VERB})\s+$")
# A sentence whose speaker is "he" or "she" ("…, he said.", "she added", "…, said he."; not
# "X said he would resign", where "he" is X).
PRONOUN_SPEAKS = {
    p: re.compile(
        rf"\b{p}\s+{_ADV}(?:{_VERB})\b|\b(?:{_VERB})\s+{p}\b(?=\s*(?:[,.;:!?]|$))", re.IGNORECASE
    )
    for p in ("he", "she")
}
ACCORDING_TO = re.compile(
    rf"\b[Aa]ccording\s+to\s+(?P<subj>{NAME}|{_DET}\s[^,.;:\"“”«»]{{1,80}}?)(?=\s*[,.;:])"
)
VERB_WORD = re.compile(rf"\b{_VERB}\b")
_QUOTED_AS = re.compile(
    rf"\bquoted\s+(?P<subj>{NAME}|{_DET}\s[^,.;:\"“”«»]{{1,60}}?)(?:,[^,\"“”«»]{{1,100}},)?"
    r"\s+as\s+(?:saying|telling|stating)\b"
)
# The agent of a passive reporting verb ("described by Okafor as", "quoted by the mayor as").
_PASSIVE_BY = re.compile(
    rf"\s+by\s+(?P<subj>{NAME}|{_DET}\s[^,.;:\"“”«»]{{1,60}}?)(?=\s+as\b|\s*[,:]|\s*$)"
)
_RELATIVE = re.compile(r",\s*(?:who|which|whose)\b[^,\"“”«»]*,\s*$")
# "a card that said", "the aide who told": the relative pronoun is no part of the speaker.
_RELATIVE_PRONOUN = re.compile(r"(?<=\w)\s+(?:that|which|who)\s*$")
# A passive auxiliary right before a reporting verb ("was told", "were also asked").
_PASSIVE = re.compile(rf"\b(?:is|are|was|were|be|been|being)\s+{_ADV}$")
# A sentence's connective is no part of the name after it ("But Ivo Telu, a spokesman, said").
_CONNECTIVE = r"(?:But|And|Yet|So|Then|Now|Still|Also)"
_NOT_CONNECTIVE = rf"(?!{_CONNECTIVE}\s)"
_SUBJECT_AT_END = (
    re.compile(rf"(?<![\w'’])(?P<subj>{_PRONOUN})\s*$"),
    # ("Mara Lindqvist, D-Var., the bill's sponsor,", "Ivo Telu, of Dask, Var., a pilot,": an
    # apposition that ends on an abbreviation goes on; "Var." is no name.)
    re.compile(
        rf"(?<![\w'’.-]){_NOT_CONNECTIVE}(?P<subj>{NAME})"
        rf"(?:{_APPOSITION}(?:(?<=\.,)\s+[a-z][^,\"“”«»]{{0,119}},)?)?\s*$"
    ),
    re.compile(rf"(?<![\w'’])(?P<subj>{_DET}\s[^,;:.!?\"“”«»]{{1,70}}?)\s*$"),
    re.compile(r"(?<![\w'’])(?P<subj>(?:[A-Z]\w+\s+)?[a-z]+s)\s*$"),
)
# People a sentence can open on without a determiner ("Western diplomats", "Top officials"):
# the capitalised word before them is an adjective, not a name.
_GROUP_NOUN = (
    r"(?:officials|diplomats|ministers|leaders|officers|sources|analysts|experts|residents|"
    r"witnesses|lawmakers|legislators|negotiators|delegates|spokesmen|executives|investigators|"
    r"prosecutors|authorities|members|workers|protesters|critics|observers|economists|"
    r"scientists|doctors|researchers|police|troops|soldiers|rebels|activists|campaigners)"
)
# A role of a named place or body ("Varenia's senior senator", "Dask's harbour master"): the
# possessor is not the subject, the role is.
_POSSESSED_ROLE = rf"{NAME}['’]s(?:\s+(?!(?:{_VERB})\b){_ROLE_WORD}){{1,4}}"
# A participle's phrase before the subject ("Asked about the delay, the mayor said"), however
# long: the participle is no name.
_PARTICIPLE_OPENING = (
    r"[A-Z][a-z]+(?:ed|ing)\s+(?:about|to|by|for|with|on|if|whether|what|why|how|in|at)\b"
    r"[^,\"“”«»]{0,100},\s+"
)
# A prepositional or time phrase before the subject ("In a speech she had called her last as
# treasurer, Vale thanked ...", "A day after the vote, Holm said"), however long.
_PREPOSITION_OPENING = (
    r"(?:In|On|At|After|Before|(?:An?|One|Two|Three|Several|Few|\d+)\s+(?:hour|day|week|month"
    r"|year)s?\s+(?:after|before|later))\b[^,\"“”«»]{0,120}?,\s+"
)
_SUBJECT_AT_START = re.compile(
    rf"[\s\"“”«»‘’]*(?:{_PARTICIPLE_OPENING}|{_PREPOSITION_OPENING}"
    rf"|[A-Z]\w*(?:\s+[\w'’-]+){{0,4}},\s+)?"
    # A noun phrase may hold a title's abbreviation ("a friend of Mrs. Lind's family").
    rf"(?P<subj>{_PRONOUN}\b|{_DET}\s[\w'’-]+(?:\s+(?:[A-Z][a-z]{{1,3}}\.|[\w'’-]+)){{0,7}}"
    rf"|(?:{_CAP}\s+){{1,2}}{_GROUP_NOUN}\b|{_POSSESSED_ROLE}\b|{NAME})"
)
_INSIDE_NP = re.compile(r"\b(?:of|for|at|from|with)\s+(?:the\s+)?$")
_NAME_THEN_APPOSITIONS = re.compile(
    rf"\s*(?:{_CONNECTIVE}\s+)?(?P<subj>{NAME}),\s+[a-z][^\"“”«»]*,\s*$"
)
_NAME_BEFORE_LINK = re.compile(
    rf"(?<![\w'’]){_NOT_CONNECTIVE}(?P<subj>{NAME})\s+(?:of|from|at|with)\s+(?:the\s+)?$"
)
_NAME_THEN_WHO = re.compile(rf"(?<![\w'’])(?P<subj>{NAME}),\s+who\s*$")
_NAME_WHO_SAID = re.compile(
    rf"(?<![\w'’])(?P<subj>{NAME}),\s+who\s+{_ADV}(?:{_VERB})\s+(?:that\s+)?(?:he|she)\s*$"
)
_IT_AT_END = re.compile(r"(?<![\w'’])(?P<subj>[Ii]t)\s*$")
_NAME_AT_END = re.compile(rf"(?<![\w'’])(?P<subj>{NAME})\s*$")
_TRAILING_ADV = re.compile(rf"(?:\s+{_ADV_WORD})+$")


@dataclass(frozen=True, slots=True)
class Cue:
    """An attribution found in text: the speaker phrase ``[start, end)`` and the verb."""

    start: int
    end: int
    verb: str


def after(text: str, start: int, end: int) -> Cue | None:
    """Attribution right after a quote, in ``text[start:end]`` (", he said", "said Holm")."""
    window = text[start:end]
    m = AFTER_SUBJECT_FIRST.match(window)
    if m and m.group("subj") == "it":
        # '"...," it said': a body or a document speaks, never a person.
        return Cue(start + m.start("subj"), start + m.end("subj"), m.group("verb"))
    if m and m.group("appname"):
        # "…," the bank's governor, Marek Olsen, said: the name in the apposition.
        return Cue(start + m.start("appname"), start + m.end("appname"), m.group("verb"))
    if m and m.group("rolename") and not _bare_title(m.group("rolename")):
        # "…," HDU general secretary Tomas Ferrand told reporters: the name after the role
        # (but in "…," the Minister told reporters, "Minister" is the role itself).
        return Cue(start + m.start("rolename"), start + m.end("rolename"), m.group("verb"))
    if m and m.group("subjname") and plausible_subject(m.group("subjname")):
        # "…," Dan Pavlo, an agent with the customs service, said: the name, not its role.
        return Cue(start + m.start("subjname"), start + m.end("subjname"), m.group("verb"))
    if m and plausible_subject(m.group("subj")):
        s, e = _strip(window, m.start("subj"), m.end("subj"))
        return Cue(start + s, start + e, m.group("verb"))
    m = AFTER_VERB_FIRST.match(window)
    affiliated = _AFFILIATED_ROLE_NAME.match(window, m.start("subj")) if m else None
    if m and affiliated:
        # "…," said University of Lestra harbour researcher Ivo Telu: the name after the role.
        s, e = affiliated.span("name")
        return Cue(start + s, start + e, m.group("verb"))
    if (
        m
        and m.group("rolename")
        and not m.group("appname")
        and not _bare_title(m.group("rolename"))
    ):
        return Cue(start + m.start("rolename"), start + m.end("rolename"), m.group("verb"))
    if m:
        if m.group("appname") and not m.group("subj")[:1].isupper():
            return Cue(start + m.start("appname"), start + m.end("appname"), m.group("verb"))
        s, e = _strip(window, m.start("subj"), m.end("subj"))
        if calendar_phrase(window[s:e]):
            return None  # '..., said Tuesday': a day speaks for no one
        return Cue(start + s, start + e, m.group("verb"))
    return None


def before(text: str, start: int, end: int) -> Cue | None:
    """Attribution before a quote within ``text[start:end]`` (the quote's clause so far).

    The last reporting verb before the quote wins; its subject is the phrase right before it,
    or ``Cue(-1, -1, verb)`` when the verb has none of its own ("…and said", "…, saying").
    """
    window = text[start:end]
    quoted = next(reversed(list(_QUOTED_AS.finditer(window))), None)
    if quoted is not None:
        # "The daily quoted Tove Arnell, the minister, as saying": the one quoted speaks.
        return Cue(start + quoted.start("subj"), start + quoted.end("subj"), "quoted")
    verbs = list(VERB_WORD.finditer(window))
    if not verbs:
        m = ACCORDING_TO.search(window)
        if m:
            return Cue(start + m.start("subj"), start + m.end("subj"), "according to")
        # "Sand was less sure: "…"": a colon introduces the subject's words.
        return Cue(-1, -1, ":") if window.rstrip().endswith(":") else None
    cue = None
    for verb in reversed(verbs):
        # A participle ("…, Haag said, adding that") has the subject of the verb before it.
        if verb.group(0).endswith("ing"):
            continue
        by = _PASSIVE_BY.match(window, verb.end()) if verb.group(0).endswith("ed") else None
        if by:
            # "The plan, described by Okafor as "…"": the speaker is the agent, not the plan.
            return Cue(start + by.start("subj"), start + by.end("subj"), verb.group(0))
        if _PASSIVE.search(window, 0, verb.start()):
            # "One award was announced: X was honoured for his "…"", "Telu was told "…"":
            # the subject of a passive is what was said or who heard it, not who spoke.
            return None
        cue = _subject_of(window, verb.start())
        break
    if cue is None:
        return Cue(-1, -1, verbs[-1].group(0))
    return Cue(start + cue[0], start + cue[1], verbs[-1].group(0))


def _bare_title(phrase: str) -> bool:
    """Whether ``phrase`` is only title words ("Minister", "Deputy Director")."""
    return all(is_title(w) for w in phrase.split())


def _subject_of(window: str, verb_start: int) -> tuple[int, int] | None:
    """The subject written right before a verb at ``verb_start`` of ``window``."""
    head = _DASH_ASIDE.sub("", window[:verb_start])
    head = _TRAILING_ADV.sub("", head.rstrip()) if head.strip() else head
    head = _RELATIVE.sub("", head)
    head = _RELATIVE_PRONOUN.sub("", head) if not _NAME_THEN_WHO.search(head) else head
    who = _NAME_THEN_WHO.search(head) or _NAME_WHO_SAID.search(head)
    if who:
        # "…, a writer, Lena Strand, who wrote that …": the relative's name; so is "she" in
        # "Reggie Vane, who said she told the victim, "…"".
        return who.start("subj"), who.end("subj")
    it = _IT_AT_END.search(head)
    if it:
        # "citing what it called "…"": a body or a document speaks (resolved later).
        return it.start("subj"), it.end("subj")
    bare = head.rstrip().rstrip(",")
    pronoun, name_apposition, role, plural = _SUBJECT_AT_END
    tries = ((pronoun, bare), (name_apposition, head), (_NAME_AT_END, bare), (role, head),
             (plural, head))  # fmt: skip
    for pattern, text in tries:
        m = pattern.search(text)
        if m and pattern is name_apposition and _INSIDE_NP.search(text, 0, m.start("subj")):
            # "Lena Strand, director of the Open Software Association, a trade group, said":
            # the name after "of" is inside the apposition; the subject opens the clause.
            m = _NAME_THEN_APPOSITIONS.match(text) or m
        if m and pattern in (name_apposition, _NAME_AT_END):
            # "Dr. Ivo Telu of the Institute of Harbour Health said": the name before "of".
            owned = False
            while owner := _NAME_BEFORE_LINK.search(text, 0, m.start("subj")):
                if _bare_title(owner.group("subj")):
                    # "Director of the Harbour Movement Stephen Vell said": the title and
                    # its portfolio, then the name; the speaker is the whole phrase.
                    return owner.start("subj"), m.end("subj")
                m, owned = owner, True
            if not owned and _AFTER_PREPOSITION.search(text, 0, m.start("subj")):
                # "A spokesman of Lestra Bank said": the phrase that holds the name speaks.
                holder = _HOLDS_NAME.search(text, 0, m.start("subj"))
                if holder is None:
                    continue
                return holder.start(), m.end("subj")
        if m and plausible_subject(m.group("subj")):
            start = _role_start(text, m.start("subj"), m.end("subj")) if pattern is role else None
            return _strip(text, m.start("subj") if start is None else start, m.end("subj"))
    return None


# An aside between dashes before the verb ("Telu _ who wore a harbour coat _ said"; older wire
# copy types a dash as an underscore).
_DASH_ASIDE = re.compile(r"\s+(?:_|—|–|--)\s[^_—–\"“”«»]{1,120}?\s(?:_|—|–|--)\s*$")
# A name right after a preposition is inside a noun phrase ("The source in Dask"): the
# subject is the phrase, unless a name owns it (see ``_NAME_BEFORE_LINK``).
_AFTER_PREPOSITION = re.compile(r"\b(?:in|of|for|at|from|with|near)\s+(?:the\s+)?$")
_HOLDS_NAME = re.compile(
    r"(?<![\w'’])(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w'’-]+\s+){1,3}?"
    r"(?:in|of|for|at|from|with|near)\s+(?:the\s+)?$"
)

_DET_WORD = re.compile(rf"(?<![\w'’]){_DET}\s")
# Words that tie a noun phrase to the one before it ("the chairman of the union").
_NP_LINK = re.compile(r"\b(?:of|for|at|from|to|in|on|with)\s+$")


def _role_start(text: str, start: int, end: int) -> int | None:
    """Where the role phrase ``text[start:end]`` really starts: its last determiner, extended
    back over "of"-like links ("the chairman of the union"). The first determiner of a long
    run ("an attempt to force the council out of what the federation") is too far."""
    dets = [m.start() for m in _DET_WORD.finditer(text, start, end)]
    if len(dets) < 2:
        return None
    k = len(dets) - 1
    while k > 0 and _NP_LINK.search(text, dets[k - 1], dets[k]):
        between = text[dets[k - 1] : dets[k]]
        if len(between.split()) > 5:
            break
        k -= 1
    return dets[k]


def sentence_subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject that opens the sentence ``text[start:end]``, as offsets (after an
    agency dateline, which speaks for no one)."""
    sentence = text[start:end]
    start += len(sentence) - len(strip_dateline(sentence))
    m = _NAME_THEN_ROLE.match(text, start, end)
    if m is None or not plausible_subject(m.group("subj")):
        m = _SUBJECT_AT_START.match(text, start, end)
    if not m:
        return None
    s, e = m.start("subj"), m.end("subj")
    if _DET_START.match(text, s, e):
        # "The magistrate faced Holm and declared": a noun phrase ends where its clause's
        # verb, a relative or a coordination begins, not six words on.
        cut = _PHRASE_END.search(text, s, e)
        e = cut.start() if cut else e
    if not plausible_subject(text[s:e]):
        return None
    s, e = _strip(text, s, e)
    return (s, e) if e > s else None


_DET_START = re.compile(_DET + r"\s")
# "Velder, the owner of Lestra Mills, made ...": the name, not its apposition.
_NAME_THEN_ROLE = re.compile(
    rf"[\s\"“”«»‘’]*(?P<subj>{NAME}),\s+(?:the|a|an)\s[^,;:\"“”«»]{{1,100}},\s"
)
# What ends a subject noun phrase: a relative pronoun, a coordination, or a verb (an
# auxiliary, a lower-case past form, a reporting verb).
_PHRASE_END = re.compile(
    r"\s(?:who|which|that|whose|and|or|but|is|are|was|were|has|have|had|do|does|did|will"
    rf"|would|could|should|may|might|can|must|[a-z]{{3,}}ed|(?:{_VERB}))\b"
)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,\t\n":
        start += 1
    while end > start and text[end - 1] in " ,\t\n":
        end -= 1
    return start, end


_COPULAS = frozenset({"is", "are", "was", "were"})
# Words that are no subject on their own (some end in "s" like a plural noun: "is", "has").
_NOT_ALONE = _COPULAS | frozenset(
    "the a an has does his its us as thus yes perhaps always sometimes whereas".split()
)
_CONTRACTED_IS = re.compile(r"['’]s$")
_NOT_SUBJECTS = frozenset(
    """it this that there which what who but and or so if as when while because i no not yes
    yet then now here although though since for from in on at by with after before instead
    however meanwhile also still later earlier today yesterday thus therefore moreover amid
    amidst despite during under among against following throughout across toward towards upon
    until unless unlike""".split()
)


_COORDINATORS = frozenset({"and", "or", "but", "then"})


def calendar_phrase(phrase: str) -> bool:
    """Whether ``phrase`` opens on a day or month ("Tuesday at the conference"), not on a
    name that looks like one ("Jan Ostby", "May Holm")."""
    words = phrase.split()
    return (
        bool(words)
        and words[0].lower() in CALENDAR_WORDS
        and not (len(words) > 1 and words[1][:1].isupper())
    )


def plausible_subject(subject: str) -> bool:
    words = subject.split()
    if not words or words[0].lower() in CALENDAR_WORDS:
        # "PARIS, September 19 -- ...": a dateline's month or a weekday speaks for no one.
        return False
    if words[-1].lower() in _COORDINATORS:
        # "Holm climbed onto the cart and shouted": the verb shares the clause's subject.
        return False
    first = _CONTRACTED_IS.sub("", words[0].lower())
    if first != words[0].lower() and first in _NOT_SUBJECTS:
        # "That's why I tell my clients: ...": "that is" opens no speaker.
        return False
    if len(words) == 1:
        return words[0].lower() not in _NOT_SUBJECTS | _NOT_ALONE
    # "In the region it is still called ..." reads "the region it is": a noun phrase holds
    # no subject pronoun after its first word, and no "is".
    rest = {w.lower() for w in words[1:]}
    return words[0].lower() not in _NOT_SUBJECTS and not rest & (PRONOUNS | _COPULAS)
