"""Rotate a store's key and SIGKILL itself after KILL_AFTER committed batches.

    rotate_child.py URL KEY_FILE BATCH KILL_AFTER
"""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    url, key_file, batch, kill_after = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
        int(sys.argv[4])
    from kiosk.store import open_store
    from kiosk.store.rotation import rotate

    done = [0]

    def on_batch(rows: int) -> None:
        done[0] += 1
        print("batch", done[0], rows, flush=True)
        if done[0] == kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

    store = open_store(url, key_file=key_file)
    rotate(store, batch=batch, actor="technician:kt01", on_batch=on_batch)
    print("finished", flush=True)


if __name__ == "__main__":
    main()
