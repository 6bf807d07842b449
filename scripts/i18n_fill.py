"""Fill the Qt Linguist catalogues after lupdate (run by scripts/i18n).

kiosk_vi.ts: every message gets the Vietnamese below; kiosk_en.ts: English is the source
language, so each translation is the source text. A message with no Vietnamese here stays
"unfinished" and tests/ui/test_i18n.py fails, so a new UI string cannot ship untranslated.
The .ts files stay the reference for translators (pyside6-linguist edits them directly).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

VI = {
    # welcome, consent, service
    "May we read your ID card?": "Cho phép đọc thẻ căn cước của bạn?",
    "What we read from the chip: ID number, full name, date of birth, sex, nationality, ethnicity, religion, place of origin, residence, parents' and spouse's names, issue and expiry dates, and your photo.":
        "Những gì được đọc từ chip: số định danh, họ và tên, ngày sinh, giới tính, quốc tịch, dân tộc, tôn giáo, quê quán, nơi thường trú, họ tên cha, mẹ, vợ hoặc chồng, ngày cấp, ngày hết hạn và ảnh chân dung.",
    "Why: to fill in the form of the service you choose, and to check with the camera that the card is yours. Ethnicity, religion and your photo are sensitive personal data.":
        "Mục đích: điền sẵn tờ khai của dịch vụ bạn chọn và dùng camera để xác nhận thẻ là của bạn. Dân tộc, tôn giáo và ảnh chân dung là dữ liệu cá nhân nhạy cảm.",
    "How long: everything on this kiosk is erased when you remove your card or leave. A submitted form is kept encrypted and deleted %1 days after it reaches the office.":
        "Thời gian lưu: mọi dữ liệu trên máy sẽ bị xóa khi bạn rút thẻ hoặc rời đi. Hồ sơ đã gửi được mã hóa và xóa sau %1 ngày kể từ khi cơ quan nhận được.",
    'Nothing is read unless you tap "I agree".': "Không có dữ liệu nào được đọc nếu bạn không chọn \"Tôi đồng ý\".",
    "I agree": "Tôi đồng ý",
    "I do not agree": "Tôi không đồng ý",
    "Which service do you need?": "Bạn cần làm thủ tục nào?",
    "Next": "Tiếp tục",
    "Start over": "Làm lại từ đầu",
    # access key
    "Show the QR code on your card, or type the CAN": "Đưa mã QR trên thẻ vào camera, hoặc nhập số CAN",
    "CAN: the last 6 digits of your 12-digit ID number": "CAN: 6 chữ số cuối của số định danh 12 số",
    "Hold the QR code of your card in front of the camera": "Giữ mã QR trên thẻ trước camera",
    "No QR code? Read the MRZ": "Không có mã QR? Đọc dòng MRZ",
    "Hold the back of your card (3 lines of letters) to the camera": "Giữ mặt sau của thẻ (3 dòng chữ) trước camera",
    "Read the QR code": "Đọc mã QR",
    "No camera: please type the CAN": "Không có camera: vui lòng nhập số CAN",
    "The CAN must be 6 digits": "Số CAN phải gồm 6 chữ số",
    # card and reading
    "Place your card flat on the reader and keep it there": "Đặt thẻ nằm phẳng trên đầu đọc và giữ yên",
    "Reader: %1": "Đầu đọc: %1",
    "Looking for the card reader...": "Đang tìm đầu đọc thẻ...",
    "Reading your card": "Đang đọc thẻ của bạn",
    "Do not move the card. This takes a few seconds.": "Không di chuyển thẻ. Việc này mất vài giây.",
    "%1 of %2 KB": "%1 / %2 KB",
    "Connecting to the card": "Đang kết nối với thẻ",
    "Opening the chip securely": "Đang mở chip an toàn",
    "Reading the file list": "Đang đọc danh sách tệp",
    "Reading the security signature": "Đang đọc chữ ký bảo mật",
    "Reading the document data": "Đang đọc thông tin giấy tờ",
    "Reading your photo": "Đang đọc ảnh chân dung",
    "Reading your personal details": "Đang đọc thông tin cá nhân",
    "Reading the chip's key": "Đang đọc khóa của chip",
    "Checking the chip is genuine": "Đang kiểm tra chip là thật",
    "Checking the state's signature": "Đang kiểm tra chữ ký của Nhà nước",
    "Sending your form": "Đang gửi hồ sơ",
    # face
    "Let us check it is you": "Xác nhận bạn là chủ thẻ",
    "Photo on the chip": "Ảnh trong chip",
    "Camera": "Camera",
    "No camera: please call staff": "Không có camera: vui lòng gọi cán bộ",
    # review and receipt
    "Check your form": "Kiểm tra tờ khai",
    "Grey fields come from your chip and cannot be changed. Tap a white field to fill it in.":
        "Ô màu xám lấy từ chip và không sửa được. Chạm vào ô màu trắng để điền.",
    "Also print a copy": "In thêm một bản",
    "(from the chip)": "(từ chip)",
    "Confirm and send": "Xác nhận và gửi",
    "Your form has been sent": "Hồ sơ của bạn đã được gửi",
    "Keep this reference number. Counter staff will call you. Please take your card.":
        "Hãy giữ mã hồ sơ này. Cán bộ sẽ gọi bạn. Xin nhớ lấy lại thẻ.",
    "Done": "Xong",
    # errors
    "Something went wrong": "Đã có lỗi xảy ra",
    "Call staff": "Gọi cán bộ",
    "Try again": "Thử lại",
    "The number did not open your card. Check the 6-digit CAN (the last 6 digits of your ID number) and try again.":
        "Số vừa nhập không mở được thẻ. Hãy kiểm tra số CAN 6 chữ số (6 số cuối của số định danh) rồi thử lại.",
    "The card was moved away from the reader. Place it flat on the reader and keep it still.":
        "Thẻ đã bị dịch ra khỏi đầu đọc. Hãy đặt thẻ nằm phẳng trên đầu đọc và giữ yên.",
    "The card could not be read. Try again; if it happens again, please call staff.":
        "Không đọc được thẻ. Hãy thử lại; nếu vẫn lỗi, vui lòng gọi cán bộ.",
    "This card could not be verified. Please go to the counter.": "Không xác thực được thẻ này. Vui lòng đến quầy tiếp nhận.",
    "The kiosk could not confirm this card is genuine. Please go to the counter.":
        "Máy không xác nhận được thẻ này là thẻ thật. Vui lòng đến quầy tiếp nhận.",
    "The details on your card could not be read. Please go to the counter.":
        "Không đọc được thông tin trên thẻ của bạn. Vui lòng đến quầy tiếp nhận.",
    "The photo on your card could not be read. Please go to the counter.":
        "Không đọc được ảnh trên thẻ của bạn. Vui lòng đến quầy tiếp nhận.",
    "The camera is not working. Please call staff.": "Camera không hoạt động. Vui lòng gọi cán bộ.",
    "This kiosk's card reader is not approved for use. Please call staff.": "Đầu đọc thẻ của máy này chưa được phép sử dụng. Vui lòng gọi cán bộ.",
    "No card reader is connected. Please call staff.": "Chưa kết nối đầu đọc thẻ. Vui lòng gọi cán bộ.",
    "We could not confirm that the card is yours. Try again, or ask staff to check.":
        "Chưa xác nhận được bạn là chủ thẻ. Hãy thử lại hoặc nhờ cán bộ kiểm tra.",
    "The form could not be saved. Try again, or call staff.": "Không lưu được hồ sơ. Hãy thử lại hoặc gọi cán bộ.",
    "This card uses a protocol the kiosk does not support. Please go to the counter.":
        "Thẻ dùng giao thức mà máy chưa hỗ trợ. Vui lòng đến quầy tiếp nhận.",
    # staff, technician, login
    "Staff PIN": "Mã PIN cán bộ",
    "Technician PIN": "Mã PIN kỹ thuật viên",
    "Back": "Quay lại",
    "Too many wrong PINs. Try again in %1 s.": "Nhập sai quá nhiều lần. Thử lại sau %1 giây.",
    "Wrong PIN": "Sai mã PIN",
    "Identity verification": "Xác minh danh tính",
    "Reason for accepting a failed face match": "Lý do chấp nhận khi khuôn mặt không khớp",
    "Accept with reason": "Chấp nhận kèm lý do",
    "A reason is required": "Cần nhập lý do",
    "This card failed its chip checks: it cannot be accepted":
        "Thẻ này không qua được kiểm tra chip: không thể chấp nhận",
    "Review and submit the form": "Xem và gửi tờ khai",
    "Print the form": "In tờ khai",
    "Log out": "Đăng xuất",
    "Time": "Giờ",
    "Reference": "Mã hồ sơ",
    "Service": "Thủ tục",
    "Delivery": "Chuyển đi",
    "Technician": "Kỹ thuật viên",
    "Readers": "Đầu đọc",
    "Trust store": "Kho chứng thư",
    "Health": "Tình trạng",
    "Settings": "Cài đặt",
    "Refresh": "Làm mới",
    "Working...": "Đang xử lý...",
    # p2-verdict: read failures (kiosk/reading/failures.py)
    "The card is not answering. Lift it off the reader, wait a moment, then place it flat on the reader again.":
        "Thẻ không phản hồi. Hãy nhấc thẻ ra khỏi đầu đọc, chờ một lát rồi đặt thẻ nằm phẳng trên đầu đọc lần nữa.",
    "The connection to the card kept dropping. Lift the card, then place it flat on the reader and keep it still.":
        "Kết nối với thẻ bị ngắt nhiều lần. Hãy nhấc thẻ ra, rồi đặt thẻ nằm phẳng trên đầu đọc và giữ yên.",
    # --- p2-staff: named login, the verdict-first staff panel, technician settings ---
    "Your consent could not be recorded just now, so nothing will be read. Please ask the staff at the counter.":
        "Chưa ghi nhận được sự đồng ý của bạn nên máy sẽ không đọc thẻ. Vui lòng liên hệ cán bộ tại quầy.",
    "The consent could not be recorded just now, so the card will not be read. Please ask the staff at the counter.":
        "Chưa ghi nhận được sự đồng ý nên máy sẽ không đọc thẻ. Vui lòng liên hệ cán bộ tại quầy.",
    "Staff login": "Đăng nhập cán bộ",
    "Technician login": "Đăng nhập kỹ thuật viên",
    "Staff ID": "Mã cán bộ",
    "e.g. nv01": "ví dụ: nv01",
    "PIN (6 to 12 digits)": "Mã PIN (6 đến 12 chữ số)",
    "Type your staff ID first": "Hãy nhập mã cán bộ trước",
    "Checking...": "Đang kiểm tra...",
    "Too many wrong PINs: this account is locked. Try again in %1 min.":
        "Nhập sai mã PIN quá nhiều lần: tài khoản tạm bị khóa. Thử lại sau %1 phút.",
    "This account is disabled. Ask a technician.": "Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ kỹ thuật viên.",
    "This account cannot open the technician area.": "Tài khoản này không được vào khu vực kỹ thuật.",
    "Wrong staff ID or PIN.": "Sai mã cán bộ hoặc mã PIN.",
    "The kiosk's database cannot be reached. Call a technician.":
        "Không kết nối được cơ sở dữ liệu của máy. Hãy gọi kỹ thuật viên.",
    "The login could not be checked. Call a technician.": "Không kiểm tra được việc đăng nhập. Hãy gọi kỹ thuật viên.",
    "Camera at the face check": "Ảnh chụp khi đối chiếu khuôn mặt",
    "Details": "Chi tiết kỹ thuật",
    "Reprint selected": "In lại hồ sơ đã chọn",
    "Staff": "Cán bộ",
    "Logged in: %1": "Đang đăng nhập: %1",
    "Log in with your own staff ID first": "Hãy đăng nhập bằng mã cán bộ của chính bạn trước",
    "Select a submission in today's list first": "Hãy chọn một hồ sơ trong danh sách hôm nay trước",
    "New value": "Giá trị mới",
    "Change": "Thay đổi",
    "Confirm all": "Xác nhận tất cả",
    "%1: %2 → %3 (audited; takes effect when the kiosk restarts)":
        "%1: %2 → %3 (đã ghi nhật ký; có hiệu lực khi máy khởi động lại)",
    "%1 setting(s) confirmed": "Đã xác nhận %1 thiết lập",
    # --- p2-parties: two-person services (issue 17 item 2) ---------------------------------
    "I agree: read my card": "Tôi đồng ý: đọc thẻ của tôi",
    "Type the ID number": "Nhập số định danh",
    "That's me": "Đó là tôi",
    "Skip: fill in later": "Bỏ qua: điền sau",
    "The 12-digit personal ID number": "Số định danh cá nhân (12 chữ số)",
    "First take the card already read off the reader.":
        "Trước hết, lấy thẻ đã đọc ra khỏi đầu đọc.",
    "This person places their own ID card on the reader and looks at the camera. Tapping "
    "“I agree: read my card” means they agree to the kiosk reading it.":
        "Người này đặt thẻ căn cước của chính mình lên đầu đọc và nhìn vào camera. Bấm «Tôi "
        "đồng ý: đọc thẻ của tôi» nghĩa là người này đồng ý cho máy đọc thẻ.",
    "This person's card is not read. Type their personal ID number if you know it; the other "
    "details are typed on the form.":
        "Thẻ của người này không được đọc. Nhập số định danh cá nhân của người này nếu bạn "
        "biết; các thông tin khác được nhập trên tờ khai.",
    "first take the card already read off the reader": "trước hết, lấy thẻ đã đọc ra khỏi đầu đọc",
    "Other choices": "Cách khác",
}

# --- p2-citizen: accessibility switches, face guide, read estimate, MRZ route, receipt ------
VI.update({
    "Large text": "Chữ lớn",
    "High contrast": "Tương phản cao",
    "Photo on your card": "Ảnh trên thẻ của bạn",
    "Put your face in the oval": "Đưa khuôn mặt vào khung hình bầu dục",
    "The card moved: connecting again": "Thẻ bị dịch chuyển: đang kết nối lại",
    "Please wait: your form is being saved.": "Vui lòng chờ: hồ sơ của bạn đang được lưu.",
    "Do not move the card until the reading is finished.":
        "Không di chuyển thẻ cho đến khi đọc xong.",
    "Step %1 of %2: %3": "Bước %1/%2: %3",
    "less than a second left": "còn chưa đến 1 giây",
    "about 1 second left": "còn khoảng 1 giây",
    "about %1 seconds left": "còn khoảng %1 giây",
    "Your card has locked its CAN: show the back of the card to the camera instead.":
        "Thẻ đã khóa số CAN: hãy đưa mặt sau của thẻ vào camera.",
    "Your form is saved": "Hồ sơ của bạn đã được lưu",
    "It will be sent to the office automatically.": "Hồ sơ sẽ được tự động gửi đến cơ quan.",
    "The office has received it.": "Cơ quan đã nhận được hồ sơ.",
    "It could not be sent automatically: staff will send it.":
        "Chưa gửi tự động được: cán bộ sẽ gửi hồ sơ giúp bạn.",
    "Training receipt": "Biên nhận đào tạo",
    "This kiosk is in training mode: this form is never sent to any office.":
        "Máy đang ở chế độ đào tạo: hồ sơ này không bao giờ được gửi đến cơ quan nào.",
})

# p3-staff: the staff panel for every person of the form
VI.update({
    "ID number (typed)": "Số định danh (nhập tay)",
})


def fill(path: Path, language: str) -> list[str]:
    tree = ET.parse(path)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        text = source if language == "en" else VI.get(source)
        if text is None:
            missing.append(source)
            translation.set("type", "unfinished")
            continue
        translation.text = text
        translation.attrib.pop("type", None)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    here = Path(__file__).resolve().parents[1] / "ui" / "i18n"
    status = 0
    for language in ("vi", "en"):
        missing = fill(here / f"kiosk_{language}.ts", language)
        for source in missing:
            print(f"i18n: no {language} translation for: {source}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
