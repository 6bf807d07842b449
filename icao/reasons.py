"""Stable machine reason codes for passive authentication checks and the genuineness verdict.

Why one enum: the kiosk maps each code to plain Vietnamese / English words on the staff panel,
the CLI prints it in JSON, and audits record it, so the values are an interface: never rename
one, add new ones freely. Every code says which verdict it leads to (docs/security.md lists
them all with the test that proves each). A code never carries personal data; the check or
the data group it is about travels beside it (`Check.name`, `Genuineness.files`).
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    # --- genuine -----------------------------------------------------------------------------
    GENUINE = "genuine"                              # PA passed, CRL checked, chip key proven
    GENUINE_REVOCATION_NOT_CHECKED = "genuine_revocation_not_checked"  # same, no usable CRL

    # --- not_genuine: passive authentication failed (the data is not what the state signed) --
    MALFORMED = "malformed"                          # EF.SOD / EF.CardSecurity does not parse
    CONTENT_TYPE_INVALID = "content_type_invalid"    # eContentType / contentType attribute
    SIGNED_DIGEST_MISMATCH = "signed_digest_mismatch"  # messageDigest differs from the content
    SIGNATURE_INVALID = "signature_invalid"          # the signer's signature does not verify
    DG_HASH_MISMATCH = "dg_hash_mismatch"            # a DG differs from its hash in the SOD
    DG_NOT_IN_SOD = "dg_not_in_sod"                  # a DG read or offered (EF.COM) is unsigned
    COM_MALFORMED = "com_malformed"                  # EF.COM does not parse
    REQUIRED_DG_NOT_IN_SOD = "required_dg_not_in_sod"  # a DG the read needs is not signed
    DG_WITHHELD = "dg_withheld"                      # the SOD lists a DG the chip did not give
    FOREIGN_SIGNER = "foreign_signer"                # DS / CSCA of another state than the doc
    SIGNER_COUNTRY_MISSING = "signer_country_missing"  # a certificate names no country
    ISSUING_STATE_UNREADABLE = "issuing_state_unreadable"  # signed DG1 does not parse
    DS_EXPIRED = "ds_expired"
    DS_NOT_YET_VALID = "ds_not_yet_valid"
    CHAIN_INVALID = "chain_invalid"                  # DS does not verify under the named CSCA
    CSCA_NOT_VALID = "csca_not_valid"                # CSCA expired or not yet valid
    DS_REVOKED = "ds_revoked"

    # --- cloned: the chip could not prove it holds the key the state signed -----------------
    CHIP_PROOF_FAILED = "chip_proof_failed"

    # --- not_provable: nothing is known to be wrong, but genuineness cannot be shown --------
    SOD_MISSING = "sod_missing"
    NO_CSCA = "no_csca"                              # no CSCA of this state in the trust store
    SIGNER_CERTIFICATE_MISSING = "signer_certificate_missing"
    ALGORITHM_UNSUPPORTED = "algorithm_unsupported"
    REVOCATION_NOT_CHECKED = "revocation_not_checked"  # no / stale CRL, trust.require_crl on
    UNKNOWN_ISSUING_STATE = "unknown_issuing_state"  # DG1 code not an ICAO 9303-3 state
    NOT_VERIFIED = "not_verified"                    # passive authentication was not run
    DOWNGRADED = "downgraded"                        # read with BAC although DG14 says PACE
    NO_CHIP_PROOF = "no_chip_proof"                  # neither CA/PACE-CAM nor AA was performed
    CHIP_KEY_NOT_SIGNED = "chip_key_not_signed"      # proof on a key the SOD does not cover
    PROOF_INTERRUPTED = "proof_interrupted"          # AA/CA not possible (transport); retry


#: The verdict each code leads to (genuine / not_genuine / cloned / not_provable).
VERDICT_OF: dict[Reason, str] = {
    **{r: "genuine" for r in (Reason.GENUINE, Reason.GENUINE_REVOCATION_NOT_CHECKED)},
    **{r: "not_genuine" for r in (
        Reason.MALFORMED, Reason.CONTENT_TYPE_INVALID, Reason.SIGNED_DIGEST_MISMATCH,
        Reason.SIGNATURE_INVALID, Reason.DG_HASH_MISMATCH, Reason.DG_NOT_IN_SOD,
        Reason.COM_MALFORMED, Reason.REQUIRED_DG_NOT_IN_SOD, Reason.DG_WITHHELD,
        Reason.FOREIGN_SIGNER, Reason.SIGNER_COUNTRY_MISSING, Reason.ISSUING_STATE_UNREADABLE,
        Reason.DS_EXPIRED, Reason.DS_NOT_YET_VALID, Reason.CHAIN_INVALID, Reason.CSCA_NOT_VALID,
        Reason.DS_REVOKED)},
    Reason.CHIP_PROOF_FAILED: "cloned",
    **{r: "not_provable" for r in (
        Reason.SOD_MISSING, Reason.NO_CSCA, Reason.SIGNER_CERTIFICATE_MISSING,
        Reason.ALGORITHM_UNSUPPORTED, Reason.REVOCATION_NOT_CHECKED,
        Reason.UNKNOWN_ISSUING_STATE, Reason.NOT_VERIFIED, Reason.DOWNGRADED,
        Reason.NO_CHIP_PROOF, Reason.CHIP_KEY_NOT_SIGNED, Reason.PROOF_INTERRUPTED)},
}

__all__ = ["VERDICT_OF", "Reason"]
