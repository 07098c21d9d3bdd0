"""Quote attribution against annotated news in BRAT standoff form: ``storyline eval quotes``.

Accepted form (one ``NAME.txt`` and one ``NAME.ann`` per document, UTF-8, offsets in
characters of the ``.txt``):

* text-bound spans ``T1<TAB>Source 220 232<TAB>Mirela Sandu``; the types read are
  ``Source`` (or ``Speaker``), ``Content`` (or ``Quote``/``Quotation``) and ``Cue`` (optional,
  ignored); a discontinuous span ``start end;start end`` counts from its first start to its
  last end;
* the link, either a relation ``R1<TAB>Attribution Arg1:T5 Arg2:T1`` (any relation name; the
  arguments may come in either order, their span types tell which is which) or an event
  ``E1<TAB>Cue:T3 Source:T1 Content:T5``;
* optionally a note naming the speaker's entity, ``#1<TAB>AnnotatorNotes T1<TAB>Mirela Sandu``
  (for a "he" or "the minister" span), and an attribute ``A1<TAB>Type T5 Indirect`` to mark
  a content span as indirect speech.

Only direct quotes are scored: contents not marked ``Indirect`` and written between quote
marks. A quote is correct when storyline finds a quotation overlapping it and the predicted
speaker phrase overlaps the gold Source span, or the predicted speaker's name and the gold
speaker's (note, else Source text) are the same name (transliterations allowed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import click

from storyline.annotate.names import fold, same_first_name, same_word
from storyline.records import Article
from storyline.segment import segment_article

_SOURCE = {"source", "speaker"}
_CONTENT = {"content", "quote", "quotation"}
_MARKS = "\"'“”‘’«»„‹›"


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One annotated direct quote: its content span, the Source span and the speaker's name."""

    document: str
    start: int
    end: int
    source_start: int
    source_end: int
    source_text: str
    speaker: str


@dataclass(slots=True)
class Report:
    """Counts and accuracy of one evaluation run."""

    documents: int = 0
    gold: int = 0
    found: int = 0
    correct: int = 0
    by_span: int = 0
    by_name: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "accuracy": round(self.accuracy, 4)}


def read_brat(folder: Path) -> list[tuple[str, str, list[GoldQuote]]]:
    """``(name, text, gold direct quotes)`` for every ``.txt`` with an ``.ann`` in ``folder``."""
    out = []
    for txt in sorted(folder.glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if not ann.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        out.append((txt.stem, text, _gold(txt.stem, text, ann.read_text(encoding="utf-8"))))
    return out


def _gold(name: str, text: str, ann: str) -> list[GoldQuote]:
    spans: dict[str, tuple[str, int, int]] = {}
    notes: dict[str, str] = {}
    indirect: set[str] = set()
    links: list[tuple[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        ident, body = parts[0], parts[1]
        if ident.startswith("T"):
            kind, _, offsets = body.partition(" ")
            numbers = [int(n) for n in re.findall(r"\d+", offsets)]
            if numbers:
                spans[ident] = (kind.lower(), numbers[0], numbers[-1])
        elif ident.startswith("#") and len(parts) >= 3:
            notes[body.split()[-1]] = parts[2].strip()
        elif ident.startswith("A") and "indirect" in body.lower():
            indirect.update(w for w in body.split() if w.startswith("T"))
        elif ident.startswith(("R", "E")):
            args = dict(a.split(":", 1) for a in body.split()[1 if ident[0] == "R" else 0 :]
                        if ":" in a)  # fmt: skip
            ids = list(args.values())
            links.extend((a, b) for a in ids for b in ids if a != b)
    gold = []
    for content, source in links:
        c, s = spans.get(content), spans.get(source)
        if not c or not s or c[0] not in _CONTENT or s[0] not in _SOURCE:
            continue
        if content in indirect or not _between_marks(text, c[1], c[2]):
            continue
        source_text = text[s[1] : s[2]]
        gold.append(GoldQuote(name, c[1], c[2], s[1], s[2], source_text,
                              notes.get(source, source_text)))  # fmt: skip
    return sorted(set(gold), key=lambda g: g.start)


def _between_marks(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip()
    return (bool(before) and before[-1] in _MARKS) or text[start : start + 1] in _MARKS


def same_name(a: str, b: str) -> bool:
    """Whether two written names name one person (last names match, first names agree)."""
    wa = re.findall(r"[^\W\d_]+", fold(a))
    wb = re.findall(r"[^\W\d_]+", fold(b))
    if not wa or not wb or not same_word(wa[-1], wb[-1]):
        return False
    return len(wa) < 2 or len(wb) < 2 or same_first_name(wa[0], wb[0])


def evaluate(folder: Path, *, entities: bool = True) -> Report:
    """Speaker accuracy of storyline's quote attribution on the BRAT documents in ``folder``."""
    from storyline.annotate.annotations import find_entities_safely
    from storyline.annotate.people import People
    from storyline.annotate.quotes import attribute_quotes

    report = Report()
    for name, text, gold in read_brat(folder):
        report.documents += 1
        article = segment_article(Article(id=name, source=name, text=text))
        found = find_entities_safely([article])[0] if entities else []
        quotations = attribute_quotes(article, People(found, articles=[article]))
        for g in gold:
            report.gold += 1
            hits = [q for q in quotations if any(p.start < g.end and g.start < p.end
                                                 for p in q.parts)]  # fmt: skip
            speaker = hits[0].speaker if hits else None
            if hits:
                report.found += 1
            span_ok = (
                speaker is not None
                and speaker.start < g.source_end
                and (g.source_start < speaker.end)
            )
            name_ok = bool(speaker and speaker.name and same_name(speaker.name, g.speaker))
            if span_ok or name_ok:
                report.correct += 1
                report.by_span += span_ok
                report.by_name += name_ok and not span_ok
            else:
                report.errors.append({
                    "document": name, "quote": text[g.start : g.end][:80],
                    "gold": g.speaker, "gold_span": g.source_text,
                    "predicted": speaker.name if speaker else None,
                    "predicted_span": speaker.text if speaker else None,
                })  # fmt: skip
    return report


def format_report(report: Report, *, errors: bool = False) -> str:
    """The report as a small text table (and the errors, one per line, when asked)."""
    rows = [
        ("documents", str(report.documents)),
        ("direct quotes (gold)", str(report.gold)),
        ("quotes found", str(report.found)),
        ("speaker correct", str(report.correct)),
        ("  by speaker span", str(report.by_span)),
        ("  by speaker name", str(report.by_name)),
        ("missed quotes", str(report.gold - report.found)),
        ("wrong speaker", str(report.found - report.correct)),
        ("speaker accuracy", f"{report.accuracy:.3f}"),
    ]
    lines = [f"{k:<22} {v:>8}" for k, v in rows]
    if errors:
        for e in report.errors:
            lines.append(f"- {e['document']}: {e['quote']!r} gold={e['gold']!r} "
                         f"predicted={e['predicted']!r} ({e['predicted_span']!r})")  # fmt: skip
    return "\n".join(lines)


@click.command(name="quotes")
@click.option(
    "--data",
    "data",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of BRAT standoff documents (NAME.txt + NAME.ann) with Source and Content "
    "spans linked by an attribution relation or event.",
)
@click.option(
    "--entities/--no-entities",
    default=True,
    show_default=True,
    help="Resolve speakers to entities with spaCy (off: patterns and written names only).",
)
@click.option("--errors", is_flag=True, help="List every missed or misattributed quote.")
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the counts, accuracy and errors as JSON to this file.",
)
def eval_quotes(data: Path, entities: bool, errors: bool, json_path: Path | None) -> None:
    """Speaker accuracy of quote attribution on annotated news (direct quotes), with counts."""
    report = evaluate(data, entities=entities)
    if report.documents == 0:
        raise click.ClickException(f"no BRAT documents (NAME.txt + NAME.ann) in {data}")
    click.echo(format_report(report, errors=errors))
    if json_path is not None:
        json_path.write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
        click.echo(f"wrote {json_path}", err=True)


__all__: Sequence[str] = ["GoldQuote", "Report", "eval_quotes", "evaluate", "read_brat"]
