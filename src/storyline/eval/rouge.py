"""ROUGE recall as NIST computed it for DUC (ROUGE-1.5.5 ``-m -2 4 -u -f A``).

What is reproduced, and why each detail matters for matching published figures:

- tokens: lowercase, every run of non-alphanumeric characters is a separator (rouge-score's
  tokenizer, which copies ROUGE-1.5.5's), no stop-word removal;
- stemming: tokens longer than 3 characters go through WordNet's irregular-form table first
  (``were`` -> ``be``, ``left`` -> ``leave``) and otherwise through the Porter stemmer *as
  shipped in ROUGE-1.5.5* (the Perl "Release 1" variant with ``bli``/``logi`` rules and
  Chin-Yew Lin's change to the ``-ement``/``-ment``/``-ent`` step). NLTK's Porter stemmer
  differs on a few hundred common words, enough to move per-summary scores by up to 0.009;
- several references are pooled: hits and n-gram counts are summed over references before
  dividing (``-f A``);
- ROUGE-SU4 counts skip-bigrams with at most 4 words between the pair, plus unigrams, but not
  the unigram of the last token (a quirk of ROUGE-1.5.5's loop);
- :func:`nist_average` reproduces the averages NIST published: ROUGE-1.5.5 reports the mean of
  its 1000 bootstrap resamples (seeded with Perl's ``srand(i)``), not the plain mean.

The WordNet table is read from the data file that the ``py-rouge`` package ships; without it
stemming is Porter-only and DUC 2006 averages differ from NIST's by up to 0.0009.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
from rouge_score import tokenize as rouge_score_tokenize

_Gram = TypeVar("_Gram")
SKIP_GAP = 4  # ROUGE-SU4: at most 4 words between the two words of a skip-bigram

# --- Porter stemmer as in ROUGE-1.5.5 (Perl "Release 1" with CYL's step-4 change) -----------
_c, _v = "[^aeiou]", "[aeiouy]"
_C, _V = _c + "[^aeiouy]*", _v + "[aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")  # measure m > 0
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")  # m == 1
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")  # m > 1
_HAS_VOWEL = re.compile(f"^({_C})?{_v}")
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")
_STEP2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP3 = {
    "icate": "ic",
    "ative": "",
    "alize": "al",
    "iciti": "ic",
    "ical": "ic",
    "ful": "",
    "ness": "",
}
# Alternations anchored at $ pick the leftmost, i.e. longest, suffix, as Perl does.
_STEP2_RE = re.compile("(" + "|".join(_STEP2) + ")$")
_STEP3_RE = re.compile("(" + "|".join(_STEP3) + ")$")
_STEP4_RE = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def porter_stem(word: str) -> str:
    """Stem a lowercase word exactly as ROUGE-1.5.5's embedded Perl Porter stemmer does."""
    if len(word) < 3:
        return word
    w = "Y" + word[1:] if word[0] == "y" else word  # an initial y is a consonant
    if (m := re.search("(ss|i)es$", w)) or (m := re.search("([^s])s$", w)):
        w = w[: m.start()] + m.group(1)
    if w.endswith("eed"):
        if _MGR0.search(w[:-3]):
            w = w[:-1]
    elif (m := re.search("(ed|ing)$", w)) and _HAS_VOWEL.search(w[: m.start()]):
        w = w[: m.start()]
        if re.search("(at|bl|iz)$", w):
            w += "e"
        elif re.search(r"([^aeiouylsz])\1$", w):
            w = w[:-1]
        elif _CVC.search(w):
            w += "e"
    if w.endswith("y") and _HAS_VOWEL.search(w[:-1]):
        w = w[:-1] + "i"
    if (m := _STEP2_RE.search(w)) and _MGR0.search(w[: m.start()]):
        w = w[: m.start()] + _STEP2[m.group(1)]
    if (m := _STEP3_RE.search(w)) and _MGR0.search(w[: m.start()]):
        w = w[: m.start()] + _STEP3[m.group(1)]
    # Step 4 as modified by Chin-Yew Lin: the rules run one after another, not exclusively.
    if (m := _STEP4_RE.search(w)) and _MGR1.search(w[: m.start()]):
        w = w[: m.start()]
    if w.endswith("ment") and _MGR1.search(w[:-4]):
        w = w[:-4]
    if w.endswith("ent"):
        if _MGR1.search(w[:-3]):
            w = w[:-3]
    elif (m := re.search("(s|t)(ion)$", w)) and _MGR1.search(w[: m.start(2)]):
        w = w[: m.start(2)]
    if w.endswith("e"):
        stem = w[:-1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    return "y" + w[1:] if w[0] == "Y" else w


@functools.cache
def wordnet_exceptions(path: Path | None = None) -> Mapping[str, str]:
    """WordNet 2.0 irregular forms (``children`` -> ``child``) used by ROUGE-1.5.5's ``-m``.

    Read from ``path`` or from the ``wordnet_key_value.txt`` file of the installed ``py-rouge``
    package; an empty mapping when neither exists.
    """
    if path is None:
        # find_spec locates the package without importing it (its __init__ needs extras).
        spec = importlib.util.find_spec("rouge")
        folders = list(spec.submodule_search_locations or []) if spec else []
        candidates = [Path(folder) / "wordnet_key_value.txt" for folder in folders]
        path = next((p for p in candidates if p.is_file()), None)
        if path is None:
            return {}
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("|")
        if sep:
            table[key] = value
    return table


class NistStemmer:
    """ROUGE-1.5.5's ``-m`` stemming: WordNet irregular forms, then its Porter stemmer."""

    def __init__(self, *, exceptions: Mapping[str, str] | None = None) -> None:
        self.exceptions = wordnet_exceptions() if exceptions is None else exceptions
        self._cache: dict[str, str] = {}

    def stem(self, word: str) -> str:
        """Stem of ``word`` (cached: summaries repeat words a lot)."""
        stem = self._cache.get(word)
        if stem is None:
            stem = self.exceptions.get(word) or porter_stem(word)
            self._cache[word] = stem
        return stem


@functools.cache
def default_stemmer() -> NistStemmer:
    """The shared stemmer (one cache for the whole process)."""
    return NistStemmer()


def first_words(text: str, words: int | None) -> str:
    """The first ``words`` whitespace-separated words of ``text`` (all of it when None)."""
    if words is None:
        return text
    return " ".join(text.split()[:words])


def nist_tokens(text: str, *, stem: bool = True) -> list[str]:
    """Tokens as ROUGE-1.5.5 counts them (lowercase alphanumeric runs, optionally stemmed)."""
    return list(rouge_score_tokenize.tokenize(text, default_stemmer() if stem else None))


@dataclass(frozen=True)
class Profile:
    """The n-gram counts of one text: unigrams, bigrams and SU4 units."""

    unigrams: Counter[str]
    bigrams: Counter[tuple[str, str]]
    su4: Counter[tuple[str, ...]]

    @classmethod
    def from_tokens(cls, tokens: Sequence[str]) -> Profile:
        """Counts from already tokenized text."""
        su4: Counter[tuple[str, ...]] = Counter()
        # ROUGE-1.5.5 loops i < last index, so the last token's unigram is never counted.
        for i in range(len(tokens) - 1):
            su4[(tokens[i],)] += 1
            for j in range(i + 1, min(len(tokens), i + SKIP_GAP + 2)):
                su4[(tokens[i], tokens[j])] += 1
        return cls(Counter(tokens), Counter(itertools.pairwise(tokens)), su4)

    @classmethod
    def from_text(cls, text: str, *, words: int | None = None, stem: bool = True) -> Profile:
        """Counts of the first ``words`` words of ``text``."""
        return cls.from_tokens(nist_tokens(first_words(text, words), stem=stem))


@dataclass(frozen=True)
class RougeScores:
    """ROUGE recall of one summary (0..1)."""

    rouge_1: float
    rouge_2: float
    rouge_su4: float

    @staticmethod
    def mean(scores: Iterable[RougeScores]) -> RougeScores:
        """Component-wise mean (zeros for no scores)."""
        items = list(scores)
        if not items:
            return RougeScores(0.0, 0.0, 0.0)
        n = len(items)
        return RougeScores(
            sum(s.rouge_1 for s in items) / n,
            sum(s.rouge_2 for s in items) / n,
            sum(s.rouge_su4 for s in items) / n,
        )


def _pooled(peer: Counter[_Gram], references: Sequence[Counter[_Gram]]) -> float:
    hits = count = 0
    for reference in references:
        hits += sum(min(n, peer[gram]) for gram, n in reference.items() if gram in peer)
        count += reference.total()
    return hits / count if count else 0.0


def pooled_recall(peer: Profile, references: Sequence[Profile]) -> RougeScores:
    """Recall of ``peer`` against all ``references`` pooled (sum of hits / sum of counts)."""
    return RougeScores(
        _pooled(peer.unigrams, [r.unigrams for r in references]),
        _pooled(peer.bigrams, [r.bigrams for r in references]),
        _pooled(peer.su4, [r.su4 for r in references]),
    )


def jackknife_recall(peer: Profile, references: Sequence[Profile]) -> RougeScores:
    """Mean of the pooled recalls against each leave-one-out subset of ``references``.

    This is how NIST scored systems so that they compare with human summaries, which can only
    be scored against the other references. With one reference it is the pooled recall.
    """
    if len(references) < 2:
        return pooled_recall(peer, references)
    subsets = [[r for j, r in enumerate(references) if j != i] for i in range(len(references))]
    return RougeScores.mean(pooled_recall(peer, subset) for subset in subsets)


def score(
    summary: str,
    references: Sequence[str],
    *,
    words: int | None = None,
    stem: bool = True,
    jackknife: bool = False,
) -> RougeScores:
    """ROUGE-1/2/SU4 recall of the first ``words`` words of ``summary``.

    References are not truncated (NIST's DUC runs truncated only the peers).
    """
    peer = Profile.from_text(summary, words=words, stem=stem)
    refs = [Profile.from_text(r, stem=stem) for r in references]
    return jackknife_recall(peer, refs) if jackknife else pooled_recall(peer, refs)


_DRAND48_A, _DRAND48_C, _DRAND48_MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1


@functools.lru_cache(maxsize=8)
def _bootstrap_indices(n: int, resamples: int) -> np.ndarray:
    """Indices ROUGE-1.5.5 draws: resample ``i`` uses Perl's ``srand(i)``, i.e. drand48."""
    # uint64 products wrap modulo 2**64, and 2**48 divides that, so masking gives drand48.
    state = (np.arange(resamples, dtype=np.uint64) << np.uint64(16)) + np.uint64(0x330E)
    indices = np.empty((resamples, n), dtype=np.int64)
    for k in range(n):
        state = (state * np.uint64(_DRAND48_A) + np.uint64(_DRAND48_C)) & np.uint64(_DRAND48_MASK)
        indices[:, k] = (n * (state.astype(np.float64) / 2.0**48)).astype(np.int64)
    return indices


def nist_average(per_evaluation: Mapping[str, float], *, resamples: int = 1000) -> float:
    """The average ROUGE-1.5.5 prints for per-evaluation recalls keyed by evaluation id.

    ROUGE-1.5.5 rounds each evaluation to 5 decimals, sorts the evaluation ids as strings, and
    reports the mean of ``resamples`` bootstrap means, resample ``i`` drawing from Perl's
    ``srand(i)`` (the drand48 generator). This differs from the plain mean by up to ~0.001 when
    there are few evaluations, so published figures only reproduce this way.
    """
    values = np.array([round(per_evaluation[key], 5) for key in sorted(per_evaluation)])
    if not len(values):
        return 0.0
    samples = values[_bootstrap_indices(len(values), resamples)].mean(axis=1)
    return round(float(samples.mean()), 5)
