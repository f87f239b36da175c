"""The command line: its parser, the library options it passes on, usage errors, exit status."""

from __future__ import annotations

import argparse
import inspect
from pathlib import Path
from typing import Any

import embedfix
from embedfix.cli.chunks import STDIN, Reading, reading_by_name

EXIT_OK = 0
"""Every record was read and repaired."""
EXIT_RECORD_ERRORS = 1
"""At least one record could not be read or repaired (see ``--on-error``)."""
EXIT_USAGE = 2
"""The command line itself was wrong: an unknown option, a missing file, an unsupported flag."""


def _add_io_options(parser: argparse.ArgumentParser, *, field: str, formats: list[str]) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="input files (default: standard input; '-' is standard input). "
        "*.jsonl and *.ndjson (optionally .gz) are read as JSON Lines; *.txt, *.md and *.html "
        "as one document each; any other input as JSON Lines if it starts with '{', else as "
        "one document",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument(
        "--format",
        choices=formats,
        default="jsonl",
        help=f"output format (default jsonl; {formats[-1]} = the clean {formats[-1]} only)",
    )
    parser.add_argument(
        "--input",
        choices=["auto", "text", "jsonl"],
        default="auto",
        help="how to read inputs (default auto: by the file name, see FILE; every input is "
        "JSON Lines when --field is given)",
    )
    parser.add_argument(
        "--field",
        help=f"the JSON Lines field holding the document (default {field!r}); implies JSON Lines",
    )
    parser.add_argument(
        "--into",
        default="embedfix",
        metavar="KEY",
        help="add the result to each JSON Lines record under KEY (default 'embedfix'); "
        "--into '' merges its fields into the record",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: all cores); output stays in input order",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar (it only shows on a terminal)"
    )
    parser.add_argument(
        "--on-error",
        choices=["keep", "skip", "stop"],
        default="keep",
        help="a record that cannot be read or repaired: keep it unchanged with an 'error' field "
        "(default), skip it, or stop; errors are reported on stderr and exit status is 1",
    )


def _add_repair_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("repair options (passed to embedfix.repair)")
    group.add_argument(
        "--lost",
        choices=["mark", "drop", "keep"],
        help="what to do with characters lost to '?' damage",
    )
    group.add_argument("--placeholder", help="text left where each embed is removed")
    group.add_argument(
        "--no-fix-encoding",
        dest="fix_encoding",
        action="store_const",
        const=False,
        help="do not repair mojibake",
    )
    group.add_argument(
        "--platforms",
        type=_name_list,
        metavar="NAME,...",
        help="only look for embeds from these platforms (comma-separated)",
    )
    group.add_argument("--lang", help="the language of the documents, e.g. 'fr' or 'pt-BR'")
    group.add_argument(
        "--published",
        metavar="DATE",
        help="the documents' publication date (ISO 8601, e.g. 2020-10-01): a quote dated "
        "after it is less likely",
    )


REPAIR_FLAGS = {
    "lost": "--lost",
    "placeholder": "--placeholder",
    "fix_encoding": "--no-fix-encoding",
    "platforms": "--platforms",
    "lang": "--lang",
    "published": "--published",
}
"""Library keyword -> the flag that sets it; a keyword is passed only when its flag is given."""


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        msg = f"must be at least 1, not {number}"
        raise argparse.ArgumentTypeError(msg)
    return number


def _name_list(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``embedfix`` command."""
    parser = argparse.ArgumentParser(
        prog="embedfix",
        description="Repair social-media embeds flattened into scraped article text: "
        "quotes out, clean body back.",
    )
    parser.add_argument("--version", action="version", version=f"embedfix {embedfix.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    repair = commands.add_parser(
        "repair",
        help="repair plain-text documents or JSON Lines records",
        description="Find the embeds in each document; write the quotes and the clean body.",
    )
    _add_io_options(repair, field="text", formats=["jsonl", "json", "text"])
    _add_repair_options(repair)

    html = commands.add_parser(
        "html",
        help="repair HTML pages",
        description="Find the embeds in each HTML page; write the quotes and the cleaned page.",
    )
    _add_io_options(html, field="html", formats=["jsonl", "json", "html"])
    html.add_argument("--placeholder", help="markup left where each embed is removed")

    explain = commands.add_parser(
        "explain",
        help="show one document with its embeds highlighted, the quotes and the repairs",
        description="Show one document: the text with each embed highlighted, a table of the "
        "quotes with their confidence, the repairs made, and the clean body.",
    )
    explain.add_argument("file", metavar="FILE", help="a plain-text file, a JSON Lines file, or -")
    explain.add_argument("--field", help="read JSON Lines and take this field (default 'text')")
    explain.add_argument(
        "--line", type=_positive_int, default=1, help="the JSON Lines line to show (default 1)"
    )
    explain.add_argument(
        "--input", choices=["auto", "text", "jsonl"], default="auto", help="how to read FILE"
    )
    explain.add_argument(
        "--html",
        metavar="OUT.html",
        help="write the document as a self-contained HTML page to OUT.html instead",
    )
    _add_repair_options(explain)
    return parser


def _options(args: argparse.Namespace, command: str) -> tuple[tuple[str, Any], ...]:
    """The library keywords the user set, checked against the installed library's signature."""
    flags = REPAIR_FLAGS if command in ("repair", "explain") else {"placeholder": "--placeholder"}
    chosen = {k: getattr(args, k) for k in flags if getattr(args, k, None) is not None}
    function = embedfix.repair_html if command == "html" else embedfix.repair
    try:
        inspect.signature(function).bind("", **chosen)
    except TypeError:
        accepted = inspect.signature(function).parameters
        missing = [flags[k] for k in chosen if k not in accepted]
        msg = f"this version of embedfix does not support {', '.join(missing) or 'these options'}"
        raise UsageError(msg) from None
    from embedfix.options import check

    for key, value in chosen.items():  # each flag alone, so the message can name it
        try:
            check(**{key: value})
        except (TypeError, ValueError) as exc:
            msg = f"{flags[key]}: {exc}"
            raise UsageError(msg) from None
    return tuple(chosen.items())


class UsageError(Exception):
    """A command line that cannot be run; reported with exit status 2."""


def check_inputs(paths: list[str]) -> None:
    """Raise `UsageError` for the first input that cannot be read: missing, or a directory.

    Pipes (``<(zcat corpus.jsonl.gz)``), ``/dev/stdin`` and other devices are inputs too.
    """
    for path in paths:
        if path == STDIN:
            continue
        if not Path(path).exists():
            msg = f"no such file: {path}"
            raise UsageError(msg)
        if Path(path).is_dir():
            msg = f"{path} is a directory (give the files in it, e.g. {path}/*.jsonl)"
            raise UsageError(msg)


def _jsonl_rule(args: argparse.Namespace) -> Reading:
    if args.input != "auto":
        return lambda _path: bool(args.input == "jsonl")
    if args.field is not None:
        return lambda _path: True
    return reading_by_name
