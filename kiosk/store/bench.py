"""Outbox throughput: submit N forms, then deliver them to a local back-office server.

Measures the store's own cost (JSON + AES-GCM + one transaction with its MACed audit entry
per submit; claim, decrypt, HTTPS POST over loopback with a bearer token and a fresh TLS
connection per attempt, the echoed key checked, settle per delivery), not the network's. Run
it with `kiosk bench store [--n N] [--json]`.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from kiosk.store.http import TlsSettings
from kiosk.store.opening import open_store
from kiosk.store.outbox import Deliverer
from kiosk.store.testserver import BackOfficeServer

SAMPLE_FORM = {
    "ho_ten": "Nguyễn Văn Bình", "ngay_sinh": "1990-05-17", "gioi_tinh": "Nam",
    "so_dinh_danh": "001090012345", "quoc_tich": "Việt Nam", "dan_toc": "Kinh",
    "noi_cu_tru": "Số 5 ngõ 12 phố Huế, Phường Hai Bà Trưng, Thành phố Hà Nội",
    "ly_do": "Đăng ký thường trú", "so_dien_thoai": "0912345678",
}


def measure_outbox(n: int = 200, *, url: str | None = None) -> dict[str, Any]:
    """Submit then deliver `n` submissions; return timings and the back office's counts.

    `url` None: a temporary SQLite file (the kiosk default); otherwise that database (use an
    empty one: the submissions are left in it).
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        db = url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        store = open_store(db, key_file=Path(tmp) / "bench.key")
        backend = store.backend
        try:
            with BackOfficeServer.tls(Path(tmp)) as bo:
                assert bo.pki is not None and bo.token_file is not None
                tls = TlsSettings(ca_file=str(bo.pki.ca_file), token_file=str(bo.token_file))
                t0 = time.perf_counter()
                for i in range(n):
                    store.submit("bench", {**SAMPLE_FORM, "i": i}, actor="system:bench")
                t1 = time.perf_counter()
                report = Deliverer(store, bo.url, worker_id="bench", tls=tls).run_once()
                t2 = time.perf_counter()
                requests, effects = len(bo.received.requests), len(bo.received.effects)
            audit_ok = store.verify_audit().ok
            t3 = time.perf_counter()
        finally:
            store.close()
    submit_s, deliver_s = t1 - t0, t2 - t1
    return {
        "n": n,
        "backend": backend,
        "tls": True,
        "submit_s": round(submit_s, 4),
        "submits_per_s": round(n / submit_s, 1),
        "submit_ms_each": round(1000 * submit_s / n, 3),
        "deliver_s": round(deliver_s, 4),
        "deliveries_per_s": round(n / deliver_s, 1),
        "deliver_ms_each": round(1000 * deliver_s / n, 3),
        "delivered": report.delivered,
        "requests": requests,
        "effects": effects,
        "audit_verified": audit_ok,
        "verify_audit_s": round(t3 - t2, 4),
    }
