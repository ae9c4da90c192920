"""CLI misuse gets one line naming the problem, a non-zero exit and no traceback
(issue 18, item 7)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main
from tests.conftest import SEEDS


@pytest.mark.parametrize(
    "args, says",
    [
        (["serve", "--port", "99999"], "'--port': 99999 is not in the range"),
        (["serve", "--db", "{tmp}/typo.db"], "typo.db: no such database"),
        (["digest", str(SEEDS), "--out", "/proc/marsad-cannot-write-here", "--quiet"], "--out /proc/marsad-cannot-write-here: cannot write there"),
        (["stream", str(SEEDS), "--state", "{tmp}/corrupt.npz", "--quiet"], "corrupt.npz: not a marsad story state"),
    ],
)
def test_misuse_is_one_line_without_traceback(tmp_path: Path, args: list[str], says: str) -> None:
    (tmp_path / "corrupt.npz").write_bytes(b"\x80\x04 this is not an npz archive")
    result = CliRunner().invoke(main, [a.replace("{tmp}", str(tmp_path)) for a in args])
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code != 0
    assert says in output, output
    assert "Traceback" not in output and result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "typo.db").exists()  # serve did not create the mistyped database
