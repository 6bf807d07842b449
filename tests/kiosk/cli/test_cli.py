"""The `kiosk` command line: discovery, help, and `python -m kiosk`."""

from __future__ import annotations

import subprocess
import sys

import pytest

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


def test_command_modules_are_named_after_their_words():
    """Lazy registration finds a command by its file name: each module's COMMAND must be the
    words its name spells (cmd_store_verify_audit.py is `kiosk store verify-audit`)."""
    from kiosk.cli import command_words

    for mod in _modules():
        assert tuple(mod.COMMAND) == command_words(mod.__name__.rsplit(".", 1)[1]), mod.__name__


def _modules():
    from kiosk.cli import _command_modules

    return _command_modules()


def test_a_command_imports_only_its_own_module(monkeypatch):
    for name in [m for m in sys.modules if m.startswith("kiosk.cli.cmd_")]:
        monkeypatch.delitem(sys.modules, name)
    parser = build_parser(["read", "--can", "123456"])
    assert parser.parse_args(["read", "--can", "123456"]).can == "123456"
    assert sorted(m for m in sys.modules if m.startswith("kiosk.cli.cmd_")) == ["kiosk.cli.cmd_read"]
    build_parser(["diag", "card"])
    assert "kiosk.cli.cmd_diag_card" in sys.modules
    assert "kiosk.cli.cmd_diag_calibrate" not in sys.modules
    build_parser(["diag", "--help"])  # the group's help lists all of its commands
    assert "kiosk.cli.cmd_diag_calibrate" in sys.modules
    assert "kiosk.cli.cmd_bench_soak" not in sys.modules


def test_help_lists_every_command_and_group(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    for word in ("read", "run", "chip", "diag", "bench", "trust", "face", "capture", "forms",
                 "store", "config"):
        assert f"\n    {word} " in out, word


def test_version(capsys):
    import tomllib
    from pathlib import Path

    import kiosk

    project = tomllib.loads((Path(__file__).parents[3] / "pyproject.toml").read_text("utf-8"))
    assert kiosk.__version__ == project["project"]["version"]
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert capsys.readouterr().out == f"kiosk {kiosk.__version__}\n"


def _no_display_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items()
            if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


def test_run_without_a_display_says_so_in_one_line_and_exits_2():
    for argv in (["run"], [], ["--windowed"]):
        out = subprocess.run([sys.executable, "-m", "kiosk", *argv], capture_output=True,
                             text=True, timeout=60, env=_no_display_env())
        assert out.returncode == 2, (argv, out.stderr)
        assert out.stdout == ""
        lines = out.stderr.splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith("kiosk: error: no display (DISPLAY is not set): ")
        assert "QT_QPA_PLATFORM=offscreen" in lines[0] and "scripts/demo" in lines[0]


def test_a_display_that_does_not_answer_is_named():
    from kiosk.launch import display_problem

    problem = display_problem({"DISPLAY": ":97"}, "linux")
    assert problem is not None and problem.startswith("the X display :97 does not answer")
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}, "linux") \
        is not None
    assert display_problem({}, "win32") is None


def test_run_options_reach_the_app_unchanged(tmp_path):
    import argparse

    from kiosk.launch import add_run_arguments, run_argv

    parser = argparse.ArgumentParser()
    add_run_arguments(parser)
    settings = tmp_path / "x.toml"
    settings.touch()
    argv = ["--windowed", "--role", "staff", "--demo", "--config", str(settings),
            "--screenshots", "/tmp/s", "--quit-after", "2.5"]
    args = parser.parse_args(argv)
    assert parser.parse_args(run_argv(args)) == args


def test_bench_startup_prints_both_timings_and_their_ratio(capsys):
    import json

    assert main(["bench", "startup", "--runs", "3", "--read-runs", "0", "--json"]) in (0, 1)
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "bench.startup" and doc["target_ratio"] == 2.5
    assert len(doc["python_pass_ms"]["samples"]) == len(doc["kiosk_help_ms"]["samples"]) == 3
    median = sorted(doc["kiosk_help_ms"]["samples"])[1]
    assert doc["kiosk_help_ms"]["median"] == round(median, 2)
    assert doc["ratio"] == round(doc["kiosk_help_ms"]["median"]
                                 / doc["python_pass_ms"]["median"], 2)
    assert doc["passed"] is (doc["ratio"] <= 2.5)
    assert doc["read"] is None and doc["read_skipped"] is None


@pytest.mark.pcsc
def test_bench_startup_times_kiosk_read_as_a_process_and_inside(pcscd, capsys):
    """`kiosk read` through pcscd with the emulated chip: process wall time beside the read
    time the command reports itself (the difference is start-up and set-up)."""
    import json

    main(["bench", "startup", "--runs", "1", "--read-runs", "2", "--json"])
    doc = json.loads(capsys.readouterr().out)
    read = doc["read"]
    assert read is not None, doc["read_skipped"]
    assert len(read["process_ms"]["samples"]) == len(read["in_process_ms"]["samples"]) == 2
    for outside, inside in zip(read["process_ms"]["samples"], read["in_process_ms"]["samples"],
                               strict=True):
        assert outside > inside > 0
    assert read["overhead_ms"] == round(read["process_ms"]["median"]
                                        - read["in_process_ms"]["median"], 2)
