"""Plain Vietnamese and English words for every verdict reason code (icao.reasons.Reason,
documented in docs/security.md) and every passive-authentication check name
(icao.pki.checks), for counter staff. The technical ids stay behind "Details".

One table, so the wording is reviewed in one place; tests/kiosk/test_staff_words.py proves
that every code and every check name icao can produce has words here.

    reason_words(code, files, language) -> str     why a check failed / what the verdict is
    check_words(check, language) -> str            one check in plain words, with its reason
    file_words(dg, language) -> str                "ảnh chân dung (DG2)" / "the portrait (DG2)"
"""

from __future__ import annotations

from icao.pki.checks import Check, Status
from icao.reasons import Reason

Words = tuple[str, str]  # (Vietnamese, English)

#: What the data groups of a Vietnamese ID card hold (ICAO 9303-10 4.7), lower case.
FILES: dict[str, Words] = {
    "DG1": ("dữ liệu vùng đọc máy (DG1)", "the machine-readable data (DG1)"),
    "DG2": ("ảnh chân dung (DG2)", "the portrait (DG2)"),
    "DG11": ("thông tin bổ sung (DG11)", "the additional personal data (DG11)"),
    "DG12": ("thông tin về việc cấp thẻ (DG12)", "the card's issuing data (DG12)"),
    "DG13": ("thông tin cá nhân (DG13)", "the personal data (DG13)"),
    "DG14": ("khóa chứng minh chip (DG14)", "the chip authentication key (DG14)"),
    "DG15": ("khóa xác thực chủ động (DG15)", "the active authentication key (DG15)"),
}

#: Why: one sentence per reason code. {files} names the data groups concerned.
REASONS: dict[Reason, Words] = {
    Reason.GENUINE: (
        "Chip đã chứng minh là thẻ thật do cơ quan cấp phát hành",
        "The chip proved it is a genuine card from the issuing authority"),
    Reason.GENUINE_REVOCATION_NOT_CHECKED: (
        "Thẻ thật; chưa kiểm tra được việc thu hồi (chưa có danh sách thu hồi mới)",
        "Genuine; revocation was not checked (no current revocation list)"),
    Reason.MALFORMED: (
        "Dữ liệu bảo mật trên chip bị lỗi cấu trúc, không đọc được",
        "The chip's security data is malformed and cannot be read"),
    Reason.CONTENT_TYPE_INVALID: (
        "Dữ liệu bảo mật trên chip không đúng loại quy định",
        "The chip's security data is not of the required type"),
    Reason.SIGNED_DIGEST_MISMATCH: (
        "Danh sách mã băm đã bị thay đổi sau khi ký",
        "The list of data hashes was changed after it was signed"),
    Reason.SIGNATURE_INVALID: (
        "Chữ ký số của cơ quan cấp không hợp lệ",
        "The issuing authority's signature is not valid"),
    Reason.DG_HASH_MISMATCH: (
        "{files} trên chip khác với dữ liệu cơ quan cấp đã ký: thẻ đã bị sửa",
        "{files} on the chip differs from what the issuing authority signed: the card was "
        "altered"),
    Reason.DG_NOT_IN_SOD: (
        "Chip chứa {files} mà cơ quan cấp không ký",
        "The chip holds {files}, which the issuing authority did not sign"),
    Reason.COM_MALFORMED: (
        "Danh mục dữ liệu của chip (EF.COM) bị lỗi",
        "The chip's list of its data (EF.COM) is malformed"),
    Reason.REQUIRED_DG_NOT_IN_SOD: (
        "Cơ quan cấp không ký {files}, dữ liệu mà máy cần",
        "The issuing authority did not sign {files}, which the kiosk needs"),
    Reason.DG_WITHHELD: (
        "Chip giấu {files} dù dữ liệu đã ký có liệt kê: có thể là thẻ sao chép",
        "The chip withholds {files} although its signed data lists it: probably a copy"),
    Reason.FOREIGN_SIGNER: (
        "Thẻ được ký bởi cơ quan của một nước khác với nước cấp thẻ",
        "The card is signed by another state than the one that issued it"),
    Reason.SIGNER_COUNTRY_MISSING: (
        "Chứng thư ký thẻ không ghi rõ một quốc gia",
        "The signing certificate names no single country"),
    Reason.ISSUING_STATE_UNREADABLE: (
        "Không đọc được nước cấp trong dữ liệu đã ký",
        "The issuing state in the signed data cannot be read"),
    Reason.DS_EXPIRED: (
        "Chứng thư ký thẻ đã hết hạn",
        "The certificate that signed the card has expired"),
    Reason.DS_NOT_YET_VALID: (
        "Chứng thư ký thẻ chưa có hiệu lực",
        "The certificate that signed the card is not valid yet"),
    Reason.CHAIN_INVALID: (
        "Chứng thư ký thẻ không được chứng thư gốc (CSCA) của nước cấp xác nhận",
        "The signing certificate is not vouched for by the issuing state's root (CSCA)"),
    Reason.CSCA_NOT_VALID: (
        "Chứng thư gốc (CSCA) của nước cấp không còn hiệu lực",
        "The issuing state's root certificate (CSCA) is not valid"),
    Reason.DS_REVOKED: (
        "Cơ quan cấp đã thu hồi chứng thư ký thẻ này",
        "The issuing authority has revoked the certificate that signed this card"),
    Reason.CHIP_PROOF_FAILED: (
        "Chip không chứng minh được khóa bí mật của thẻ gốc: dữ liệu đã bị chép sang chip "
        "khác",
        "The chip could not prove it holds the original card's secret key: the data was "
        "copied to another chip"),
    Reason.SOD_MISSING: (
        "Chip không có dữ liệu bảo mật (EF.SOD) nên không kiểm tra được gì",
        "The chip has no security data (EF.SOD), so nothing on it can be checked"),
    Reason.NO_CSCA: (
        "Máy chưa có chứng thư gốc (CSCA) của nước cấp thẻ: gọi kỹ thuật viên",
        "The kiosk lacks the issuing state's root certificate (CSCA): call a technician"),
    Reason.SIGNER_CERTIFICATE_MISSING: (
        "Dữ liệu bảo mật không kèm chứng thư của người ký",
        "The security data does not carry its signer's certificate"),
    Reason.ALGORITHM_UNSUPPORTED: (
        "Thẻ dùng một thuật toán mà máy chưa kiểm tra được",
        "The card uses an algorithm the kiosk cannot check"),
    Reason.REVOCATION_NOT_CHECKED: (
        "Chưa kiểm tra được việc thu hồi: máy chưa có danh sách thu hồi (CRL) mới của nước "
        "cấp",
        "Revocation was not checked: the kiosk has no current revocation list (CRL) of the "
        "issuing state"),
    Reason.UNKNOWN_ISSUING_STATE: (
        "Mã nước cấp thẻ không có trong danh mục của ICAO",
        "The issuing state's code is not on the ICAO list"),
    Reason.NOT_VERIFIED: (
        "Dữ liệu của chip chưa được kiểm tra",
        "The chip's data was not checked"),
    Reason.DOWNGRADED: (
        "Thẻ bị đọc bằng giao thức yếu hơn (BAC) dù thẻ dùng PACE: đọc lại thẻ bằng số CAN",
        "The card was read with the weaker protocol (BAC) although it uses PACE: read it "
        "again with the CAN"),
    Reason.NO_CHIP_PROOF: (
        "Chip không có cách chứng minh là chip gốc, nên không phân biệt được với bản sao",
        "The chip offers no proof that it is the original, so a copy cannot be told apart"),
    Reason.CHIP_KEY_NOT_SIGNED: (
        "Khóa mà chip dùng để chứng minh không được cơ quan cấp ký",
        "The key the chip proved is not one the issuing authority signed"),
    Reason.PROOF_INTERRUPTED: (
        "Việc chứng minh chip gốc bị gián đoạn: đặt lại thẻ và đọc lại",
        "The chip's proof was interrupted: place the card again and read it again"),
}

#: What a check found when it passed. Keys are check names; "dg_hash." and "dg_read." take
#: the data group ({file}); "card_security.*" repeat the SOD's checks for EF.CardSecurity.
CHECKS: dict[str, Words] = {
    "sod.present": ("Chip có dữ liệu bảo mật", "The chip has its security data"),
    "sod.parse": ("Dữ liệu bảo mật của chip đọc được", "The chip's security data is readable"),
    "sod.content_type": ("Dữ liệu bảo mật đúng loại quy định",
                         "The security data is of the required type"),
    "sod.message_digest": ("Danh sách mã băm không bị thay đổi sau khi ký",
                           "The list of data hashes is unchanged since it was signed"),
    "sod.signature": ("Chữ ký số của cơ quan cấp hợp lệ",
                      "The issuing authority's signature is valid"),
    "ds.validity": ("Chứng thư ký thẻ còn hiệu lực",
                    "The certificate that signed the card is valid"),
    "ds.chain": ("Chứng thư ký thẻ được chứng thư gốc (CSCA) của nước cấp xác nhận",
                 "The signing certificate is vouched for by the issuing state's root (CSCA)"),
    "csca.validity": ("Chứng thư gốc (CSCA) của nước cấp còn hiệu lực",
                      "The issuing state's root certificate (CSCA) is valid"),
    "ds.revocation": ("Chứng thư ký thẻ không bị thu hồi",
                      "The signing certificate has not been revoked"),
    "ds.country": ("Thẻ được ký bởi cơ quan của chính nước cấp",
                   "The card is signed by the state that issued it"),
    "dg_hash.": ("{file} khớp với dữ liệu cơ quan cấp đã ký",
                 "{file} matches what the issuing authority signed"),
    "dg_read.": ("Chip cung cấp đủ {file}", "The chip gave {file}"),
    "com.coverage": ("Mọi dữ liệu chip cung cấp đều được ký",
                     "Every data group the chip offers is signed"),
    "sod.required": ("Mọi dữ liệu máy cần đều được ký",
                     "Every data group the kiosk needs is signed"),
    "card_security.parse": ("Dữ liệu bảo mật của giao thức PACE đọc được",
                            "The chip's PACE security data is readable"),
    "card_security.message_digest": ("Dữ liệu bảo mật PACE không bị thay đổi sau khi ký",
                                     "The PACE security data is unchanged since it was signed"),
    "card_security.signature": ("Chữ ký số trên dữ liệu bảo mật PACE hợp lệ",
                                "The signature on the PACE security data is valid"),
    "card_security.signer.validity": ("Chứng thư ký dữ liệu PACE còn hiệu lực",
                                      "The certificate that signed the PACE data is valid"),
    "card_security.signer.chain": ("Chứng thư ký dữ liệu PACE được chứng thư gốc xác nhận",
                                   "The PACE data's signing certificate is vouched for by the "
                                   "root (CSCA)"),
    "card_security.signer.revocation": ("Chứng thư ký dữ liệu PACE không bị thu hồi",
                                        "The PACE data's signing certificate has not been "
                                        "revoked"),
    "card_security.signer.country": ("Dữ liệu PACE được ký bởi chính nước cấp",
                                     "The PACE data is signed by the state that issued it"),
}

#: The chip's own proof (CA, PACE-CAM, AA: ICAO 9303-11 6.2, 4.4.3.5, 6.1), as a check line.
CHIP_PROOF: Words = ("Chip chứng minh được là chip gốc, không phải bản sao ({method})",
                     "The chip proved it is the original, not a copy ({method})")


def language_index(language: str) -> int:
    """Which of a Words pair to show: 0 for Vietnamese, 1 for English."""
    return 0 if language == "vi" else 1


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def file_words(dg: str, language: str) -> str:
    words = FILES.get(dg)
    if words is None:
        return f"nhóm dữ liệu {dg}" if language == "vi" else f"data group {dg}"
    return words[language_index(language)]


def _files(files: tuple[str, ...] | list[str], language: str) -> str:
    named = [file_words(f, language) for f in files] or (
        ["một nhóm dữ liệu"] if language == "vi" else ["a data group"])
    joined = (" và " if language == "vi" else " and ").join(named)
    return joined


def reason_words(code: Reason | str, files: tuple[str, ...] | list[str] = (),
                 language: str = "vi") -> str:
    """The plain sentence for a reason code (unknown codes: the code itself, so a new code
    from icao is never hidden; the test keeps the table complete)."""
    try:
        words = REASONS[Reason(code)]
    except ValueError:
        return str(code)
    text = words[language_index(language)]
    if "{files}" in text:
        text = text.replace("{files}", _files(files, language))
    return _capital(text)


def check_key(name: str) -> str:
    """The CHECKS key of a check name ("dg_hash.DG2" -> "dg_hash.")."""
    for prefix in ("dg_hash.", "dg_read."):
        if name.startswith(prefix):
            return prefix
    return name


def check_words(check: Check, language: str) -> str:
    """One check in plain words: what it found when it passed, else why it did not."""
    if check.status is not Status.PASSED and check.code is not None:
        return reason_words(check.code, check.files, language)
    words = CHECKS.get(check_key(check.name))
    if words is None:
        return check.name
    dg = check.name.split(".", 1)[1] if check_key(check.name) != check.name else ""
    return _capital(words[language_index(language)].replace("{file}", file_words(dg, language)))


def chip_proof_words(method: str | None, language: str) -> str:
    return CHIP_PROOF[language_index(language)].replace("{method}", method or "CA/AA")
