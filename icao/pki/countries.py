"""Which state a document and a certificate belong to (ICAO 9303-3 5, 9303-12 7.1.1).

DG1 names the issuing state with the ICAO 9303-3 three-letter code (ISO 3166-1 alpha-3, plus
ICAO's own codes such as "D" for Germany and "UNO" for the United Nations); CSCA and Document
Signer certificates name it in countryName with the two-letter code (ISO 3166-1 alpha-2, 9303-12
7.1.1; some CSCAs write it in lower case). Passive authentication compares them (9303-11 5.1,
BSI TR-03105-5): a state only signs its own documents.

The alpha-3 -> alpha-2 pairs are ISO 3166-1 as published by Debian's iso-codes 4.x. The
additions are 9303-3 Table 6 codes that are not ISO 3166 states, mapped to the countryName their
CSCAs use in the German and Dutch master lists (tests/data/vectors/pki): Kosovo signs as "KS",
the EU laissez-passer as "EU", the UN as "UN". Hong Kong and Macao SAR documents name "CHN"
and their CSCAs "CN", which needs no exception.

API:
    alpha2_of(icao_code: str) -> frozenset[str]   the countryName values that may sign it
    normalise_country(value: str | None) -> str | None  "vn" -> "VN"
"""

from __future__ import annotations

from types import MappingProxyType

# ISO 3166-1: alpha-3 followed by alpha-2, one pair per word.
_ISO_3166 = """
    ABWAW AFGAF AGOAO AIAAI ALAAX ALBAL ANDAD AREAE ARGAR ARMAM ASMAS ATAAQ ATFTF ATGAG AUSAU
    AUTAT AZEAZ BDIBI BELBE BENBJ BESBQ BFABF BGDBD BGRBG BHRBH BHSBS BIHBA BLMBL BLRBY BLZBZ
    BMUBM BOLBO BRABR BRBBB BRNBN BTNBT BVTBV BWABW CAFCF CANCA CCKCC CHECH CHLCL CHNCN CIVCI
    CMRCM CODCD COGCG COKCK COLCO COMKM CPVCV CRICR CUBCU CUWCW CXRCX CYMKY CYPCY CZECZ DEUDE
    DJIDJ DMADM DNKDK DOMDO DZADZ ECUEC EGYEG ERIER ESHEH ESPES ESTEE ETHET FINFI FJIFJ FLKFK
    FRAFR FROFO FSMFM GABGA GBRGB GEOGE GGYGG GHAGH GIBGI GINGN GLPGP GMBGM GNBGW GNQGQ GRCGR
    GRDGD GRLGL GTMGT GUFGF GUMGU GUYGY HKGHK HMDHM HNDHN HRVHR HTIHT HUNHU IDNID IMNIM INDIN
    IOTIO IRLIE IRNIR IRQIQ ISLIS ISRIL ITAIT JAMJM JEYJE JORJO JPNJP KAZKZ KENKE KGZKG KHMKH
    KIRKI KNAKN KORKR KWTKW LAOLA LBNLB LBRLR LBYLY LCALC LIELI LKALK LSOLS LTULT LUXLU LVALV
    MACMO MAFMF MARMA MCOMC MDAMD MDGMG MDVMV MEXMX MHLMH MKDMK MLIML MLTMT MMRMM MNEME MNGMN
    MNPMP MOZMZ MRTMR MSRMS MTQMQ MUSMU MWIMW MYSMY MYTYT NAMNA NCLNC NERNE NFKNF NGANG NICNI
    NIUNU NLDNL NORNO NPLNP NRUNR NZLNZ OMNOM PAKPK PANPA PCNPN PERPE PHLPH PLWPW PNGPG POLPL
    PRIPR PRKKP PRTPT PRYPY PSEPS PYFPF QATQA REURE ROURO RUSRU RWARW SAUSA SDNSD SENSN SGPSG
    SGSGS SHNSH SJMSJ SLBSB SLESL SLVSV SMRSM SOMSO SPMPM SRBRS SSDSS STPST SURSR SVKSK SVNSI
    SWESE SWZSZ SXMSX SYCSC SYRSY TCATC TCDTD TGOTG THATH TJKTJ TKLTK TKMTM TLSTL TONTO TTOTT
    TUNTN TURTR TUVTV TWNTW TZATZ UGAUG UKRUA UMIUM URYUY USAUS UZBUZ VATVA VCTVC VENVE VGBVG
    VIRVI VNMVN VUTVU WLFWF WSMWS YEMYE ZAFZA ZMBZM ZWEZW
"""

#: 9303-3 Table 6 codes beyond ISO 3166-1 and the exceptions to it (9303-3 5.1: Germany is "D").
_ICAO_EXTRA: dict[str, frozenset[str]] = {
    "D": frozenset({"DE"}),
    # British nationals' codes may stand in the issuing-state field of UK-issued documents.
    **{code: frozenset({"GB"}) for code in ("GBD", "GBN", "GBO", "GBP", "GBS")},
    "RKS": frozenset({"KS", "XK"}),     # Kosovo: "KS" in the master lists, "XK" elsewhere
    "EUE": frozenset({"EU"}),           # European Union laissez-passer
    **{code: frozenset({"UN"}) for code in ("UNO", "UNA", "UNK")},  # United Nations
}

_TABLE: MappingProxyType[str, frozenset[str]] = MappingProxyType({
    **{word[:3]: frozenset({word[3:]}) for word in _ISO_3166.split()},
    **_ICAO_EXTRA,
})


def alpha2_of(icao_code: str) -> frozenset[str]:
    """The countryName values a CSCA / DS of the state `icao_code` may carry; empty if the
    code is not a state 9303-3 knows ("<" fillers are ignored)."""
    return _TABLE.get(icao_code.strip().rstrip("<").upper(), frozenset())


def normalise_country(value: str | None) -> str | None:
    """countryName compared case-insensitively (RFC 5280 7.1 folds case; some CSCAs say "gb")."""
    if value is None:
        return None
    value = value.strip().upper()
    return value or None


__all__ = ["alpha2_of", "normalise_country"]
