"""The `kiosk` command line: discovery, help, and `python -m kiosk`."""

from __future__ import annotations

import subprocess
import sys

from kiosk.cli import build_parser, main


def test_every_command_module_registers_and_has_help(capsys):
    parser = build_parser()
    help_text = parser.format_help()
    assert "COMMAND" in help_text
    # each discovered command parses its own --help without error
    from kiosk.cli import _command_modules

    mods = _command_modules()
    for mod in mods:
        assert isinstance(mod.HELP, str) and mod.HELP, mod.__name__
        assert 1 <= len(mod.COMMAND) <= 2, mod.__name__


def test_python_dash_m_kiosk_is_the_same_command():
    out = subprocess.run([sys.executable, "-m", "kiosk", "--help"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0
    assert "usage: kiosk" in out.stdout


def test_unknown_command_exits_with_usage_error(capsys):
    try:
        main(["no-such-command"])
    except SystemExit as exc:
        assert exc.code == 2
    else:  # pragma: no cover
        raise AssertionError("argparse should have rejected the command")
