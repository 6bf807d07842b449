"""The in-memory trust store: CSCA certificates, link certificates and CRLs.

Everything in it is trusted because a technician imported it deliberately (a master list whose
signature chained to a root they chose, or a CSCA they checked out of band); ICAO 9303-12 5.1.
`kiosk.trust` persists it; this class never touches the disk.

API:
    TrustStore(); add_certificate(der) -> Certificate (alias add_csca);
    add_crl(der, *, verify=True) -> Crl
    certificates() / crls(); issuers_of(cert) -> list[Certificate]; crl_for(csca) -> Crl | None
    find_chain(cert, *, countries=None, max_depth=4) -> tuple[Certificate, ...] | None
    anchors_for(country) -> tuple[Certificate, ...]; countries() -> dict[str, int]
"""

from __future__ import annotations

from collections.abc import Collection

from icao.errors import CryptoError, IcaoError, ParseError
from icao.pki.cert import Certificate, parse_certificate
from icao.pki.crl import Crl, parse_crl


class TrustStore:
    def __init__(self) -> None:
        self._certs: dict[str, Certificate] = {}   # sha256 -> certificate
        self._crls: dict[str, Crl] = {}            # sha256 -> CRL

    def __len__(self) -> int:
        return len(self._certs)

    def __repr__(self) -> str:
        return f"TrustStore(certificates={len(self._certs)}, crls={len(self._crls)})"

    def add_certificate(self, cert: bytes | Certificate, *, require_ca: bool = True) -> Certificate:
        """Add a CSCA or link certificate (idempotent).

        `require_ca=False` for master-list entries: the list's signer vouches that they are
        CSCAs, and a few older ones lack basicConstraints.
        """
        c = cert if isinstance(cert, Certificate) else parse_certificate(bytes(cert))
        if require_ca and not c.is_ca:
            raise ParseError("certificate is not a CA certificate (basicConstraints cA is not "
                             "set); only CSCA and link certificates belong in the trust store",
                             step="pki.store")
        self._certs.setdefault(c.sha256, c)
        return c

    def add_csca(self, cert: bytes | Certificate) -> Certificate:
        """Alias of `add_certificate` (the name the app core uses)."""
        return self.add_certificate(cert)

    def add_crl(self, crl: bytes | Crl, *, verify: bool = True) -> Crl:
        """Add a CRL; by default its signature must verify under a CSCA already here."""
        c = crl if isinstance(crl, Crl) else parse_crl(bytes(crl))
        if verify:
            issuers = self._issuers(c.issuer_key, c.aki)
            if not issuers:
                raise CryptoError(f"no CSCA in the trust store issued this CRL ({c.issuer}); "
                                  "import the CSCA first", step="pki.store")
            for issuer in issuers:
                try:
                    c.verify_issued_by(issuer)
                    break
                except IcaoError:
                    continue
            else:
                raise CryptoError("CRL signature does not verify under its CSCA",
                                  step="pki.store")
        # One CRL per issuer: keep the newest (RFC 5280 5.1.2.4 thisUpdate).
        for key, old in list(self._crls.items()):
            if old.issuer_key == c.issuer_key and old.aki == c.aki:
                if old.this_update >= c.this_update:
                    return old
                del self._crls[key]
        self._crls[c.sha256] = c
        return c

    def certificates(self) -> tuple[Certificate, ...]:
        return tuple(self._certs.values())

    def crls(self) -> tuple[Crl, ...]:
        return tuple(self._crls.values())

    def _issuers(self, issuer_key: bytes, aki: bytes | None) -> list[Certificate]:
        by_name = [c for c in self._certs.values() if c.subject_key == issuer_key]
        if aki is None:
            return by_name
        # Key identifiers first (RFC 5280 4.2.1.1), names as the tie-breaker; some CSCAs
        # re-key under the same name, and some DSCs carry no AKI at all.
        exact = [c for c in by_name if c.ski == aki]
        by_key = [c for c in self._certs.values() if c.ski == aki and c not in exact]
        # Same name, other key last: verification decides (a forged DS, or a renewed CSCA
        # that was not imported yet).
        rest = [c for c in by_name if c not in exact]
        return exact + by_key + rest

    def issuers_of(self, cert: Certificate) -> list[Certificate]:
        return self._issuers(cert.issuer_key, cert.aki)

    def find_chain(self, cert: Certificate, *, countries: Collection[str] | None = None,
                   max_depth: int = 4) -> tuple[Certificate, ...] | None:
        """Issuer path from `cert` to a self-signed CSCA here, each signature verified.

        Link certificates (9303-12 7.1.2: new CSCA key signed by the old one) are followed; a
        store certificate whose own issuer is absent still anchors, since it was imported as
        trusted. With `countries` (the document's issuing state as countryName values), a path
        whose every certificate belongs to that state is preferred; failing one, any path is
        returned so that passive authentication can name the foreign CSCA (9303-11 5.1: a
        CSCA is trusted only for its own state's documents).
        """
        if countries:
            wanted = frozenset(c.upper() for c in countries)
            own = self._walk(cert, max_depth, (), wanted)
            if own is not None:
                return own
        return self._walk(cert, max_depth, (), None)

    def anchors_for(self, country: str) -> tuple[Certificate, ...]:
        """The certificates here that may anchor documents of `country` (countryName)."""
        wanted = country.upper()
        return tuple(c for c in self._certs.values() if c.country == wanted)

    def countries(self) -> dict[str, int]:
        """countryName -> number of certificates (None-country certificates under "")."""
        out: dict[str, int] = {}
        for c in self._certs.values():
            out[c.country or ""] = out.get(c.country or "", 0) + 1
        return dict(sorted(out.items()))

    def _walk(self, cert: Certificate, depth: int, path: tuple[Certificate, ...],
              countries: frozenset[str] | None) -> tuple[Certificate, ...] | None:
        if depth == 0:
            return None
        fallback = None
        # Shortest path first: a self-signed CSCA that issued `cert` beats a link certificate
        # with the same subject and key (which leads to the same key via an older CSCA).
        candidates = sorted(self.issuers_of(cert), key=lambda c: not c.self_issued)
        for issuer in candidates:
            if issuer in path or issuer.sha256 == cert.sha256:
                continue
            if countries is not None and issuer.country not in countries:
                continue
            try:
                cert.verify_issued_by(issuer)
            except IcaoError:
                continue
            here = path + (issuer,)
            if issuer.self_issued:
                return here
            longer = self._walk(issuer, depth - 1, here, countries)
            if longer is not None:
                return longer
            fallback = fallback or here
        return fallback

    def crl_for(self, csca: Certificate) -> Crl | None:
        for crl in self._crls.values():
            if crl.issuer_key == csca.subject_key and (crl.aki is None or csca.ski is None
                                                       or crl.aki == csca.ski):
                return crl
        return None
