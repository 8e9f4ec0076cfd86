"""The README reads right for a newcomer: every file it names by its path exists, and it says nothing twice."""

import collections
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = "py|sh|md|html|json|toml|yml|yaml|txt|csv|css|js"
# A path: folders and a file name with one of the project's suffixes (`governance/papers/sanitise.py`).
PATH = re.compile(rf"(?<![\w/.<…-])((?:[\w.-]+/)+[\w.-]+\.(?:{SUFFIXES}))\b")


def readme():
    return (ROOT / "README.md").read_text()


def named_paths(text):
    return sorted({m.group(1) for m in PATH.finditer(text) if not m.group(1).startswith(("http", "www."))})


def sentences(text):
    prose = re.sub(r"```.*?```", " ", text, flags=re.S)  # commands are not sentences
    prose = re.sub(r"\s+", " ", prose)
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z*`(])", prose) if len(s.strip()) > 30]


def test_every_path_the_readme_names_exists():
    paths = named_paths(readme())
    assert len(paths) > 40  # the README really was read
    assert [p for p in paths if not (ROOT / p).exists()] == []


def test_the_readme_says_nothing_twice():
    counts = collections.Counter(sentences(readme()))
    assert [s for s, n in counts.items() if n > 1] == []


def test_the_checks_see_a_missing_path_and_a_repeated_sentence():
    text = "See `finance/allocation.py` and governance/money.py. The demo runs as production does. " * 2
    assert named_paths(text) == ["finance/allocation.py", "governance/money.py"]
    assert not (ROOT / "finance/allocation.py").exists()
    assert collections.Counter(sentences(text))["The demo runs as production does."] == 2
