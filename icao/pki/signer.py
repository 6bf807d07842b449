"""The signer side of passive authentication: the CMS signature, the Document Signer
certificate, its chain to a CSCA of the right state, and revocation (RFC 5652 5.4/11; ICAO
9303-11 5.1 steps 1-2; 9303-12 7.1; RFC 5280 6.1, 6.3). EF.SOD and EF.CardSecurity share it.

The state rule (9303-11 5.1, 9303-12 7.1.1, BSI TR-03105-5): a CSCA is the trust anchor of
one state. The issuing state in DG1, the DS certificate's country (subject and issuer), and
every certificate of the chain up to the CSCA must name the same state; otherwise a DS under
another state's CSCA (all of them imported from the German master list, say) could sign a
Vietnamese card.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import datetime

from icao.errors import CryptoError, IcaoError
from icao.lds.cms import SignedObject
from icao.pki.cert import Certificate
from icao.pki.checks import Check, fail, not_possible, ok
from icao.pki.countries import alpha2_of
from icao.pki.masterlist import find_signer
from icao.pki.signature import digest, verify_signature
from icao.pki.store import TrustStore
from icao.reasons import Reason

Lap = Callable[[str], None]


def _no_lap(step: str) -> None:
    return None


def signature_checks(signed: SignedObject, prefix: str,
                     lap: Lap = _no_lap) -> tuple[list[Check], Certificate | None]:
    """messageDigest over the content, then the signature under the embedded signer."""
    out: list[Check] = []
    if signed.has_signed_attrs:
        try:
            actual = digest(signed.digest_algorithm, signed.econtent)
            if signed.message_digest is None:
                out.append(fail(f"{prefix}.message_digest", Reason.SIGNED_DIGEST_MISMATCH,
                                "signed attributes lack the messageDigest"))
            elif hmac.compare_digest(actual, signed.message_digest):
                out.append(ok(f"{prefix}.message_digest",
                              "the signed digest matches the content", signed.digest_algorithm))
            else:
                out.append(fail(f"{prefix}.message_digest", Reason.SIGNED_DIGEST_MISMATCH,
                                "the content differs from what was signed"))
        except IcaoError as exc:
            out.append(not_possible(f"{prefix}.message_digest", Reason.ALGORITHM_UNSUPPORTED,
                                    "digest algorithm not supported", exc.message))
    lap("message_digest")
    try:
        ds: Certificate | None = find_signer(signed)
    except IcaoError:
        ds = None
    lap("signer_certificate")
    if ds is None:
        out.append(not_possible(f"{prefix}.signature", Reason.SIGNER_CERTIFICATE_MISSING,
                                "the signer's certificate is not in the file; the signature "
                                "cannot be checked"))
        return out, None
    try:
        verify_signature(ds.public_key(), signed.signature_scheme, signed.digest_algorithm,
                         signed.signature, signed.signed_bytes, pss=signed.pss_params())
        out.append(ok(f"{prefix}.signature", "the document signer's signature is valid",
                      f"{signed.signature_scheme} {signed.digest_algorithm}"))
    except CryptoError as exc:
        out.append(fail(f"{prefix}.signature", Reason.SIGNATURE_INVALID,
                        "the document signer's signature is not valid", exc.message))
    except IcaoError as exc:
        out.append(not_possible(f"{prefix}.signature", Reason.ALGORITHM_UNSUPPORTED,
                                "the signature algorithm is not supported", exc.message))
    lap("signature")
    return out, ds


def certificate_checks(ds: Certificate, trust: TrustStore, at: datetime, cert_prefix: str,
                       countries: frozenset[str], lap: Lap = _no_lap, *, csca_check: bool = True,
                       ) -> tuple[list[Check], tuple[Certificate, ...] | None]:
    """DS validity, the chain (a path inside `countries` preferred), CSCA validity, CRL."""
    out: list[Check] = []
    span = f"{ds.not_before:%Y-%m-%d}..{ds.not_after:%Y-%m-%d}"
    if ds.valid_at(at):
        out.append(ok(f"{cert_prefix}.validity", "the document signer certificate is valid at "
                      "the verification time", span))
    elif at > ds.not_after:
        out.append(fail(f"{cert_prefix}.validity", Reason.DS_EXPIRED,
                        "the document signer certificate has expired", span))
    else:
        out.append(fail(f"{cert_prefix}.validity", Reason.DS_NOT_YET_VALID,
                        "the document signer certificate is not yet valid", span))
    chain = trust.find_chain(ds, countries=countries or None)
    lap("chain")
    if chain is None:
        if trust.issuers_of(ds):
            out.append(fail(f"{cert_prefix}.chain", Reason.CHAIN_INVALID, "the document signer "
                            "certificate does not verify under any CSCA of that name in the "
                            "trust store; if the country renewed its CSCA, import the current "
                            "master list", f"issuer {ds.issuer}"))
        else:
            out.append(not_possible(f"{cert_prefix}.chain", Reason.NO_CSCA, "the issuing "
                                    "country's CSCA is not in the trust store; import its "
                                    "master list or CSCA", f"issuer {ds.issuer}"))
        return out, None
    csca = chain[-1]
    out.append(ok(f"{cert_prefix}.chain", "the document signer chains to a trusted CSCA",
                  " <- ".join(c.subject for c in chain)))
    if csca_check:
        csca_span = f"{csca.not_before:%Y-%m-%d}..{csca.not_after:%Y-%m-%d}"
        if csca.valid_at(at):
            out.append(ok("csca.validity", "the CSCA certificate is valid at the verification "
                          "time", csca_span))
        else:
            out.append(fail("csca.validity", Reason.CSCA_NOT_VALID, "the CSCA certificate is "
                            "not valid at the verification time", csca_span))
    out.append(revocation(ds, chain[0], trust, at, f"{cert_prefix}.revocation"))
    lap("revocation")
    return out, chain


def revocation(ds: Certificate, issuer: Certificate, trust: TrustStore, at: datetime,
               name: str) -> Check:
    """RFC 5280 6.3 with the CSCA's CRL (9303-12 7.1.4). "Not possible" is a result of its
    own: the policy (require_crl) decides whether it blocks."""
    crl = trust.crl_for(issuer)
    if crl is None:
        return not_possible(name, Reason.REVOCATION_NOT_CHECKED, "no CRL from this CSCA in the "
                            "trust store; revocation not checked", f"issuer {issuer.subject}")
    revoked_at = crl.revocation_of(ds.serial)
    if revoked_at is not None and revoked_at <= at:
        return fail(name, Reason.DS_REVOKED, "the document signer certificate has been revoked",
                    f"revoked {revoked_at:%Y-%m-%d}")
    if crl.next_update is not None and crl.next_update < at:
        return not_possible(name, Reason.REVOCATION_NOT_CHECKED, "the CRL is out of date; "
                            "revocation not checked; import a newer one",
                            f"next update {crl.next_update:%Y-%m-%d}")
    return ok(name, "the document signer certificate is not revoked",
              f"CRL of {crl.this_update:%Y-%m-%d}")


def country_check(name: str, ds: Certificate, chain: tuple[Certificate, ...] | None,
                  state: str | None) -> Check:
    """Issuing state (DG1, ICAO code) = DS country = DS issuer country = every chain country."""
    if ds.country is None or ds.issuer_country is None:
        return fail(name, Reason.SIGNER_COUNTRY_MISSING, "the document signer certificate "
                    "names no single country, so it cannot be bound to a state",
                    f"subject {ds.subject}; issuer {ds.issuer}")
    country = ds.country
    if state is not None:
        allowed = alpha2_of(state)
        if not allowed:
            return not_possible(name, Reason.UNKNOWN_ISSUING_STATE, f"the issuing state code "
                                f"{state!r} in DG1 is not one ICAO 9303-3 lists, so its signer "
                                f"cannot be bound to it")
        if country not in allowed:
            return fail(name, Reason.FOREIGN_SIGNER, f"the document says it was issued by "
                        f"{state} but its document signer belongs to {country}: a state signs "
                        f"only its own documents", f"subject {ds.subject}")
    if ds.issuer_country != country:
        return fail(name, Reason.FOREIGN_SIGNER, f"the document signer of {country} was "
                    f"issued by a CSCA of {ds.issuer_country}: a CSCA is trusted only for its "
                    f"own state", f"issuer {ds.issuer}")
    for cert in chain or ():
        if cert.country != country:
            return fail(name, Reason.FOREIGN_SIGNER, f"the document signer of {country} "
                        f"chains to a CSCA of {cert.country or 'no country'}: a CSCA is "
                        f"trusted only for its own state", f"CSCA {cert.subject}")
    anchored = "and its CSCA belong" if chain else "belongs"
    if state is None:
        return ok(name, f"the document signer {anchored} to {country} (the issuing state in "
                  f"DG1 was not read)", country)
    return ok(name, f"issued by {state}; the document signer {anchored} to {country}", country)


__all__ = ["certificate_checks", "country_check", "revocation", "signature_checks"]
