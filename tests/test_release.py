"""The release: the sdist and the wheel build, carry what they must, and the test suite runs from
the unpacked sdist (tests that need files outside it, such as ../shared, skip with a reason)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import embedfix

ROOT = Path(__file__).resolve().parents[1]
INSIDE = "EMBEDFIX_SUITE_FROM_SDIST"
"""Set while the suite runs from the sdist, so that this module does not build it again."""

pytestmark = pytest.mark.skipif(
    bool(os.environ.get(INSIDE)), reason="already running from the sdist"
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build", reason="the build package (test extra) is not installed")
    pytest.importorskip("hatchling", reason="hatchling (test extra) is not installed")
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("not in a source tree")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            "--sdist",
            "--wheel",
            "--outdir",
            str(out),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out


def test_the_wheel_carries_the_package_data_and_the_metadata(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
    assert "embedfix/document.schema.json" in names and "embedfix/py.typed" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert not any(n.startswith("tests/") for n in names)
    assert metadata["Version"] == embedfix.__version__
    assert metadata["License-Expression"] == "Apache-2.0"
    classifiers = metadata.get_all("Classifier") or []
    assert "Programming Language :: Python :: 3.10" in classifiers
    runtime = [r for r in metadata.get_all("Requires-Dist") or [] if "extra ==" not in r]
    assert sorted(r.split(">")[0] for r in runtime) == ["ftfy", "regex"]


def test_the_suite_runs_from_the_sdist(dist: Path, tmp_path: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (tree,) = tmp_path.iterdir()
    for needed in ("LICENSE", "README.md", "scripts", "fuzz/_harness.py", "docs", "examples"):
        assert (tree / needed).exists(), needed
    # The default hypothesis profile: the outer run already has CI's 500 examples per property.
    outer = {k: v for k, v in os.environ.items() if k != "CI"}
    env = {**outer, INSIDE: "1", "PYTHONPATH": str(tree / "src")}
    where = subprocess.run(
        [sys.executable, "-c", "import embedfix; print(embedfix.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(tree)), "the suite must test the sdist's own code"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
