"""A kiosk that submits and delivers in a loop, for the SIGKILL test.

    crash_child.py URL KEY_FILE BACKOFFICE_URL CA_FILE TOKEN_FILE START COUNT [STEP OCCURRENCE]

Prints "committed N REF" after each submit returns. With STEP, the process SIGKILLs itself the
OCCURRENCE-th time it reaches that step (store steps: submit.before_commit, submit.committed;
delivery steps: claimed, sent, settled), i.e. at an exact point between two durable states.
"""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    url, key_file, bo_url, ca_file, token_file, start, count = sys.argv[1:8]
    kill_step = sys.argv[8] if len(sys.argv) > 8 else None
    kill_at = int(sys.argv[9]) if len(sys.argv) > 9 else 1
    seen: dict[str, int] = {}

    def step(name: str, _ref: str = "") -> None:
        seen[name] = seen.get(name, 0) + 1
        if name == kill_step and seen[name] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    from kiosk.store import open_store
    from kiosk.store.http import TlsSettings
    from kiosk.store.outbox import Deliverer

    store = open_store(url, key_file=key_file, on_step=step)
    deliverer = Deliverer(store, bo_url, timeout_s=5, on_step=step,
                          tls=TlsSettings(ca_file=ca_file, token_file=token_file))
    for n in range(int(start), int(start) + int(count)):
        sub = store.submit("crash-test", {"n": n, "ho_ten": "Lê Thị Hồng"}, actor="staff:1")
        print("committed", n, sub.reference, flush=True)
        deliverer.run_once()
    print("done", flush=True)


if __name__ == "__main__":
    main()
