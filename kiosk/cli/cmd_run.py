"""`kiosk run`: start the kiosk app (also what `kiosk` with no command does).

The app is the `ui` program (ui/__main__.py). This command checks that there is a display to
show it on, then replaces itself with `python -m ui` (os.execv: same process id, so a
supervisor or systemd sees one process), keeping the command line free of Qt.
"""

from __future__ import annotations

import argparse

COMMAND = ("run",)
HELP = "start the kiosk app (full screen; --windowed for a normal window)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.launch import add_run_arguments

    add_run_arguments(parser)


def run(args: argparse.Namespace) -> int:
    import os
    import sys

    from kiosk.cli.output import fail
    from kiosk.launch import display_problem, run_argv

    problem = display_problem()
    if problem is not None:
        return fail(problem, 2)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, "-m", "ui", *run_argv(args)])
    return 0  # not reached: execv replaced this process
