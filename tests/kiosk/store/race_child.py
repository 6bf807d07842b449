"""`kiosk ...` with a rendezvous inside the outbox claim, for the two-deliverers test.

    race_child.py RENDEZVOUS_DIR KIOSK_ARGS...

The first time this process's claim query (the SELECT of due outbox rows) has run, it waits,
inside the claim's transaction, until another process has reached the same point or 1.5 s
have passed. Two deliverers started together then read the outbox at the same moment: without
a row lock (PostgreSQL) or an immediate transaction (SQLite) both take the same row. With
them, the second one is held at its lock (or skips the locked rows) and the first goes on
after the wait.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def main() -> int:
    folder = Path(sys.argv[1])
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    waited = [False]

    def after(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        flat = " ".join(statement.split()).lower()
        if waited[0] or not flat.startswith("select outbox.") or "join submissions" not in flat:
            return
        waited[0] = True
        (folder / f"arrived-{os.getpid()}").touch()
        deadline = time.monotonic() + 1.5
        while len(list(folder.glob("arrived-*"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)

    event.listen(Engine, "after_cursor_execute", after)
    from kiosk.cli import main as kiosk_main

    return kiosk_main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
