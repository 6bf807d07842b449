"""The human text of a calibration report, made from its JSON form, so that the text printed by
`kiosk face calibrate` and `kiosk face threshold` always says what their `--json` says (every
number is printed as the JSON holds it)."""

from __future__ import annotations

from typing import Any

from kiosk.face.det import PERCENTILES


def _ci(ci: list[float] | None) -> str:
    return "-" if ci is None else f"[{ci[0]}, {ci[1]}]"


def _rate(r: dict[str, Any]) -> str:
    return (f"{r['errors']}/{r['comparisons']} = {r['rate']}  "
            f"units {r['unit_errors']}/{r['units']} {_ci(r['ci95'])}")


def det_lines(det: list[dict[str, Any]]) -> list[str]:
    out = ["DET: a comparison matches when distance <= threshold; 95 % intervals are "
           "Clopper-Pearson over units (capture pairs), a unit in error if any of its "
           "comparisons is",
           f"{'threshold':<10} {'FMR':<48} FNMR"]
    for row in det:
        out.append(f"{row['threshold']:<10} {_rate(row['fmr']):<48} {_rate(row['fnmr'])}")
    return out


def distribution_lines(m: dict[str, Any]) -> list[str]:
    cols = ["count", "min", *(f"p{p}" for p in PERCENTILES), "max", "mean"]
    out = [f"{'distances':<10} " + " ".join(f"{c:>7}" for c in cols)]
    for name in ("genuine", "impostor"):
        d = m[name]
        vals = [d["count"], d["min"], *(d["percentiles"].get(c) for c in cols[2:-2]),
                d["max"], d["mean"]]
        out.append(f"{name:<10} " + " ".join(f"{v!s:>7}" for v in vals))
    return out


def point_lines(p: dict[str, Any]) -> list[str]:
    at = p["at_threshold"]
    shown = "supported by these data" if p["supported"] else "NOT supported by these data"
    return [f"target FMR {p['target_fmr']}: threshold {p['threshold']} ({shown}; the data "
            f"alone would allow {p['raw_threshold']})",
            f"  FMR  {_rate(at['fmr'])}",
            f"  FNMR {_rate(at['fnmr'])}",
            f"  {p['note']}"]


def calibration_lines(m: dict[str, Any]) -> list[str]:
    """Every part of a `face.calibrate` report, in the order of the JSON."""
    ds, ind, need = m["dataset"], m["independence"], m["fmr_0_001"]
    aug = ", ".join(ds["augmentation"]) or "none"
    skipped = ", ".join(f"{k} x{v}" for k, v in m["photos_skipped"].items()) or "none"
    out = [f"data set   {ds['name']}: {ds['source']} ({ds['version']})",
           f"licence    {ds['licence']}",
           f"size       {ds['identities']} identities, {ds['images']} photographs, "
           f"{ds['captures']} independent captures",
           f"augmented  {aug}" + (" (same people: not new identities, not independent pairs)"
                                   if ds["augmentation"] else ""),
           f"skipped    {skipped}",
           f"protocol   {m['protocol']}",
           f"pairs      genuine {ind['genuine_comparisons']} comparisons over "
           f"{ind['genuine_capture_pairs']} capture pairs; impostor "
           f"{ind['impostor_comparisons']} comparisons over {ind['impostor_capture_pairs']} "
           f"capture pairs and {ind['impostor_identity_pairs']} identity pair(s)",
           "", *distribution_lines(m), "", *det_lines(m["det"]), ""]
    for p in m["operating_points"]:
        out.extend(point_lines(p))
    out += ["", f"FMR {need['target_fmr']} needs {need['impostor_pairs_needed']} independent "
                f"impostor pairs with no false match (rule of three, 3/FMR; exactly "
                f"{need['impostor_pairs_needed_exact']} for 95 %); these data have "
                f"{need['impostor_capture_pairs']} capture pairs from "
                f"{need['impostor_identity_pairs']} identity pair(s): "
                + ("shown" if need["shown"] else "NOT shown")]
    return out
