"""What a hand-resolved merge can leave behind: conflict markers, and a CI script that no longer parses."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)


def tracked_text_files():
    names = subprocess.run(["git", "ls-files", "-z"], cwd=BASE_DIR, capture_output=True, check=True).stdout
    for name in names.decode().split("\0"):
        path = BASE_DIR / name
        if name and path.is_file() and not name.endswith((".mo", ".png", ".jpg", ".pdf", ".xlsx", ".docx")):
            try:
                yield name, path.read_text()
            except UnicodeDecodeError:
                continue


def test_no_file_keeps_a_conflict_marker():
    left = [name for name, text in tracked_text_files() if MARKER.search(text)]
    assert left == []


@pytest.mark.skipif(not shutil.which("bash"), reason="no bash")
def test_the_ci_script_parses():
    checked = subprocess.run(["bash", "-n", str(BASE_DIR / ".ci" / "run")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
