"""Is a text in English? A conservative check, so that English-only analysis is not run on
other languages.

storyline's analysis reads English: its entity model, quote attribution, time expressions and
sentence trimming are English grammar. Run on a German page it lists "Behandlung" and
"Abrufen" as people. So a text clearly in another language is set aside with a reason instead.

Two cues, both cheap and both data about languages, not about any text:

- the script of the letters: a text whose letters are mostly not Latin (Cyrillic, Greek,
  Arabic, Han, Hangul...) is not English;
- function words: in prose of any language the commonest words are its grammatical words, so
  a Latin-script text whose tokens hold many more of another language's function words than
  of English's is in that language.

A text is judged only on enough evidence (a score table or a list of names holds few function
words of any language); when in doubt it counts as English.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

#: Letters read to judge the script, and Latin-script tokens read to judge the language.
_SAMPLE_LETTERS = 4000
_SAMPLE_TOKENS = 1500
#: The fewest letters or tokens a judgement needs.
_MIN_LETTERS = 100
_MIN_TOKENS = 40
#: Another language's function words must be at least this share of the tokens and this many
#: times English's.
_MIN_SHARE = 0.10
_RATIO = 3.0

# The commonest grammatical words of each language, left out where they are also English
# words ("in", "was", "die", "per", "men", "son") or where a short form is a word in many
# languages ("a", "i", "o").
_ENGLISH = frozenset(
    "the and of to that with for are this have has were it be by from which but not they their"
    " he she said would been his her who its there after about".split()
)
_FUNCTION_WORDS = {
    "German": "der und das ist nicht sich des auf für dem den ein eine einer auch es im wird"
    " werden zu bei nach oder sind wir sie ich",
    "French": "le la les et des est une du pour dans qui que pas sur au avec ce il elle sont nous"
    " vous mais ou aux cette été",
    "Spanish": "el la los las y de del que en por con una para es se su lo como más pero sus fue"
    " este esta ha",
    "Portuguese": "os e de da dos das que em um uma para com não por na se mais foi ao é seu sua"
    " são",
    "Italian": "il la le e di che del della un una non con sono è nel nella gli alla anche più"
    " dei delle ha questo",
    "Dutch": "de het een en van dat niet op te zijn voor ook aan maar om bij naar wordt worden"
    " werd hij zij",
    "Indonesian or Malay": "yang dan di ini itu dengan untuk dari dalam tidak akan pada adalah"
    " juga ke karena ada oleh kita saya bisa atau sudah mereka",
    "Turkish": "ve bir bu için ile olarak çok daha gibi olan ama ne değil sonra kadar",
    "Polish": "w z na się nie że jest jak po od przez dla za jego są tak czy",
    "Swedish": "och att det som en är på för med av den till har inte om ett var jag de sig kan"
    " från",
    "Danish or Norwegian": "og er det til som på en med av ikke har den de om et var fra jeg"
    " kan vi skal",
}
_WORDS = {name: frozenset(text.split()) for name, text in _FUNCTION_WORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Links are read by no one ("amzn.to/..." is not the English "to").
_LINK = re.compile(r"\b(?:https?://|www\.)\S+|\b\S+\.(?:to|com|org|net|ly|be)/\S*")

# Scripts named by the first word of a letter's Unicode name.
_SCRIPT_NAMES = {
    "CJK": "Chinese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "CYRILLIC": "Cyrillic script",
    "GREEK": "Greek",
    "ARABIC": "Arabic script",
    "HEBREW": "Hebrew",
    "DEVANAGARI": "Devanagari script",
    "THAI": "Thai",
}


# Letters below U+0250 whose Unicode name is not "LATIN ...".
_NOT_LATIN = frozenset("ªºµ")


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def foreign_language(text: str) -> str | None:
    """The language (or script) ``text`` is clearly written in when that is not English;
    ``None`` for English and whenever the evidence is thin.

    The name is a language ("German"), a script ("Cyrillic script"), or "another language"
    when close languages cannot be told apart.
    """
    letters = [c for c in text[: _SAMPLE_LETTERS * 4] if c.isalpha()][:_SAMPLE_LETTERS]
    if len(letters) >= _MIN_LETTERS:
        # Latin letters by their code point, the rest by their Unicode name (slow).
        scripts = Counter(
            "LATIN" if c < "\u0250" and c not in _NOT_LATIN else _script(c) for c in letters
        )
        latin = scripts.pop("LATIN", 0)
        if scripts and latin < len(letters) / 2:
            # Japanese writes Han characters and kana together.
            if scripts["HIRAGANA"] + scripts["KATAKANA"] > len(letters) / 20:
                return "Japanese"
            top = scripts.most_common(1)[0][0]
            return _SCRIPT_NAMES.get(top, "a script other than Latin")
    sample = _LINK.sub(" ", text[: _SAMPLE_TOKENS * 12])
    tokens = [t.casefold() for t in _TOKEN.findall(sample)][:_SAMPLE_TOKENS]
    if len(tokens) < _MIN_TOKENS:
        return None
    seen = Counter(tokens)
    english = sum(seen[w] for w in _ENGLISH)
    counts = {name: sum(seen[w] for w in found) for name, found in _WORDS.items()}
    (name, best), (_, second) = sorted(counts.items(), key=lambda item: -item[1])[:2]
    if best < _MIN_SHARE * len(tokens) or best < _RATIO * max(english, 1):
        return None
    # Close languages share words ("que", "de"): name one only when it stands out.
    return name if best >= 1.5 * second else "another language"
