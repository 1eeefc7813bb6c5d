"""Names outside Latin-1 print as written: such a notice embeds DejaVu Sans."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from caseworker.notices import KINDS, render
from tests.notices.notice_samples import notice
from tests.notices.test_render import flat

NAME = "Łucja Nguyễn-Wiśniewska"


def _for(kind: str) -> dict:
    data = notice(kind, payor={"name": NAME, "address_lines": ["12 Main Street"]})
    if data["addressee"]["role"] == "payor":
        data["addressee"]["name"] = NAME
    return data


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_name_outside_latin1_prints_as_written(kind):
    assert NAME in flat(render(kind, _for(kind)))


def test_the_wide_font_is_embedded_only_when_the_text_needs_it():
    assert b"DejaVuSans" in render("statement", _for("statement"))
    latin = render("statement", notice("statement", payor={"name": "Hélène Sørensen–Nuñez"}))
    assert b"DejaVuSans" not in latin  # Helvetica has these: small and fast
    assert "Hélène Sørensen–Nuñez" in flat(latin)


def test_a_notice_in_the_wide_font_has_the_same_bytes_in_another_process():
    script = (
        "import sys, hashlib; sys.path.insert(0, sys.argv[1]);"
        "from tests.notices.test_fonts import _for; from caseworker.notices import render;"
        "print(hashlib.sha256(render('court', _for('court'))).hexdigest())")
    root = str(Path(__file__).parents[2])
    digests = {subprocess.run([sys.executable, "-c", script, root], capture_output=True,
                              text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
                              ).stdout.strip() for seed in ("1", "2")}
    assert len(digests) == 1 and len(digests.pop()) == 64
