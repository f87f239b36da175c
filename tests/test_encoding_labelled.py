"""The lost-run classifier against a hand-labelled set of `?` runs (tests/data/qmark_runs.*)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from embedfix.encoding import analyze_runs

DATA = Path(__file__).resolve().parent / "data" / "qmark_runs.txt"


@dataclass(frozen=True)
class Record:
    id: str
    heldout: bool
    labels: tuple[str, ...]
    text: str


def load() -> list[Record]:
    records = []
    for chunk in re.split(r"^### ", DATA.read_text(encoding="utf-8"), flags=re.M)[1:]:
        head, _, body = chunk.partition("\n")
        lines = body.split("\n")
        while lines and (lines[-1].startswith("#") or not lines[-1].strip()):
            lines.pop()
        labels = tuple(head.split("labels=")[1].split())
        records.append(Record(head.split()[0], "set=heldout" in head, labels, "\n".join(lines)))
    return records


RECORDS = load()


def scores(records: list[Record]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for rec in records:
        runs, _ = analyze_runs(rec.text)
        for label, run in zip(rec.labels, runs, strict=True):
            gold, pred = label.startswith("L"), run.verdict == "lost"
            tp += gold and pred
            fp += pred and not gold
            fn += gold and not pred
    return tp, fp, fn


def test_the_set_is_large_and_varied() -> None:
    labels = [lab for rec in RECORDS for lab in rec.labels]
    assert len(labels) >= 150
    assert sum(lab.startswith("L") for lab in labels) >= 60
    assert sum(lab == "G" for lab in labels) >= 60
    langs = {rec.id.split("-")[0] for rec in RECORDS}
    assert len({"en", "fr", "es", "pt", "de", "tr", "ru", "ur", "ja", "ar", "hi"} & langs) >= 10


@pytest.mark.parametrize("rec", RECORDS, ids=[r.id for r in RECORDS])
def test_each_labelled_run_is_found(rec: Record) -> None:
    runs, _ = analyze_runs(rec.text)
    assert len(runs) == len(rec.labels), [rec.text[r.start : r.end] for r in runs]


def test_precision_and_recall_of_lost_runs() -> None:
    tp, fp, fn = scores(RECORDS)
    assert tp / (tp + fp) >= 0.97
    assert tp / (tp + fn) >= 0.9


def test_held_out_part_alone() -> None:
    tp, fp, fn = scores([r for r in RECORDS if r.heldout])
    assert tp + fn >= 15
    assert tp / (tp + fp) >= 0.9
    assert tp / (tp + fn) >= 0.85


def test_lost_code_point_counts_agree_with_labels() -> None:
    checked = wrong = 0
    for rec in RECORDS:
        runs, _ = analyze_runs(rec.text)
        for label, run in zip(rec.labels, runs, strict=True):
            if len(label) > 1 and run.verdict == "lost":
                checked += 1
                wrong += run.lost != int(label[1:])
    assert checked >= 80
    assert wrong == 0
