"""Train storyline's block classifier on the dev split of the article-extraction benchmark.

    .venv/bin/python scripts/train_cleaner.py            # train, write the shipped model
    .venv/bin/python scripts/train_cleaner.py --cv       # 5-fold page-grouped CV on dev only

Only the dev half (page ids sorted, first half) is read. Each page is seen in three forms, so
that the cleaner learns both whole pages and articles already cut out of their page:

- ``page``: the whole visible text (html-text), no title;
- ``article`` and ``article-precise``: trafilatura's extraction (default, and favouring
  precision), with the page's title.

A block's label is the share of its tokens covered by 4-token shingles of the true article
body (each true shingle used once, so a repeated paragraph is labelled once). Blocks are
weighted by the square root of their token count, normalised per page, so that every page
weighs the same, as in the benchmark's metric. scikit-learn is needed here only; the trees are
exported to ``src/storyline/clean/block_model.npz`` and evaluated with numpy at run time.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.clean import cleaner  # noqa: E402
from storyline.clean.blocks import normalise  # noqa: E402
from storyline.clean.features import NAMES  # noqa: E402
from storyline.clean.model import MODEL_FILE, TreeModel  # noqa: E402
from storyline.eval.extraction import (  # noqa: E402
    Page,
    default_data_dir,
    load_pages,
    match_page,
    score,
    tokenize,
)

SETTINGS = {"n_estimators": 250, "max_depth": 5, "learning_rate": 0.1, "subsample": 0.8}
VIEWS = ("page", "article", "article-precise")


@dataclass
class Example:
    page: str
    view: str
    body: str
    analysis: cleaner.Analysis
    labels: NDArray[np.float64]
    tokens: NDArray[np.float64]


def block_labels(
    analysis: cleaner.Analysis, body: str
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Share of each block's tokens covered by true 4-shingles, and each block's token count."""
    truth = tokenize(body)
    wanted = Counter(tuple(truth[i : i + 4]) for i in range(len(truth) - 3))
    tokens: list[str] = []
    owner: list[int] = []
    for index, block in enumerate(analysis.blocks):
        words = tokenize(block.text)
        tokens += words
        owner += [index] * len(words)
    covered = np.zeros(len(tokens))
    for i in range(len(tokens) - 3):
        shingle = tuple(tokens[i : i + 4])
        if wanted[shingle] > 0:
            wanted[shingle] -= 1
            covered[i : i + 4] = 1
    n = len(analysis.blocks)
    hits = np.bincount(owner, weights=covered, minlength=n) if owner else np.zeros(n)
    counts = np.bincount(owner, minlength=n).astype(np.float64) if owner else np.zeros(n)
    return hits / np.maximum(counts, 1), counts


def views_of(page: Page) -> dict[str, tuple[str, str | None]]:
    import html_text
    import trafilatura

    out: dict[str, tuple[str, str | None]] = {"page": (html_text.extract_text(page.html), None)}
    for view, precise in (("article", False), ("article-precise", True)):
        doc = trafilatura.bare_extraction(
            page.html, include_comments=False, favor_precision=precise, with_metadata=True
        )
        out[view] = (doc.text or "", doc.title) if doc is not None else ("", None)
    return out


def examples(pages: Sequence[Page]) -> list[Example]:
    found = []
    for page in pages:
        for view, (text, title) in views_of(page).items():
            analysis = cleaner.analyse(text, title)
            if analysis.blocks:
                labels, tokens = block_labels(analysis, page.body)
                found.append(Example(page.id, view, page.body, analysis, labels, tokens))
    return found


def fit(train: Sequence[Example]) -> TreeModel:
    from sklearn.ensemble import GradientBoostingClassifier

    features = np.vstack([e.analysis.features for e in train])
    labels = np.concatenate([e.labels for e in train]) > 0.5
    weights = np.concatenate([np.sqrt(e.tokens + 1) / np.sqrt(e.tokens + 1).sum() for e in train])
    model = GradientBoostingClassifier(random_state=0, **SETTINGS)  # type: ignore[arg-type]
    model.fit(features, labels, sample_weight=weights * len(train))
    return export(model, features)


def export(model: object, features: NDArray[np.float64]) -> TreeModel:
    """Pack scikit-learn's trees into arrays and check that numpy reproduces its output."""
    trees = [estimator.tree_ for estimator in model.estimators_[:, 0]]  # type: ignore[attr-defined]
    width = max(t.node_count for t in trees)
    shape = (len(trees), width)
    feature, left, right = (np.full(shape, -1, dtype=np.int32) for _ in range(3))
    threshold, value = np.zeros(shape), np.zeros(shape)
    for i, tree in enumerate(trees):
        n = tree.node_count
        feature[i, :n] = np.maximum(tree.feature, 0)
        threshold[i, :n] = tree.threshold
        left[i, :n], right[i, :n] = tree.children_left, tree.children_right
        value[i, :n] = tree.value[:, 0, 0] * model.learning_rate  # type: ignore[attr-defined]
    bias = float(model._raw_predict_init(features[:1])[0, 0])  # type: ignore[attr-defined]
    packed = TreeModel(
        feature,
        threshold,
        left,
        right,
        value,
        bias,
        int(SETTINGS["max_depth"]),
        NAMES,
        {"settings": SETTINGS, "trained_on": "article-extraction-benchmark dev split"},
    )
    expected = model.predict_proba(features)[:, 1]  # type: ignore[attr-defined]
    error = float(np.abs(packed.predict(features) - expected).max())
    if error > 1e-6:
        raise SystemExit(f"exported trees disagree with scikit-learn (max error {error})")
    return packed


def decoded_text(example: Example, scores: NDArray[np.float64]) -> str:
    return cleaner._assemble(example.analysis, scores, set(), None).text


def cross_validate(data: Sequence[Example], folds: int = 5) -> None:
    pages = sorted({e.page for e in data})
    order = np.random.RandomState(0).permutation(len(pages))
    fold_of = {pages[j]: k % folds for k, j in enumerate(order)}
    scores: dict[int, NDArray[np.float64]] = {}
    for fold in range(folds):
        model = fit([e for e in data if fold_of[e.page] != fold])
        for i, e in enumerate(data):
            if fold_of[e.page] == fold:
                scores[i] = model.predict(e.analysis.features)
    for view in VIEWS:
        chosen = [i for i, e in enumerate(data) if e.view == view]
        raw = score([match_page(data[i].body, data[i].analysis.text) for i in chosen])
        plain = score(
            [
                match_page(
                    data[i].body,
                    "\n".join(
                        normalise(b.text)
                        for b, p in zip(data[i].analysis.blocks, scores[i], strict=True)
                        if p > 0.5
                    ),
                )
                for i in chosen
            ]
        )
        cleaned = score(
            [match_page(data[i].body, decoded_text(data[i], scores[i])) for i in chosen]
        )
        print(
            f"{view:16s} input F1 {raw.f1:.4f} | p>0.5 F1 {plain.f1:.4f} "
            f"| cleaned F1 {cleaned.f1:.4f} "
            f"P {cleaned.precision:.4f} R {cleaned.recall:.4f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument(
        "--cv", action="store_true", help="cross-validate on dev instead of training"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "src/storyline/clean" / MODEL_FILE)
    args = parser.parse_args()
    if args.data is None:
        raise SystemExit("benchmark data not found: pass --data or set STORYLINE_EXTRACTION_DATA")
    started = time.perf_counter()
    data = examples(load_pages(args.data, "dev"))
    print(
        f"{len(data)} examples, {sum(len(e.labels) for e in data)} blocks "
        f"({time.perf_counter() - started:.0f}s)"
    )
    if args.cv:
        cross_validate(data)
        return
    fit(data).save(str(args.out))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
