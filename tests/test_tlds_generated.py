"""The committed TLD table is exactly what scripts/generate_tlds.py makes from its source."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "generate_tlds.py"
COMMITTED = REPO / "src" / "embedfix" / "entities" / "_tlds.py"


def _generator() -> ModuleType:
    pytest.importorskip("publicsuffixlist", reason="publicsuffixlist (test extra) not installed")
    spec = importlib.util.spec_from_file_location("generate_tlds", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_tlds", module)
    spec.loader.exec_module(module)
    return module


def test_committed_tlds_match_a_fresh_generation(tmp_path: Path) -> None:
    generator = _generator()
    output = tmp_path / "_tlds.py"
    assert generator.main(["generate_tlds.py", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8"), (
        "src/embedfix/entities/_tlds.py is stale: run scripts/generate_tlds.py"
    )


def test_generation_keeps_icann_labels_in_both_forms() -> None:
    generator = _generator()
    rules = [
        "// ===BEGIN ICANN DOMAINS===",
        "com",
        "*.ck",
        "!www.ck",
        "co.uk",
        "한국",
        "// ===END ICANN DOMAINS===",
        "// ===BEGIN PRIVATE DOMAINS===",
        "github.io",
        "// ===END PRIVATE DOMAINS===",
    ]
    tlds = generator.with_punycode(generator.icann_tlds(rules))
    assert tlds == {"com", "ck", "uk", "한국", "xn--3e0b707e"}


def test_table_has_what_links_need() -> None:
    from embedfix.entities._tlds import TLDS

    assert len(TLDS) == len(set(TLDS))
    for tld in ("com", "co", "uk", "jp", "org", "xn--p1ai", "рф", "한국", "닷컴"):
        assert tld in TLDS
    assert "io" in TLDS
    assert "github" not in TLDS
