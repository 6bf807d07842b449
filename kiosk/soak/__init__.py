"""Long runs: many full reads and many full kiosk sessions in one process, watching resources.

A kiosk runs for weeks without a restart, so a leak of one file descriptor, one thread or a few
kilobytes per citizen ends in a dead kiosk. `soak_reads` repeats the whole read the kiosk does
(a fresh PC/SC connection, PACE, every data group, CA/AA, passive authentication, the identity:
kiosk.reading's pipeline) through pyscard -> pcscd -> vpcd -> the emulated chip;
`soak_sessions` repeats whole citizen sessions through `KioskCore` and `Session` (the code the
Qt window drives, without the window; the work the session asks for runs inline,
`run_due_work`): consent, service, CAN, read, face check against the demo camera, form,
submission to the encrypted store, wipe.

Resources are sampled from /proc (sampling.py); the kiosk's face analysis child process is
sampled separately. No personal data is reported: only counts, sizes and times.
"""

from kiosk.soak.runs import (
    SOAK_SERVICE_FIELD_VALUE,
    run_due_work,
    run_session,
    soak_config,
    soak_reads,
    soak_sessions,
)
from kiosk.soak.sampling import (
    MAX_MEMORY_GROWTH_PCT,
    Sample,
    SoakError,
    SoakReport,
    _run,
    child_rss_kb,
    sample,
)

__all__ = [
    "MAX_MEMORY_GROWTH_PCT", "SOAK_SERVICE_FIELD_VALUE", "Sample", "SoakError", "SoakReport",
    "_run", "child_rss_kb", "run_due_work", "run_session", "sample", "soak_config",
    "soak_reads", "soak_sessions",
]
