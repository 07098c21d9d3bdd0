"""Per-block features for the boilerplate classifier.

Each block gets *local* features (length, punctuation, case, digits, symbols, the share of
function words, position, repetition, overlap with the headline) and *context* features (the
same measures over neighbouring blocks), because boilerplate comes in runs: a menu item is
short and so are its neighbours, while a short line inside running prose is usually part of it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from storyline.clean import shapes
from storyline.clean.blocks import Block

LOCAL_NAMES = (
    "log_chars",
    "log_words",
    "mean_word_len",
    "ends_sentence",
    "log_sentences",
    "capitalised_share",
    "cased_share",
    "upper_share",
    "digit_share",
    "punct_share",
    "log_separators",
    "log_links",
    "doc_common_share",
    "function_share",
    "second_person_share",
    "calendar_share",
    "has_time",
    "copyright",
    "label",
    "byline_shape",
    "picture_word",
    "slash_credit",
    "bracketed",
    "bullet",
    "quote",
    "ends_colon",
    "ends_ellipsis",
    "comma_rate",
    "log_group_size",
    "group_first",
    "group_last",
    "rel_position",
    "char_position",
    "log_repeats",
    "earlier_repeat",
    "title_cover",
    "title_recall",
    "doc_share",
)
_CONTEXT_SOURCES = (
    "log_chars",
    "ends_sentence",
    "function_share",
    "doc_common_share",
    "log_group_size",
)
_WINDOWS = (3, 10)
CONTEXT_NAMES = (
    *(f"{side}_{name}" for side in ("prev", "next") for name in _CONTEXT_SOURCES),
    *(f"win{w}_{name}" for w in _WINDOWS for name in _CONTEXT_SOURCES),
    "log_since_prose",
    "log_until_prose",
    "log_blocks",
    "chars_below_max",
    "longer_share",
    "function_vs_doc",
    "log_to_longest",
    "chars_to_longest",
    "shared_shingles",
    "doc_prose_share",
    "doc_sentence_share",
    "doc_mean_log_chars",
)
NAMES = (*LOCAL_NAMES, *CONTEXT_NAMES)
_COL = {name: i for i, name in enumerate(LOCAL_NAMES)}

# A block counts as "prose" for the distance features when it is at least this long and ends a
# sentence: the article body is where such blocks cluster.
_PROSE_CHARS = 100
_COMMON_WORDS = 30


def _doc_common(blocks: Sequence[Block]) -> frozenset[str]:
    """The document's most frequent short words: a language-independent stand-in for its
    function words (in any language, the most frequent words of prose are grammatical)."""
    counts: Counter[str] = Counter()
    for block in blocks:
        counts.update(w for w in shapes.words(block.text.lower()) if len(w) <= 5)
    return frozenset(w for w, _ in counts.most_common(_COMMON_WORDS))


_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[^\w\s]|_")


def _local(block: Block, common: frozenset[str], title_words: set[str]) -> list[float]:
    text = " ".join(block.text.split())
    lower = text.lower()
    tokens = shapes.words(text)
    lowers = shapes.words(lower)
    n_chars, n_words = len(text), max(len(tokens), 1)
    cased = [t for t in tokens if t[0].isalpha() and (t[0].isupper() or t[0].islower())]
    n_cased = max(len(cased), 1)
    digits = len(_DIGIT.findall(text))
    punct = len(_PUNCT.findall(text))
    line_words = set(lowers)
    return [
        math.log1p(n_chars),
        math.log1p(len(tokens)),
        min(sum(map(len, tokens)) / n_words, 20.0),
        float(shapes.ends_sentence(text)),
        math.log1p(shapes.sentence_count(text)),
        sum(t[0].isupper() for t in cased) / n_cased,
        len(cased) / n_words,
        sum(len(t) > 1 and t.isupper() for t in tokens) / n_words,
        digits / max(n_chars, 1),
        punct / max(n_chars, 1),
        math.log1p(shapes.separator_count(text)),
        math.log1p(shapes.link_count(text)),
        sum(w in common for w in lowers) / n_words,
        sum(w in shapes.FUNCTION_WORDS for w in lowers) / n_words,
        sum(w in shapes.SECOND_PERSON for w in lowers) / n_words,
        sum(w.isdigit() or w in shapes.CALENDAR_WORDS for w in lowers) / n_words,
        float(shapes.has_time(text)),
        float(shapes.is_copyright(text)),
        float(shapes.has_label(text)),
        float(shapes.is_byline_shaped(text)),
        float(any(w in shapes.PICTURE_WORDS for w in lowers)),
        float(shapes.has_slash_credit(text)),
        float(shapes.is_bracketed(text)),
        float(shapes.is_bullet(text)),
        float(shapes.has_quote(text)),
        float(text.endswith(":")),
        float(text.endswith(("...", "…", ".."))),
        text.count(",") / n_words,
        math.log1p(block.group_size),
        0.0,  # group_first, filled in by block_features
        0.0,  # group_last
        0.0,  # rel_position
        0.0,  # char_position
        0.0,  # log_repeats
        0.0,  # earlier_repeat
        len(line_words & title_words) / max(len(line_words), 1),
        len(line_words & title_words) / max(len(title_words), 1),
        0.0,  # doc_share
    ]


def _window_mean(values: NDArray[np.float64], width: int) -> NDArray[np.float64]:
    """Mean of the ``width`` blocks on each side, excluding the block itself."""
    n = len(values)
    padded = np.concatenate(([0.0], np.cumsum(values)))
    index = np.arange(n)
    lo, hi = np.maximum(index - width, 0), np.minimum(index + width + 1, n)
    total = padded[hi] - padded[lo] - values
    count = np.maximum(hi - lo - 1, 1)
    return np.asarray(total / count)


def _distance_to(flags: NDArray[np.bool_], forward: bool) -> NDArray[np.float64]:
    """Blocks since the previous (or until the next) flagged block; ``n`` when there is none."""
    n = len(flags)
    out = np.full(n, float(n))
    last = None
    order = range(n - 1, -1, -1) if forward else range(n)
    for i in order:
        if last is not None:
            out[i] = abs(i - last)
        if flags[i]:
            last = i
    return out


def block_features(blocks: Sequence[Block], title: str | None = None) -> NDArray[np.float64]:
    """The feature matrix of a document's blocks, one row per block, columns as in ``NAMES``."""
    n = len(blocks)
    if n == 0:
        return np.zeros((0, len(NAMES)))
    common = _doc_common(blocks)
    title_words = set(shapes.words(title.lower())) if title else set()
    local = np.array([_local(b, common, title_words) for b in blocks], dtype=np.float64)
    lengths = np.array([b.end - b.start for b in blocks], dtype=np.float64)
    keys = [" ".join(b.text.lower().split()) for b in blocks]
    key_counts = Counter(keys)
    seen: set[str] = set()
    earlier = np.zeros(n)
    for i, key in enumerate(keys):
        earlier[i] = key in seen
        seen.add(key)
    groups = [b.group for b in blocks]
    local[:, _COL["group_first"]] = [i == 0 or groups[i - 1] != g for i, g in enumerate(groups)]
    local[:, _COL["group_last"]] = [i == n - 1 or groups[i + 1] != g for i, g in enumerate(groups)]
    local[:, _COL["rel_position"]] = np.arange(n) / max(n - 1, 1)
    local[:, _COL["char_position"]] = (np.cumsum(lengths) - lengths) / lengths.sum()
    local[:, _COL["log_repeats"]] = np.log1p([key_counts[k] - 1 for k in keys])
    local[:, _COL["earlier_repeat"]] = earlier
    local[:, _COL["doc_share"]] = lengths / lengths.sum()
    columns = [local]
    sources = np.stack([local[:, _COL[name]] for name in _CONTEXT_SOURCES], axis=1)
    prev = np.vstack([np.zeros((1, sources.shape[1])), sources[:-1]])
    after = np.vstack([sources[1:], np.zeros((1, sources.shape[1]))])
    columns += [prev, after]
    for width in _WINDOWS:
        columns.append(np.stack([_window_mean(col, width) for col in sources.T], axis=1))
    prose = (lengths >= _PROSE_CHARS) & (local[:, _COL["ends_sentence"]] > 0)
    columns.append(
        np.stack(
            [
                np.log1p(_distance_to(prose, forward=False)),
                np.log1p(_distance_to(prose, forward=True)),
                np.full(n, math.log1p(n)),
            ],
            axis=1,
        )
    )
    columns.append(_relative(local, lengths))
    columns.append(_shared_shingles(keys)[:, None])
    # Whole-document measures: a page with menus and footers and an article already cut out
    # of its page need different decisions for the same short line.
    doc = [
        float(lengths[prose].sum() / lengths.sum()),
        float(local[:, _COL["ends_sentence"]].mean()),
        float(local[:, _COL["log_chars"]].mean()),
    ]
    columns.append(np.tile(doc, (n, 1)))
    return np.hstack(columns)


def _shared_shingles(keys: Sequence[str]) -> NDArray[np.float64]:
    """Share of each block's word 4-grams that also occur in another block: teasers, pull
    quotes and repeated summaries copy text that the page has elsewhere."""
    grams = []
    for key in keys:
        tokens = shapes.words(key)
        grams.append({tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)})
    counts: Counter[tuple[str, ...]] = Counter()
    for block_grams in grams:
        counts.update(block_grams)
    return np.array([sum(counts[g] > 1 for g in gs) / len(gs) if gs else 0.0 for gs in grams])


def _relative(local: NDArray[np.float64], lengths: NDArray[np.float64]) -> NDArray[np.float64]:
    """Features relative to the document: a short page's article is still its best text."""
    log_chars = local[:, _COL["log_chars"]]
    function = local[:, _COL["function_share"]]
    order = np.argsort(-lengths, kind="stable")
    longer = np.empty_like(lengths)
    longer[order] = (np.cumsum(lengths[order]) - lengths[order]) / lengths.sum()
    longest = int(order[0])
    offsets = np.cumsum(lengths) - lengths
    doc_function = float((function * lengths).sum() / lengths.sum())
    return np.stack(
        [
            log_chars.max() - log_chars,
            longer,
            function - doc_function,
            np.log1p(np.abs(np.arange(len(lengths)) - longest)),
            np.abs(offsets - offsets[longest]) / lengths.sum(),
        ],
        axis=1,
    )
