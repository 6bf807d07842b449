"""Is every data group that matters covered by EF.SOD? (ICAO 9303-11 5.1 step 3, 9303-10
4.6.2, BSI TR-03105-5 tests of the SOD against EF.COM.)

Four questions, each a check that names the DGs it is about:
- dg_hash.DGn:   does each DG read hash to the value signed in the SOD?
- com.coverage:  does the SOD cover every DG that EF.COM says the chip holds? (EF.COM is not
                 signed, 9303-10 4.6.1, but a DG the chip offers outside the SOD is data no
                 state vouches for.)
- sod.required:  does the SOD cover every DG this read needs (PkiPolicy.required_dgs)?
- dg_read.DGn:   did the chip give every DG its SOD lists that the read asked for or needs?
                 A clone that hides DG2 (so the face check cannot run) fails here, naming DG2.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Collection, Mapping

from icao.errors import IcaoError
from icao.lds.com import Com
from icao.lds.sod import Sod
from icao.pki.checks import Check, dg_order, fail, not_possible, ok
from icao.pki.policy import PkiPolicy
from icao.pki.signature import digest
from icao.reasons import Reason

_DG_NAME = re.compile(r"^DG([1-9]|1[0-6])$")


def _names(names: Collection[str]) -> str:
    return ", ".join(sorted(names, key=dg_order))


def listed(sod: Sod) -> frozenset[str]:
    return frozenset(f"DG{n}" for n in sod.dg_hashes)


def dg_hashes(files: Mapping[str, bytes], sod: Sod) -> list[Check]:
    """Hash each read DG's raw bytes and compare with the SOD (never a re-encoding)."""
    out = []
    for name in sorted((k for k in files if _DG_NAME.match(k)), key=dg_order):
        expected = sod.dg_hashes.get(int(name[2:]))
        check = f"dg_hash.{name}"
        if expected is None:
            out.append(fail(check, Reason.DG_NOT_IN_SOD,
                            f"{name} was read but the SOD does not cover it", files=(name,)))
            continue
        try:
            actual = digest(sod.hash_algorithm, files[name])
        except IcaoError as exc:
            out.append(not_possible(check, Reason.ALGORITHM_UNSUPPORTED,
                                    f"{name} cannot be hashed", exc.message, files=(name,)))
            continue
        if hmac.compare_digest(actual, expected):
            out.append(ok(check, f"{name} matches the hash signed in the SOD",
                          sod.hash_algorithm, files=(name,)))
        else:
            # No hash values in the detail: a hash of DG1 would let anyone holding the log
            # confirm a guessed MRZ offline.
            out.append(fail(check, Reason.DG_HASH_MISMATCH,
                            f"{name} was changed: its hash differs from the SOD",
                            sod.hash_algorithm, files=(name,)))
    return out


def com_coverage(com: Com | None, error: IcaoError | None, sod: Sod) -> Check | None:
    """Every DG listed in EF.COM is in the SOD's hash list (None when EF.COM was not read)."""
    if error is not None:
        return fail("com.coverage", Reason.COM_MALFORMED, "EF.COM is malformed, so the data "
                    "groups the chip offers cannot be checked against the SOD", error.message)
    if com is None:
        return None
    offered = frozenset(f"DG{n}" for n in com.data_groups)
    missing = offered - listed(sod)
    if missing:
        return fail("com.coverage", Reason.DG_NOT_IN_SOD,
                    f"the chip offers {_names(missing)} but the SOD does not cover "
                    f"{'it' if len(missing) == 1 else 'them'}",
                    f"EF.COM lists {_names(offered)}",
                    files=tuple(sorted(missing, key=dg_order)))
    return ok("com.coverage", "the SOD covers every data group the chip offers",
              f"EF.COM lists {_names(offered)}")


def required(sod: Sod, policy: PkiPolicy) -> Check | None:
    """Every DG the read needs is in the SOD's hash list (None when nothing is required)."""
    if not policy.required_dgs:
        return None
    missing = policy.required_dgs - listed(sod)
    if missing:
        return fail("sod.required", Reason.REQUIRED_DG_NOT_IN_SOD,
                    f"the SOD does not cover {_names(missing)}, which this kiosk needs",
                    f"required {_names(policy.required_dgs)}",
                    files=tuple(sorted(missing, key=dg_order)))
    return ok("sod.required", "the SOD covers every data group this kiosk needs",
              f"required {_names(policy.required_dgs)}")


def withheld(files: Mapping[str, bytes], sod: Sod, policy: PkiPolicy,
             refused: Collection[str]) -> list[Check]:
    """DGs the SOD lists that the chip did not give although asked (`refused`: answered
    "not found" or "not allowed") or needed (policy), except those behind terminal
    authentication."""
    out = []
    wanted = (frozenset(refused) | policy.required_dgs) - policy.protected_dgs
    for name in sorted(listed(sod) & wanted, key=dg_order):
        if name in files:
            continue
        out.append(fail(f"dg_read.{name}", Reason.DG_WITHHELD,
                        f"the SOD lists {name} but the chip did not give it: a copy of the "
                        f"card may be hiding it", files=(name,)))
    return out


__all__ = ["com_coverage", "dg_hashes", "listed", "required", "withheld"]
