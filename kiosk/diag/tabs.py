"""The technician screen's tabs as text: `report_text(tab, sources)`.

The UI (ui/screens/technician.py) shows this text in a monospace view; it holds no logic of
its own. `sources` is what the running kiosk already holds (`Sources`: kiosk.core.KioskCore
fits), so the tabs use its open store, trust store and shared camera instead of opening a
second one; a plain kiosk.config.Config is accepted too (tests, the command line), and then
the trust store, database and camera are opened from it. Nothing here raises: a tab that
cannot be produced says why, in its text.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.config import Config

if TYPE_CHECKING:
    from icao.pki.store import TrustStore
    from kiosk.face.station import LiveCamera
    from kiosk.forms.printing import PrinterList
    from kiosk.reading.readers import ReaderPolicy
    from kiosk.store import Store

TABS = ("readers", "camera", "trust", "health", "settings")


class Sources(Protocol):
    """The running kiosk's parts the tabs read (kiosk.core.KioskCore)."""

    config: Config
    reading: Any  # kiosk.reading.ReadingService: its reader policy is the core's actual mode

    def trust_store(self) -> TrustStore: ...

    def store(self) -> Store: ...

    def camera(self) -> LiveCamera | None: ...

    def printers(self) -> PrinterList: ...


_Opener = Callable[[], Any] | None


def _parts(sources: Sources | Config) -> tuple[Config, _Opener, _Opener, _Opener, _Opener]:
    """(config, trust_store, store, camera, printers) accessors; None: open from the config."""
    if isinstance(sources, Config):
        return sources, None, None, None, None
    return (sources.config, sources.trust_store, sources.store, sources.camera,
            sources.printers)


def report_text(tab: str, sources: Sources | Config) -> str:
    """The text of technician tab `tab` (one of TABS)."""
    if tab not in TABS:
        return f"Unknown tab {tab!r}; tabs: {', '.join(TABS)}\n"
    try:
        if tab == "readers":
            return readers_text(*_parts(sources)[:1], policy=_policy(sources))
        if tab == "health":
            return health_text(*_parts(sources), training=_policy(sources).training)
        return _TABS[tab](*_parts(sources))
    except Exception as exc:  # noqa: BLE001 - the screen shows the failure instead of dying
        return f"The {tab} report could not be produced ({type(exc).__name__}).\n"


def _policy(sources: Sources | Config) -> ReaderPolicy:
    """The reader choice the kiosk really makes: the running core's (its demo and training
    mode, not the settings file's), else one built from the settings (the command line)."""
    from kiosk.reading.readers import ReaderPolicy

    reading = None if isinstance(sources, Config) else getattr(sources, "reading", None)
    if reading is not None:
        return reading.readers.policy
    config = sources if isinstance(sources, Config) else sources.config
    return ReaderPolicy(config.reader.name_pattern or "", bool(config.kiosk.training_mode))


def _use(policy: ReaderPolicy, reader: Any, chosen: str | None) -> str:
    """What the kiosk does with `reader`, in words."""
    if reader.name == chosen:
        return "the kiosk reads from this reader"
    if policy.demo_reader is not None:
        return "not used: the demo reads only from its own virtual reader"
    if reader.is_virtual and not policy.training:
        return "refused outside training mode"
    if policy.pattern and policy.pattern.casefold() not in reader.name.casefold():
        return f"not used: its name does not contain reader.name_pattern {policy.pattern!r}"
    return "not used: another reader comes first"


def readers_text(config: Any, *_: Any, policy: ReaderPolicy | None = None) -> str:
    from kiosk.diag.profiles import reader_setup
    from nfc.errors import PcscUnavailable
    from nfc.readers import list_readers

    policy = policy or _policy(config)
    try:
        readers = list_readers()
    except PcscUnavailable:
        return "pcscd (the smart-card service) is not reachable: start it, then refresh.\n"
    if not readers:
        return "No reader connected: check the reader's USB cable.\n"
    mode = ("demo" if policy.demo_reader is not None else
            "training mode: virtual readers allowed" if policy.training else
            "production: virtual readers refused")
    lines = [f"Mode: {mode}", ""]
    chosen = policy.choose(readers)
    for r in readers:
        atr = r.decoded_atr
        kind = "virtual" if r.is_virtual else "physical"
        card = "mute card" if r.mute else ("card present" if r.card_present else "no card")
        lines.append(f"{r.name}: {kind}, {card}; {_use(policy, r, chosen)}")
        if r.is_virtual and r.driver is not None and r.driver.signals:
            # by driver, not name (docs/security.md): say why, a renamed vpcd reader included
            lines.append(f"  virtual because: {'; '.join(r.driver.signals)}")
        if atr is not None:
            ext = atr.extended_length
            lines.append(f"  ATR {atr.raw.hex(' ').upper()}; protocols "
                         f"{', '.join(f'T={t}' for t in atr.protocols)}; extended length "
                         + ("unknown" if ext is None else "announced" if ext else
                            "not announced"))
        lines.append(f"  read settings: {reader_setup(config, r.name).describe()}")
    lines.append("")
    lines.append("Calibrate a reader with a card on it: kiosk diag calibrate --reader NAME "
                 "--can N --apply")
    return "\n".join(lines) + "\n"


class _LatestSource:
    """A FrameSource over the core's shared camera (`latest() -> ndarray`): waits for each
    new frame so the measured rate is the rate the grabber really delivers."""

    description = "shared camera"
    fps = None

    def __init__(self, camera: Any, timeout: float = 1.0) -> None:
        self.camera = camera
        self.timeout = timeout
        self._last: Any = None
        self._index = 0

    def read(self) -> Any:
        from kiosk.face.frames import Frame

        deadline = time.monotonic() + self.timeout
        while True:
            image = self.camera.latest()
            if image is not None and image is not self._last:
                break
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.005)  # poll the grabber's slot; frames arrive every ~33 ms
        self._last = image
        self._index += 1
        return Frame(image=image, timestamp=time.monotonic(), index=self._index - 1)

    def close(self) -> None:
        pass


def camera_text(config: Any, _trust: Any, _store: Any, camera: Any, *_: Any) -> str:
    from kiosk.diag.camera import check_camera, render_text

    if camera is not None:
        cam = camera()
        if cam is None:
            return "The camera is not available: check its cable, then refresh.\n"
        return render_text(check_camera(_LatestSource(cam), frames=10))
    from kiosk.face.camera import open_source
    from kiosk.face.errors import FaceError

    c = config.camera
    try:
        with open_source(c.source or c.index, width=c.width, height=c.height,
                         fps=c.fps) as source:
            return render_text(check_camera(source, frames=10))
    except FaceError as exc:
        return f"The camera could not be opened: {exc}\n"


def trust_text(config: Any, trust: Any, *_: Any) -> str:
    from datetime import UTC, datetime

    from kiosk.diag.health import check_trust

    store = trust() if trust is not None else None
    if store is None:
        from kiosk.trust.disk import DiskTrustStore
        from kiosk.trust.location import trust_dir

        store = DiskTrustStore(trust_dir(config.trust.dir or None)).load()
    now = datetime.now(UTC)
    age, crl = check_trust(config, now, store)
    lines = [age.line(), crl.line(), ""]
    certs = sorted(store.certificates(), key=lambda c: c.subject)
    lines.append(f"Certificates ({len(certs)}):")
    for c in certs:
        state = "expired" if c.not_after < now else "valid"
        lines.append(f"  {c.subject}  until {c.not_after.date().isoformat()} ({state})")
    crls = store.crls()
    lines.append(f"CRLs ({len(crls)}):")
    for c in crls:
        nxt = c.next_update.date().isoformat() if c.next_update else "-"
        lines.append(f"  {c.issuer}  issued {c.this_update.date().isoformat()}, next {nxt}, "
                     f"{len(c.revoked)} revoked")
    return "\n".join(lines) + "\n"


def health_text(config: Any, trust: Any, store: Any, camera: Any, printers: Any, *,
                training: bool | None = None) -> str:
    """`training`: the running kiosk's mode (its reader policy's), not only the file's."""
    from kiosk.diag.health import check_health, list_printers, render_text

    return render_text(check_health(
        config, store=store() if store else None, trust=trust() if trust else None,
        camera=camera() if camera else None, printers=printers or list_printers,
        training=training))


def settings_text(config: Any, *_: Any) -> str:
    from kiosk.config import to_document

    lines = []
    for section, table in to_document(config).items():
        lines.append(f"[{section}]")
        for k, v in table.items():
            if k == "profiles":
                for model, prof in v.items():
                    lines.append(f"  profiles.\"{model}\": " + ", ".join(
                        f"{a}={b}" for a, b in prof.items()))
                continue
            lines.append(f"  {k} = {v!r}")
    return "\n".join(lines) + "\n"


_TABS: dict[str, Callable[..., str]] = {
    "readers": readers_text, "camera": camera_text, "trust": trust_text,
    "health": health_text, "settings": settings_text,
}
