"""The Logical Data Structure files (ICAO 9303-10), parsed from the raw bytes read.

Every parser keeps the raw bytes and raises only `icao.errors.ParseError` on malformed input.
Results holding personal data mask it in their repr.

    icao.lds.com.parse_com(raw) -> Com
    icao.lds.dg1.parse_dg1(raw) -> Dg1              (MRZ via icao.mrz)
    icao.lds.dg2.parse_dg2(raw) -> Dg2              (19794-5 / 39794-5, Portrait)
    icao.lds.dg11.parse_dg11(raw) -> Dg11
    icao.lds.dg12.parse_dg12(raw) -> Dg12
    icao.lds.dg13                                    (Vietnam; owned by the identity work)
    icao.lds.security_infos.parse_security_infos(raw) -> SecurityInfos  (DG14, CardAccess)
    icao.lds.card_security.parse_card_security(raw) -> CardSecurity
    icao.lds.dg15.parse_dg15(raw) -> Dg15
    icao.lds.dg16.parse_dg16(raw) -> Dg16
    icao.lds.sod.parse_sod(raw) -> Sod
    icao.lds.cms.parse_signed_data(der, what=...) -> SignedObject
    icao.lds.portrait.decode_portrait(portrait, max_pixels=...) -> PIL.Image  (bounded)
    icao.lds.decoder.Decoder(files)     each file parsed once, a DG only after its hash
                                        verified; .snapshot() -> ParsedFiles (icao.inspection)
"""
