"""A kiosk that submits and delivers in a loop, for the SIGKILL test.

    crash_child.py URL KEY_FILE BACKOFFICE_URL START COUNT [STEP OCCURRENCE]

Prints "committed N REF" after each submit returns. With STEP, the process SIGKILLs itself the
OCCURRENCE-th time it reaches that step (store steps: submit.before_commit, submit.committed;
delivery steps: claimed, sent, settled), i.e. at an exact point between two durable states.
"""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    url, key_file, bo_url, start, count = sys.argv[1:6]
    kill_step = sys.argv[6] if len(sys.argv) > 6 else None
    kill_at = int(sys.argv[7]) if len(sys.argv) > 7 else 1
    seen: dict[str, int] = {}

    def step(name: str, _ref: str = "") -> None:
        seen[name] = seen.get(name, 0) + 1
        if name == kill_step and seen[name] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    from kiosk.store import open_store
    from kiosk.store.outbox import Deliverer

    store = open_store(url, key_file=key_file, on_step=step)
    deliverer = Deliverer(store, bo_url, worker_id="kiosk-A", timeout_s=5, on_step=step)
    for n in range(int(start), int(start) + int(count)):
        sub = store.submit("crash-test", {"n": n, "ho_ten": "Lê Thị Hồng"}, actor="staff:1")
        print("committed", n, sub.reference, flush=True)
        deliverer.run_once()
    print("done", flush=True)


if __name__ == "__main__":
    main()
