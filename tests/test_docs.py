"""The README stays true: its indicator table is the catalogue's, its commands are the ones CI runs."""

from pathlib import Path

from geodata.cli import indicators_markdown

REPO = Path(__file__).resolve().parent.parent


def test_the_readme_lists_exactly_the_catalogues_indicators() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    block = readme.split("<!-- indicators:start", 1)[1].split("-->", 1)[1].split("<!-- indicators:end -->")[0]
    assert block.strip() == indicators_markdown().strip(), "run `python -m geodata indicators --markdown`"


def test_ci_runs_the_readmes_test_command() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    command = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest"
    assert command in readme
    assert command.replace("pip install -e", "pip install -q -e") in ci
