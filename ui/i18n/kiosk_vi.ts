<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>AccessKeyScreen</name>
    <message>
        <location filename="../screens/access.py" line="64" />
        <source>Show the QR code on your card, or type the CAN</source>
        <translation>Đưa mã QR trên thẻ vào camera, hoặc nhập số CAN</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="65" />
        <source>CAN: the last 6 digits of your 12-digit ID number</source>
        <translation>CAN: 6 chữ số cuối của số định danh 12 số</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="66" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="71" />
        <source>Hold the QR code of your card in front of the camera</source>
        <translation>Giữ mã QR trên thẻ trước camera</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="72" />
        <source>No QR code? Read the MRZ</source>
        <translation>Không có mã QR? Đọc dòng MRZ</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="74" />
        <source>Hold the back of your card (3 lines of letters) to the camera</source>
        <translation>Giữ mặt sau của thẻ (3 dòng chữ) trước camera</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="75" />
        <source>Read the QR code</source>
        <translation>Đọc mã QR</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="99" />
        <source>No camera: please type the CAN</source>
        <translation>Không có camera: vui lòng nhập số CAN</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="121" />
        <source>The CAN must be 6 digits</source>
        <translation>Số CAN phải gồm 6 chữ số</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <location filename="../screens/consent.py" line="42" />
        <source>May we read your ID card?</source>
        <extracomment>(given, the recorded consent's id or None); a yes is emitted once it is recorded</extracomment>
        <translation>Cho phép đọc thẻ căn cước của bạn?</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="44" />
        <source>What we read from the chip: ID number, full name, date of birth, sex, nationality, ethnicity, religion, place of origin, residence, parents' and spouse's names, issue and expiry dates, and your photo.</source>
        <translation>Những gì được đọc từ chip: số định danh, họ và tên, ngày sinh, giới tính, quốc tịch, dân tộc, tôn giáo, quê quán, nơi thường trú, họ tên cha, mẹ, vợ hoặc chồng, ngày cấp, ngày hết hạn và ảnh chân dung.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="47" />
        <source>Why: to fill in the form of the service you choose, and to check with the camera that the card is yours. Ethnicity, religion and your photo are sensitive personal data.</source>
        <translation>Mục đích: điền sẵn tờ khai của dịch vụ bạn chọn và dùng camera để xác nhận thẻ là của bạn. Dân tộc, tôn giáo và ảnh chân dung là dữ liệu cá nhân nhạy cảm.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="50" />
        <source>How long: everything on this kiosk is erased when you remove your card or leave. A submitted form is kept encrypted and deleted %1 days after it reaches the office.</source>
        <translation>Thời gian lưu: mọi dữ liệu trên máy sẽ bị xóa khi bạn rút thẻ hoặc rời đi. Hồ sơ đã gửi được mã hóa và xóa sau %1 ngày kể từ khi cơ quan nhận được.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="53" />
        <source>Nothing is read unless you tap "I agree".</source>
        <translation>Không có dữ liệu nào được đọc nếu bạn không chọn "Tôi đồng ý".</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="56" />
        <source>I agree</source>
        <translation>Tôi đồng ý</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="57" />
        <source>I do not agree</source>
        <translation>Tôi không đồng ý</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="86" />
        <source>Your consent could not be recorded just now, so nothing will be read. Please ask the staff at the counter.</source>
        <translation>Chưa ghi nhận được sự đồng ý của bạn nên máy sẽ không đọc thẻ. Vui lòng liên hệ cán bộ tại quầy.</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <location filename="../screens/error.py" line="11" />
        <source>The number did not open your card. Check the 6-digit CAN (the last 6 digits of your ID number) and try again.</source>
        <translation>Số vừa nhập không mở được thẻ. Hãy kiểm tra số CAN 6 chữ số (6 số cuối của số định danh) rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="12" />
        <source>The card was moved away from the reader. Place it flat on the reader and keep it still.</source>
        <translation>Thẻ đã bị dịch ra khỏi đầu đọc. Hãy đặt thẻ nằm phẳng trên đầu đọc và giữ yên.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="13" />
        <source>The card is not answering. Lift it off the reader, wait a moment, then place it flat on the reader again.</source>
        <translation>Thẻ không phản hồi. Hãy nhấc thẻ ra khỏi đầu đọc, chờ một lát rồi đặt thẻ nằm phẳng trên đầu đọc lần nữa.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="14" />
        <source>The connection to the card kept dropping. Lift the card, then place it flat on the reader and keep it still.</source>
        <translation>Kết nối với thẻ bị ngắt nhiều lần. Hãy nhấc thẻ ra, rồi đặt thẻ nằm phẳng trên đầu đọc và giữ yên.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="15" />
        <source>The card could not be read. Try again; if it happens again, please call staff.</source>
        <translation>Không đọc được thẻ. Hãy thử lại; nếu vẫn lỗi, vui lòng gọi cán bộ.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="16" />
        <location filename="../screens/error.py" line="17" />
        <source>This card could not be verified. Please go to the counter.</source>
        <translation>Không xác thực được thẻ này. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="18" />
        <source>The kiosk could not confirm this card is genuine. Please go to the counter.</source>
        <translation>Máy không xác nhận được thẻ này là thẻ thật. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="19" />
        <source>The details on your card could not be read. Please go to the counter.</source>
        <translation>Không đọc được thông tin trên thẻ của bạn. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="20" />
        <source>The photo on your card could not be read. Please go to the counter.</source>
        <translation>Không đọc được ảnh trên thẻ của bạn. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="21" />
        <source>The camera is not working. Please call staff.</source>
        <translation>Camera không hoạt động. Vui lòng gọi cán bộ.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="22" />
        <source>This kiosk's card reader is not approved for use. Please call staff.</source>
        <translation>Đầu đọc thẻ của máy này chưa được phép sử dụng. Vui lòng gọi cán bộ.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="23" />
        <source>No card reader is connected. Please call staff.</source>
        <translation>Chưa kết nối đầu đọc thẻ. Vui lòng gọi cán bộ.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="24" />
        <source>We could not confirm that the card is yours. Try again, or ask staff to check.</source>
        <translation>Chưa xác nhận được bạn là chủ thẻ. Hãy thử lại hoặc nhờ cán bộ kiểm tra.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="25" />
        <source>The form could not be saved. Try again, or call staff.</source>
        <translation>Không lưu được hồ sơ. Hãy thử lại hoặc gọi cán bộ.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="26" />
        <source>This card uses a protocol the kiosk does not support. Please go to the counter.</source>
        <translation>Thẻ dùng giao thức mà máy chưa hỗ trợ. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="58" />
        <source>Something went wrong</source>
        <translation>Đã có lỗi xảy ra</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="59" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="60" />
        <source>Call staff</source>
        <translation>Gọi cán bộ</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="61" />
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
</context>
<context>
    <name>FaceScreen</name>
    <message>
        <location filename="../screens/face.py" line="52" />
        <source>Let us check it is you</source>
        <translation>Xác nhận bạn là chủ thẻ</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="53" />
        <source>Photo on the chip</source>
        <translation>Ảnh trong chip</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="54" />
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="55" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="65" />
        <source>No camera: please call staff</source>
        <translation>Không có camera: vui lòng gọi cán bộ</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../main_window.py" line="174" />
        <source>Sending your form</source>
        <translation>Đang gửi hồ sơ</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../screens/login.py" line="91" />
        <source>Staff login</source>
        <translation>Đăng nhập cán bộ</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="92" />
        <source>Technician login</source>
        <translation>Đăng nhập kỹ thuật viên</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="93" />
        <source>Staff ID</source>
        <translation>Mã cán bộ</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="94" />
        <source>e.g. nv01</source>
        <translation>ví dụ: nv01</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="95" />
        <source>PIN (6 to 12 digits)</source>
        <translation>Mã PIN (6 đến 12 chữ số)</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="96" />
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="118" />
        <source>Type your staff ID first</source>
        <translation>Hãy nhập mã cán bộ trước</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="122" />
        <source>Checking...</source>
        <translation>Đang kiểm tra...</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="144" />
        <source>Too many wrong PINs: this account is locked. Try again in %1 min.</source>
        <translation>Nhập sai mã PIN quá nhiều lần: tài khoản tạm bị khóa. Thử lại sau %1 phút.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="147" />
        <source>This account is disabled. Ask a technician.</source>
        <translation>Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ kỹ thuật viên.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="149" />
        <source>This account cannot open the technician area.</source>
        <translation>Tài khoản này không được vào khu vực kỹ thuật.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="150" />
        <source>Wrong staff ID or PIN.</source>
        <translation>Sai mã cán bộ hoặc mã PIN.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="152" />
        <source>The kiosk's database cannot be reached. Call a technician.</source>
        <translation>Không kết nối được cơ sở dữ liệu của máy. Hãy gọi kỹ thuật viên.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="153" />
        <source>The login could not be checked. Call a technician.</source>
        <translation>Không kiểm tra được việc đăng nhập. Hãy gọi kỹ thuật viên.</translation>
    </message>
</context>
<context>
    <name>PlaceCardScreen</name>
    <message>
        <location filename="../screens/card.py" line="67" />
        <source>Place your card flat on the reader and keep it there</source>
        <translation>Đặt thẻ nằm phẳng trên đầu đọc và giữ yên</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="68" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="73" />
        <source>Reader: %1</source>
        <translation>Đầu đọc: %1</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="74" />
        <source>Looking for the card reader...</source>
        <translation>Đang tìm đầu đọc thẻ...</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <location filename="../screens/card.py" line="85" />
        <source>Connecting to the card</source>
        <translation>Đang kết nối với thẻ</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="86" />
        <source>Opening the chip securely</source>
        <translation>Đang mở chip an toàn</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="87" />
        <source>Reading the file list</source>
        <translation>Đang đọc danh sách tệp</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="88" />
        <source>Reading the security signature</source>
        <translation>Đang đọc chữ ký bảo mật</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="89" />
        <source>Reading the document data</source>
        <translation>Đang đọc thông tin giấy tờ</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="90" />
        <source>Reading your photo</source>
        <translation>Đang đọc ảnh chân dung</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="91" />
        <source>Reading your personal details</source>
        <translation>Đang đọc thông tin cá nhân</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="92" />
        <location filename="../screens/card.py" line="93" />
        <source>Reading the chip's key</source>
        <translation>Đang đọc khóa của chip</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="94" />
        <source>Checking the chip is genuine</source>
        <translation>Đang kiểm tra chip là thật</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="95" />
        <source>Checking the state's signature</source>
        <translation>Đang kiểm tra chữ ký của Nhà nước</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="115" />
        <source>Reading your card</source>
        <translation>Đang đọc thẻ của bạn</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="116" />
        <source>Do not move the card. This takes a few seconds.</source>
        <translation>Không di chuyển thẻ. Việc này mất vài giây.</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="128" />
        <source>%1 of %2 KB</source>
        <translation>%1 / %2 KB</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../screens/receipt.py" line="32" />
        <source>Your form has been sent</source>
        <translation>Hồ sơ của bạn đã được gửi</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="33" />
        <source>Keep this reference number. Counter staff will call you. Please take your card.</source>
        <translation>Hãy giữ mã hồ sơ này. Cán bộ sẽ gọi bạn. Xin nhớ lấy lại thẻ.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="35" />
        <source>Done</source>
        <translation>Xong</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../screens/review.py" line="60" />
        <source>Check your form</source>
        <translation>Kiểm tra tờ khai</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="61" />
        <source>Grey fields come from your chip and cannot be changed. Tap a white field to fill it in.</source>
        <translation>Ô màu xám lấy từ chip và không sửa được. Chạm vào ô màu trắng để điền.</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="63" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="64" />
        <source>Also print a copy</source>
        <translation>In thêm một bản</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="65" />
        <source>Confirm and send</source>
        <translation>Xác nhận và gửi</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="91" />
        <source>(from the chip)</source>
        <translation>(từ chip)</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../screens/service.py" line="40" />
        <source>Which service do you need?</source>
        <translation>Bạn cần làm thủ tục nào?</translation>
    </message>
    <message>
        <location filename="../screens/service.py" line="41" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/service.py" line="42" />
        <source>Next</source>
        <translation>Tiếp tục</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../screens/staff.py" line="180" />
        <source>Identity verification</source>
        <translation>Xác minh danh tính</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="181" />
        <source>Photo on the chip</source>
        <translation>Ảnh trong chip</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="182" />
        <source>Camera at the face check</source>
        <translation>Ảnh chụp khi đối chiếu khuôn mặt</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="183" />
        <source>Details</source>
        <translation>Chi tiết kỹ thuật</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="184" />
        <source>Reason for accepting a failed face match</source>
        <translation>Lý do chấp nhận khi khuôn mặt không khớp</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="185" />
        <source>Accept with reason</source>
        <translation>Chấp nhận kèm lý do</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="186" />
        <source>Review and submit the form</source>
        <translation>Xem và gửi tờ khai</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="187" />
        <source>Print the form</source>
        <translation>In tờ khai</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="188" />
        <source>Reprint selected</source>
        <translation>In lại hồ sơ đã chọn</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="189" />
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="191" />
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="191" />
        <source>Reference</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="191" />
        <source>Service</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="191" />
        <source>Staff</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="192" />
        <source>Delivery</source>
        <translation>Chuyển đi</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="210" />
        <source>Logged in: %1</source>
        <translation>Đang đăng nhập: %1</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="315" />
        <source>A reason is required</source>
        <translation>Cần nhập lý do</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="318" />
        <source>Log in with your own staff ID first</source>
        <translation>Hãy đăng nhập bằng mã cán bộ của chính bạn trước</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="323" />
        <source>This card failed its chip checks: it cannot be accepted</source>
        <translation>Thẻ này không qua được kiểm tra chip: không thể chấp nhận</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="339" />
        <source>Select a submission in today's list first</source>
        <translation>Hãy chọn một hồ sơ trong danh sách hôm nay trước</translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <location filename="../screens/technician.py" line="113" />
        <source>Technician</source>
        <translation>Kỹ thuật viên</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="114" />
        <source>Readers</source>
        <translation>Đầu đọc</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="114" />
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="114" />
        <source>Trust store</source>
        <translation>Kho chứng thư</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="114" />
        <source>Health</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="115" />
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="118" />
        <source>New value</source>
        <translation>Giá trị mới</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="119" />
        <source>Change</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="120" />
        <source>Confirm all</source>
        <translation>Xác nhận tất cả</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="121" />
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="122" />
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="124" />
        <source>Logged in: %1</source>
        <translation>Đang đăng nhập: %1</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="149" />
        <location filename="../screens/technician.py" line="171" />
        <source>Working...</source>
        <translation>Đang xử lý...</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="176" />
        <source>%1: %2 → %3 (audited; takes effect when the kiosk restarts)</source>
        <translation>%1: %2 → %3 (đã ghi nhật ký; có hiệu lực khi máy khởi động lại)</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="190" />
        <source>%1 setting(s) confirmed</source>
        <translation>Đã xác nhận %1 thiết lập</translation>
    </message>
</context>
</TS>