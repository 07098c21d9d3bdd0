"""Boilerplate removal for plain text: ``clean_text`` and ``clean_many``.

How a text is cleaned:

1. it is split into blocks (lines, or paragraphs of hard-wrapped text);
2. every block gets features (:mod:`storyline.clean.features`) and a probability of being
   article text from the block classifier (:mod:`storyline.clean.model`);
3. the article is taken to be one main run of blocks: the run that maximises the summed
   ``(p - t) * sqrt(length)``, where ``t`` is a fraction of the page's best score (a page
   whose article the classifier doubts is still cleaned relative to its best text). Inside the
   run, blocks with a modest score are kept; outside it only confident ones are;
4. shape rules (:mod:`storyline.clean.rules`) remove copyright lines, bare dates, bylines,
   photo credits, tag lists and appeals to the reader (a block opening with a command such as
   "Subscribe" or "Read more:", or a page speaking as "we" that asks the reader to act)
   whatever the classifier says; the caption beside a credit goes with it; short closing
   lines that name the page's own outlet or author (a sign-off, a syndication note, a
   biography) go too; the headline is removed and returned as ``title``; repeated
   paragraphs are kept once;
5. ``clean_many`` also removes lines that recur across *different* articles of its input (an
   outlet's newsletter prompt), while articles that largely share text (syndicated copies of
   one wire story) do not count as evidence against each other.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from storyline.clean import rules, shapes
from storyline.clean.blocks import Block, normalise, split_blocks
from storyline.clean.features import block_features
from storyline.clean.model import load_model
from storyline.clean.result import Cleaned, Removal

# Decoding settings, tuned on the benchmark's dev split (scripts/train_cleaner.py --cv).
REGION_SHARE = 0.3  # main-run threshold, as a share of the page's best block score
INSIDE_SHARE = 0.5  # inside the run, keep blocks scoring above this share of that threshold
OUTSIDE_SCORE = 0.7  # outside the run, keep blocks scoring above this

# Cross-article statistics (clean_many).
_COPY_SHARE = 0.5  # articles sharing this share of their text are copies of one story
# ... or this share of their word 4-grams: a republished copy edited into another spelling
# ("labour" -> "labor") shares few paragraphs word for word, but most of its 4-grams.
_COPY_SHINGLES = 0.5
_SHINGLE = 4
_MIN_SHARED_CHARS = 40  # only paragraphs this long count towards "copies"
_BOILERPLATE_WORDS = 25  # longer sentences need three unrelated articles to count as boilerplate
# A repeated block is a duplicate when it is a paragraph printed twice or when its copies are
# close together (a caption printed twice). Short lines repeated far apart, and paragraphs that
# recur three times or more (the recurring question of a series of interviews), are left to
# the classifier.
_DUPLICATE_WORDS = 15
_DUPLICATE_GAP = 3


@dataclass(frozen=True, slots=True)
class Analysis:
    """A text's blocks, its headline block (if any) and the features of every block."""

    text: str
    blocks: tuple[Block, ...]
    headline: int | None
    features: NDArray[np.float64]


def analyse(text: str, title: str | None = None) -> Analysis:
    """Blocks, headline and features of ``text`` (also used to train the classifier)."""
    blocks = tuple(split_blocks(text))
    headline = rules.find_headline(blocks, title)
    if title is None and headline is not None:
        title = blocks[headline].text
    return Analysis(text, blocks, headline, block_features(blocks, title))


def main_run(
    scores: NDArray[np.float64], weights: NDArray[np.float64], threshold: float
) -> tuple[int, int]:
    """``[start, end)`` of the run of blocks maximising ``sum((score - threshold) * weight)``."""
    best, total, start = -math.inf, 0.0, 0
    run = (0, 0)
    for index, gain in enumerate((scores - threshold) * weights):
        if total <= 0:
            total, start = 0.0, index
        total += float(gain)
        if total > best:
            best, run = total, (start, index + 1)
    return run


def keep_mask(
    scores: NDArray[np.float64], lengths: NDArray[np.float64]
) -> tuple[NDArray[np.bool_], tuple[int, int]]:
    """Which blocks to keep, and the main run (see the module docstring)."""
    if len(scores) == 0:
        return np.zeros(0, dtype=bool), (0, 0)
    threshold = REGION_SHARE * float(scores.max())
    start, end = main_run(scores, np.sqrt(lengths), threshold)
    inside = np.zeros(len(scores), dtype=bool)
    inside[start:end] = True
    keep = np.where(inside, scores > INSIDE_SHARE * threshold, scores > OUTSIDE_SCORE)
    return keep, (start, end)


def _key(text: str) -> str:
    return " ".join(shapes.words(text.lower()))


def _assemble(
    analysis: Analysis,
    scores: NDArray[np.float64],
    shared: set[int],
    title: str | None,
    names: set[str] | None = None,
) -> Cleaned:
    blocks = analysis.blocks
    lengths = np.array([len(b.text) for b in blocks], dtype=np.float64)
    keep, (start, end) = keep_mask(scores, lengths)
    kept: list[str] = []
    removed: list[Removal] = []
    seen: dict[str, int] = {}
    keys = [_key(block.text) for block in blocks]
    counts = Counter(keys)
    for index, block in enumerate(blocks):
        key = keys[index]
        reason: str | None = None
        if index == analysis.headline:
            reason = rules.HEADLINE
        elif index in shared:
            reason = rules.SITE_BOILERPLATE
        elif not key:
            reason = rules.SHORT
        else:
            reason = rules.sure_reason(normalise(block.text))
        if reason is None and not keep[index]:
            outside = not start <= index < end
            reason = rules.reason_for(
                normalise(block.text), group_size=block.group_size, outside=outside
            )
        if reason is None and key in seen:
            paragraph = len(key.split()) >= _DUPLICATE_WORDS and counts[key] == 2
            if paragraph or index - seen[key] <= _DUPLICATE_GAP:
                reason = rules.DUPLICATE
        if reason is None:
            seen[key] = index
            kept.append(normalise(block.text))
        else:
            removed.append(
                Removal(block.start, block.end, analysis.text[block.start : block.end], reason)
            )
    removed = _captions(analysis, removed)
    removed = _tail(analysis, removed, names)
    kept = [normalise(b.text) for b in blocks if b.start not in {r.start for r in removed}]
    headline = title
    if headline is None and analysis.headline is not None:
        headline = normalise(blocks[analysis.headline].text)
    return Cleaned("\n\n".join(kept), tuple(removed), headline)


_TAIL_BLOCKS = 4


def _tail(analysis: Analysis, removed: list[Removal], names: set[str] | None) -> list[Removal]:
    """Remove the short lines at the end of the text that name the page's own outlet or
    author (found in its credit lines, or given): sign-offs, syndication notes, biographies."""
    blocks = analysis.blocks
    gone = {r.start for r in removed}
    names = set(names or ()) | rules.own_names(
        [r.text for r in removed if r.reason in (rules.COPYRIGHT, rules.BYLINE, rules.PHOTO_CREDIT)]
    )
    kept = [i for i, b in enumerate(blocks) if b.start not in gone and i != analysis.headline]
    extra = [
        Removal(blocks[i].start, blocks[i].end, blocks[i].text, rules.ABOUT)
        for i in kept[max(1, len(kept) - _TAIL_BLOCKS) :]
        if rules.names_itself(normalise(blocks[i].text), names)
    ]
    return sorted([*removed, *extra], key=lambda r: r.start)


def _captions(analysis: Analysis, removed: list[Removal]) -> list[Removal]:
    """Also remove the caption beside each picture credit: the short block just before the
    credit (or, when that one is gone or too long, just after it)."""
    blocks = analysis.blocks
    gone = {r.start: r for r in removed}
    extra: list[Removal] = []
    for index, block in enumerate(blocks):
        if gone.get(block.start) is None or gone[block.start].reason != rules.PHOTO_CREDIT:
            continue
        for neighbour in (index - 1, index + 1):
            if not 0 <= neighbour < len(blocks) or neighbour == analysis.headline:
                continue
            other = blocks[neighbour]
            if other.start in gone:
                continue
            if rules.may_be_caption(normalise(other.text)):
                caption = Removal(other.start, other.end, other.text, rules.PHOTO_CAPTION)
                gone[other.start] = caption
                extra.append(caption)
            break
    return sorted([*removed, *extra], key=lambda r: r.start)


def clean_text(text: str, *, title: str | None = None) -> Cleaned:
    """Remove boilerplate from one article's plain text.

    ``title``, when known, is the headline: a block repeating it is removed as ``"headline"``.
    Without it, a headline-shaped first line is removed and returned as ``Cleaned.title``.
    """
    return clean_many([text], titles=[title])[0]


def _shingles(keys: Sequence[str]) -> set[int]:
    """Hashes of the word 4-grams of an article's blocks (``keys`` are their lowercased words)."""
    found: set[int] = set()
    for key in keys:
        tokens = key.split()
        found.update(
            hash(" ".join(tokens[k : k + _SHINGLE])) for k in range(len(tokens) - _SHINGLE + 1)
        )
    return found


def _shared_blocks(
    analyses: Sequence[Analysis], scores: Sequence[NDArray[np.float64]]
) -> list[set[int]]:
    """Per article, the blocks that recur in other, unrelated articles of the input."""
    where: dict[str, set[int]] = defaultdict(set)
    keys = [[_key(b.text) for b in a.blocks] for a in analyses]
    for doc, doc_keys in enumerate(keys):
        for key in doc_keys:
            if key:
                where[key].add(doc)
    sizes = [max(sum(len(k) for k in set(doc_keys)), 1) for doc_keys in keys]
    overlap: dict[tuple[int, int], int] = defaultdict(int)
    for key, docs in where.items():
        if len(docs) > 1 and len(key) >= _MIN_SHARED_CHARS:
            ordered = sorted(docs)
            for i, first in enumerate(ordered):
                for second in ordered[i + 1 :]:
                    overlap[first, second] += len(key)
    copies = {
        pair
        for pair, chars in overlap.items()
        if chars >= _COPY_SHARE * min(sizes[pair[0]], sizes[pair[1]])
    }
    # Pairs that share a block but not half their paragraphs: copies all the same when most of
    # the shorter one's 4-grams are in the other (only pairs sharing a block are compared).
    grams: dict[int, set[int]] = {}
    for first, second in overlap.keys() - copies:
        for doc in (first, second):
            if doc not in grams:  # each article's 4-grams once, however many pairs it is in
                grams[doc] = _shingles(keys[doc])
        a, b = grams[first], grams[second]
        if a and b and len(a & b) >= _COPY_SHINGLES * min(len(a), len(b)):
            copies.add((first, second))
    shared: list[set[int]] = []
    for doc, doc_keys in enumerate(keys):
        found = set()
        for index, key in enumerate(doc_keys):
            others = [
                d
                for d in where.get(key, ())
                if d != doc and (min(d, doc), max(d, doc)) not in copies
            ]
            if not others:
                continue
            text = analyses[doc].blocks[index].text
            prose_like = len(key.split()) > _BOILERPLATE_WORDS and shapes.ends_sentence(
                text.rstrip()
            )
            if not prose_like or len(others) >= 2 or scores[doc][index] < 0.5:
                found.add(index)
        shared.append(found)
    return shared


def clean_many(
    texts: Sequence[str],
    *,
    titles: Sequence[str | None] | None = None,
    outlets: Sequence[str | None] | None = None,
) -> list[Cleaned]:
    """Clean several articles; lines recurring across unrelated articles are removed as
    site boilerplate (see the module docstring). ``outlets``, when known, name each article's
    outlet: a short closing line naming it (a sign-off, a syndication note) is removed."""
    if titles is None:
        titles = [None] * len(texts)
    if outlets is None:
        outlets = [None] * len(texts)
    if len(titles) != len(texts) or len(outlets) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(titles)} titles and {len(outlets)} outlets")
    analyses = [analyse(text, title) for text, title in zip(texts, titles, strict=True)]
    model = load_model()
    matrix = np.vstack([a.features for a in analyses]) if analyses else np.zeros((0, 0))
    flat = model.predict(matrix) if len(matrix) else np.zeros(0)
    bounds = np.cumsum([0, *(len(a.blocks) for a in analyses)])
    scores = [flat[bounds[i] : bounds[i + 1]] for i in range(len(analyses))]
    shared = _shared_blocks(analyses, scores) if len(analyses) > 1 else [set() for _ in analyses]
    return [
        _assemble(analysis, doc_scores, doc_shared, title, {outlet.lower()} if outlet else None)
        for analysis, doc_scores, doc_shared, title, outlet in zip(
            analyses, scores, shared, titles, outlets, strict=True
        )
    ]
