"""Generate ``src/embedfix/entities/_tlds.py``, the top-level domains a tweet link may end in.

The source is the Public Suffix List as shipped by the ``publicsuffixlist`` PyPI package (version
pinned in pyproject.toml). We keep the ICANN section only (the private section holds registrable
names such as ``github.io``, never top-level labels), take the last label of every rule, and write
each internationalised label twice, in Unicode and in punycode (``xn--...``), as twitter-text does.

Usage::

    python scripts/generate_tlds.py [OUTPUT_PATH]

The test ``tests/test_tlds_generated.py`` runs this into a temporary file and fails if the
committed module differs, so the data cannot drift from its source silently.
"""

from __future__ import annotations

import importlib.metadata
import sys
from collections.abc import Iterable
from pathlib import Path

import publicsuffixlist

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "src" / "embedfix" / "entities" / "_tlds.py"


def psl_text() -> str:
    """Return the text of the Public Suffix List file bundled with ``publicsuffixlist``."""
    return Path(publicsuffixlist.PSLFILE).read_text(encoding="utf-8")


def icann_tlds(lines: Iterable[str]) -> set[str]:
    """Return the top-level labels of the ICANN section rules, lower-cased, as written in the list."""
    tlds: set[str] = set()
    in_icann = False
    for raw in lines:
        line = raw.strip()
        if line.startswith("// ===BEGIN ICANN DOMAINS==="):
            in_icann = True
            continue
        if line.startswith("// ===END ICANN DOMAINS==="):
            in_icann = False
            continue
        if not in_icann or not line or line.startswith("//"):
            continue
        rule = line.split()[0].lstrip("!")
        label = rule.rsplit(".", 1)[-1].lower()
        if label and label != "*":
            tlds.add(label)
    return tlds


def with_punycode(tlds: Iterable[str]) -> set[str]:
    """Add the ``xn--`` form of every non-ASCII label and the Unicode form of every ``xn--`` label."""
    out: set[str] = set()
    for label in tlds:
        out.add(label)
        if label.isascii():
            if label.startswith("xn--"):
                out.add(label[4:].encode("ascii").decode("punycode").lower())
        else:
            out.add("xn--" + label.encode("punycode").decode("ascii"))
    return out


def psl_version(text: str) -> str:
    """Return the ``VERSION`` line of the list (its build stamp), or ``unknown``."""
    for line in text.splitlines():
        if line.startswith("// VERSION:"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def render(tlds: set[str], package_version: str, list_version: str) -> str:
    """Render the module source: one sorted tuple, ASCII first, then the Unicode labels."""
    ordered = sorted(tlds, key=lambda t: (not t.isascii(), t))
    body = "".join(f'    "{label}",\n' for label in ordered)
    return (
        '"""Top-level domains from the Public Suffix List (generated: do not edit).\n'
        "\n"
        "Written by scripts/generate_tlds.py from the publicsuffixlist package "
        f"{package_version}\n"
        f"(list version {list_version}): the last label of every ICANN rule, and each\n"
        "internationalised label in both Unicode and punycode form.\n"
        '"""\n'
        "\n"
        "from __future__ import annotations\n"
        "\n"
        f"TLDS: tuple[str, ...] = (\n{body})\n"
    )


def generate() -> str:
    """Return the full text of ``_tlds.py`` for the installed ``publicsuffixlist``."""
    text = psl_text()
    tlds = with_punycode(icann_tlds(text.splitlines()))
    version = importlib.metadata.version("publicsuffixlist")
    return render(tlds, version, psl_version(text))


def main(argv: list[str]) -> int:
    """Write the module to ``argv[1]`` or to its place in the source tree."""
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    output.write_text(generate(), encoding="utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
