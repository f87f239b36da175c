"""Options are checked at the call, before any document is read, with messages that say what was
given and what is allowed; the command checks them before reading and exits 2."""

from __future__ import annotations

import datetime
import gzip
import io
import json
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

import embedfix
from embedfix import cli

PLAIN = "An article without any embed in it."
"""Options used to fail only on documents that used them: every check below runs on this one."""

TWEET = "Read this.\nWe won! — Jane Doe (@janedoe) May 2, 2019\nMore."

BAD_OPTIONS: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"published": "2020-13-45"}, ValueError, r"published must be an ISO 8601 date.*'2020-13-45'"),
    ({"published": 20201001}, TypeError, r"published must be a datetime\.date.*not int"),
    ({"lang": "klingon"}, ValueError, r"lang 'klingon' is not a language the date tables know"),
    ({"lang": 5}, TypeError, r"lang must be a language tag \(str\).*not 5"),
    ({"fix_encoding": "no"}, TypeError, r"fix_encoding must be True or False, not 'no'"),
    ({"fix_encoding": 0}, TypeError, r"fix_encoding must be True or False, not 0"),
    ({"platforms": 123}, TypeError, r"platforms must be a list of names .*not int"),
    ({"platforms": ["twiter"]}, ValueError, r"unknown platform\(s\) \['twiter'\]; known: twitter"),
    ({"platforms": [None]}, TypeError, r"platforms must be names \(str\), not None"),
    ({"lost": "remove"}, ValueError, r"lost must be 'mark', 'drop' or 'keep', not 'remove'"),
    ({"placeholder": 7}, TypeError, r"placeholder must be a str or None, not int"),
]


@pytest.mark.parametrize(("options", "error", "message"), BAD_OPTIONS)
def test_bad_option_raises_at_the_call(
    options: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        embedfix.repair(PLAIN, **options)
    with pytest.raises(error, match=message):
        embedfix.repair(TWEET, **options)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [o for o in BAD_OPTIONS if set(o[0]) <= {"lost", "placeholder", "fix_encoding"}],
)
def test_repair_html_checks_its_options_too(
    options: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        embedfix.repair_html("<p>No embed.</p>", **options)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "None"), (float("nan"), "NaN"), (b"bytes", "bytes"), (3, "int")],
)
def test_missing_values_name_what_they_are(value: object, shown: str) -> None:
    for function, name in (
        (embedfix.repair, "embedfix.repair"),
        (embedfix.repair_html, "embedfix.repair_html"),
        (embedfix.fix_encoding, "embedfix.fix_encoding"),
    ):
        with pytest.raises(TypeError, match=rf"^{name}\(\) expected str, got {shown}"):
            function(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "published",
    [
        datetime.date(2019, 4, 1),
        datetime.datetime(2019, 4, 1, 10, 30),
        "2019-04-01",
        "2019-04-01T10:30:00",
    ],
)
def test_published_takes_a_date_a_datetime_or_an_iso_string(published: object) -> None:
    """A quote dated after the article is less likely: each form gives the same judgement."""
    (quote,) = embedfix.repair(TWEET, published=published).quotes  # type: ignore[arg-type]
    (plain,) = embedfix.repair(TWEET).quotes
    assert quote.date == datetime.date(2019, 5, 2)
    assert quote.confidence < plain.confidence


@pytest.mark.parametrize("lang", ["fr", "pt-BR", "en_GB", "EN", "zh", "zh-Hant", "nb", None])
def test_lang_takes_tags_the_date_tables_know(lang: str | None) -> None:
    assert embedfix.repair(TWEET, lang=lang).quotes[0].handle == "janedoe"


def test_platform_names_are_exported() -> None:
    assert "twitter" in embedfix.PLATFORMS and "youtube" in embedfix.PLATFORMS
    for name in embedfix.PLATFORMS:
        embedfix.repair(PLAIN, platforms=[name])
    assert embedfix.repair(TWEET, platforms="instagram").quotes == ()


# --- The command: exit 2 before reading anything ----------------------------------------------


class Unreadable(io.RawIOBase):
    """Standard input that fails the test if the command reads it."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        raise AssertionError("the command read its input before checking its options")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--platforms", "twiter"], "--platforms: unknown platform(s) ['twiter']"),
        (["--lang", "klingon"], "--lang: lang 'klingon' is not a language"),
        (["--published", "yesterday"], "--published: published must be an ISO 8601 date"),
    ],
)
def test_the_command_checks_options_before_reading(
    argv: list[str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    stdin = io.TextIOWrapper(io.BufferedReader(Unreadable()))
    monkeypatch.setattr(sys, "stdin", stdin)
    out = tmp_path / "out.jsonl"
    assert cli.main(["repair", *argv, "-o", str(out)]) == cli.EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert cli.main(["explain", "-", *argv]) == cli.EXIT_USAGE


def test_the_command_passes_published_on(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": TWEET}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    confidence = []
    for flags in ([], ["--published", "2019-04-01"]):
        assert cli.main(["repair", str(src), "-o", str(out), *flags]) == cli.EXIT_OK
        record = json.loads(out.read_text(encoding="utf-8"))
        confidence.append(record["embedfix"]["quotes"][0]["confidence"])
    assert confidence[1] < confidence[0]


def test_gzip_on_standard_input_is_sniffed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": i, "text": TWEET}) + "\n" for i in range(3))
    data = gzip.compress(lines.encode("utf-8"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    out = tmp_path / "out.jsonl"
    assert cli.main(["repair", "-o", str(out), "--jobs", "1"]) == cli.EXIT_OK
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [0, 1, 2]
    assert all(r["embedfix"]["quotes"][0]["handle"] == "janedoe" for r in records)


def test_gzip_file_whose_name_does_not_say(tmp_path: Path) -> None:
    src = tmp_path / "dump.json"
    src.write_bytes(gzip.compress((json.dumps({"text": TWEET}) + "\n").encode("utf-8")))
    out = tmp_path / "out.jsonl"
    assert cli.main(["repair", str(src), "-o", str(out), "--jobs", "2"]) == cli.EXIT_OK
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["embedfix"]["quotes"][0]["handle"] == "janedoe"


def test_warnings_show_no_internal_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = '<blockquote class="twitter-tweet"><p>Hi</p>&mdash; A (@a) <a href="#">May 5, 2020</a></blockquote>'
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": html}) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # as a user's shell has it (the suite makes them errors)
        status = cli.main(["repair", str(src), "-o", str(tmp_path / "out.jsonl"), "-j", "1"])
    assert status == cli.EXIT_OK
    err = capsys.readouterr().err
    assert "embedfix: warning: this text looks like HTML" in err
    assert ".py" not in err and "UserWarning" not in err


def test_the_html_warning_points_at_the_caller() -> None:
    html = '<blockquote class="twitter-tweet"><p>Hi</p>&mdash; A (@a) <a href="#">May 5, 2020</a></blockquote>'
    for options in ({}, {"lang": "en"}):
        with pytest.warns(UserWarning, match="repair_html") as caught:
            embedfix.repair(html, **options)
        assert caught[0].filename == __file__
