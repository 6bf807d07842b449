"""What `kiosk read` prints: the JSON payload (docs/cli/read.md) and the human report, whose
first line is the verdict. Personal fields are masked unless asked for.

    read_payload(doc, views, judged, ...) -> dict        the JSON body (kind "read")
    render_text(payload, doc, judged) -> str             the human report
    exit_code(judged) -> int                             0 genuine; 6 / 7 / 8 otherwise
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from kiosk.cli.output import print_table, to_jsonable

if TYPE_CHECKING:
    from icao.document import Document
    from icao.lds.decoder import ParsedFiles
    from icao.pki.store import TrustStore
    from icao.reader import ReadOptions
    from kiosk.diag.profiles import ReaderSetup
    from kiosk.reading.inspection import ChipRead

#: Exit codes of `kiosk read` (docs/cli/read.md). 2-5 are the read's own failures; 6-8 a
#: completed read whose chip is not proven genuine.
EXIT_GENUINE = 0
EXIT_USAGE = 2
EXIT_PCSC = 3
EXIT_ACCESS_DENIED = 4
EXIT_CHIP_ERROR = 5
EXIT_NOT_GENUINE = 6
EXIT_CLONED = 7
EXIT_NOT_PROVABLE = 8

_EXIT_OF = {"genuine": EXIT_GENUINE, "not_genuine": EXIT_NOT_GENUINE, "cloned": EXIT_CLONED,
            "not_provable": EXIT_NOT_PROVABLE}


def exit_code(judged: ChipRead | None) -> int:
    """0 only for a genuine chip; with `--no-verify` (nothing judged) 0 for a completed read."""
    return EXIT_GENUINE if judged is None else _EXIT_OF[judged.verdict.status.value]


def mask(text: str | None, show: bool) -> str | None:
    """Keep the first character of longer fields; the rest becomes '*' (length kept)."""
    if text is None or show:
        return text
    if len(text) <= 3:
        return "*" * len(text)
    return text[:1] + "*" * (len(text) - 1)


def personal_summary(doc: Document, views: ParsedFiles, show: bool) -> dict[str, str | None]:
    """DG1's MRZ fields, masked unless `show`; empty if DG1 was not read, an error entry if
    it does not parse or (verifying) did not verify, since then it was never decoded."""
    if views.dg1 is None:
        if "DG1" in views.errors:
            return {"error": "DG1 could not be parsed"}
        if "DG1" in doc.files:
            return {"error": "DG1 did not verify, so it was not decoded"}
        return {}
    mrz = views.dg1.mrz
    return {
        "document_type": mrz.document_code,
        "issuing_state": mrz.issuing_state,
        "document_number": mask(mrz.document_number, show),
        "id_number": mask(mrz.id_number, show),
        "name": mask(" ".join(n for n in mrz.names if n), show),
        "birth_date": mask(mrz.birth_date, show),
        "expiry_date": mask(mrz.expiry_date, show),
        "sex": mask(mrz.sex, show),
    }


def read_payload(doc: Document, views: ParsedFiles, judged: ChipRead | None, *,
                 reader: str, setup: ReaderSetup, options: ReadOptions, flags: list[str],
                 trust: TrustStore | None, trust_dir: str | None, require_crl: bool,
                 show_personal: bool) -> dict[str, Any]:
    """The JSON payload. Fields of the first version are kept as they were; the verdict,
    the proofs and the read's capabilities were added with issue 14. `options` are the
    settings the read ran with: the reader's (`setup`), then the command's `flags`."""
    from kiosk.reading.proofs import chip_proofs

    verdict = judged.verdict if judged is not None else None
    return {
        "access": doc.access,
        "files": {name: len(raw) for name, raw in doc.files.items()},
        "absent": list(doc.absent),
        "denied": list(doc.denied),
        "apdu_count": doc.apdu_count,
        "link_bytes": doc.link_bytes,
        "bytes_read": doc.bytes_read,
        "seconds": round(doc.seconds, 4),
        "read_size": doc.read_size,
        "reconnects": doc.reconnects,
        "steps": [{"name": s.name, "ms": round(s.seconds * 1000, 2), "apdus": s.apdus,
                   "link_bytes": s.link_bytes} for s in doc.steps],
        "chip_auth": doc.chip_auth,
        "active_auth": doc.active_auth,
        "warnings": list(doc.warnings),
        "personal": personal_summary(doc, views, show_personal),
        "personal_masked": not show_personal,
        # --- issue 14: the verdict, acted on by the exit code -----------------------------
        "verified": judged is not None,
        "genuineness": verdict.status.value if verdict is not None else None,
        "verdict": None if verdict is None else {
            "status": verdict.status.value, "code": verdict.code.value,
            "reason": verdict.reason, "method": verdict.method, "check": verdict.check,
            "files": list(verdict.files)},
        "proofs": to_jsonable(chip_proofs(
            doc, judged, skipped=None if judged is not None else "--no-verify")),
        "trust": None if trust is None else {
            "dir": trust_dir, "certificates": len(trust.certificates()),
            "crls": len(trust.crls()), "require_crl": require_crl},
        # --- issue 15: what the read learned and how it ran --------------------------------
        "reader": reader,
        "read_settings": {"extended": options.extended, "max_read": options.max_read,
                          "apdu_timeout_s": setup.apdu_timeout_s,
                          "retries": options.max_reconnects, "deadline_s": options.deadline_s,
                          "source": setup.source, "flags": flags},
        "capabilities": doc.capabilities.describe() if doc.capabilities else None,
        "session_restarts": doc.session_restarts,
    }


def render_text(payload: dict[str, Any], doc: Document, judged: ChipRead | None) -> str:
    """The human report: the verdict first, then how the chip was opened and read."""
    from kiosk.reading.proofs import verdict_line

    lines = [verdict_line(judged.verdict if judged is not None else None)]
    a = doc.access
    detail = f" {a.mapping} on {a.curve}" if a.protocol == "PACE" else ""
    lines.append(f"Opened with {a.protocol}{detail}, {a.cipher}, password "
                 f"{a.password.upper()} (reader {payload['reader']})")
    text = "\n".join(lines) + "\n"
    text += _table([[n, str(s)] for n, s in payload["files"].items()], ["file", "bytes"])
    out: list[str] = []
    if doc.absent or doc.denied:
        out.append(f"absent: {', '.join(doc.absent) or '-'}   protected: "
                   f"{', '.join(doc.denied) or '-'}")
    text += "\n".join(out) + ("\n" if out else "")
    text += _table([[s["name"], f"{s['ms']:.1f}", str(s["apdus"]), str(s["link_bytes"])]
                    for s in payload["steps"]], ["step", "ms", "APDUs", "link bytes"])
    out = [f"total: {doc.apdu_count} APDUs, {doc.link_bytes} bytes on the link, "
           f"{doc.seconds * 1000:.0f} ms, read size {doc.read_size}"]
    caps = doc.capabilities
    if caps is not None:
        out.append(f"extended length: {'yes' if caps.extended_length else 'no'} (decided by "
                   f"{caps.source}), largest read {caps.max_read}")
    if doc.session_restarts:
        out.append(f"secure session re-established {doc.session_restarts} time(s)")
    labels = {"passive_authentication": "passive authentication",
              "chip_authentication": "chip authentication",
              "active_authentication": "active authentication"}
    for proof in payload["proofs"]:
        if proof["name"] in labels:
            out.append(f"{labels[proof['name']]}: {proof['status']} ({proof['reason']})")
            out += [f"  - {check}" for check in proof["failed_checks"]]
    for key_name, value in payload["personal"].items():
        out.append(f"{key_name}: {value}")
    out += [f"warning: {w}" for w in doc.warnings]
    return text + "\n".join(out) + "\n"


def _table(rows: list[list[str]], headers: list[str]) -> str:
    buf = io.StringIO()
    print_table(rows, headers, stream=buf)
    return buf.getvalue()


__all__ = ["EXIT_ACCESS_DENIED", "EXIT_CHIP_ERROR", "EXIT_CLONED", "EXIT_GENUINE",
           "EXIT_NOT_GENUINE", "EXIT_NOT_PROVABLE", "EXIT_PCSC", "EXIT_USAGE", "exit_code",
           "mask", "personal_summary", "read_payload", "render_text"]
