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
        <location filename="../screens/consent.py" line="32" />
        <source>May we read your ID card?</source>
        <translation>Cho phép đọc thẻ căn cước của bạn?</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="34" />
        <source>What we read from the chip: ID number, full name, date of birth, sex, nationality, ethnicity, religion, place of origin, residence, parents' and spouse's names, issue and expiry dates, and your photo.</source>
        <translation>Những gì được đọc từ chip: số định danh, họ và tên, ngày sinh, giới tính, quốc tịch, dân tộc, tôn giáo, quê quán, nơi thường trú, họ tên cha, mẹ, vợ hoặc chồng, ngày cấp, ngày hết hạn và ảnh chân dung.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="37" />
        <source>Why: to fill in the form of the service you choose, and to check with the camera that the card is yours. Ethnicity, religion and your photo are sensitive personal data.</source>
        <translation>Mục đích: điền sẵn tờ khai của dịch vụ bạn chọn và dùng camera để xác nhận thẻ là của bạn. Dân tộc, tôn giáo và ảnh chân dung là dữ liệu cá nhân nhạy cảm.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="40" />
        <source>How long: everything on this kiosk is erased when you remove your card or leave. A submitted form is kept encrypted and deleted %1 days after it reaches the office.</source>
        <translation>Thời gian lưu: mọi dữ liệu trên máy sẽ bị xóa khi bạn rút thẻ hoặc rời đi. Hồ sơ đã gửi được mã hóa và xóa sau %1 ngày kể từ khi cơ quan nhận được.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="43" />
        <source>Nothing is read unless you tap "I agree".</source>
        <translation>Không có dữ liệu nào được đọc nếu bạn không chọn "Tôi đồng ý".</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="46" />
        <source>I agree</source>
        <translation>Tôi đồng ý</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="47" />
        <source>I do not agree</source>
        <translation>Tôi không đồng ý</translation>
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
        <source>The card could not be read. Try again; if it happens again, please call staff.</source>
        <translation>Không đọc được thẻ. Hãy thử lại; nếu vẫn lỗi, vui lòng gọi cán bộ.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="14" />
        <location filename="../screens/error.py" line="15" />
        <source>This card could not be verified. Please go to the counter.</source>
        <translation>Không xác thực được thẻ này. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="16" />
        <source>The kiosk could not confirm this card is genuine. Please go to the counter.</source>
        <translation>Máy không xác nhận được thẻ này là thẻ thật. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="17" />
        <source>The details on your card could not be read. Please go to the counter.</source>
        <translation>Không đọc được thông tin trên thẻ của bạn. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="18" />
        <source>The photo on your card could not be read. Please go to the counter.</source>
        <translation>Không đọc được ảnh trên thẻ của bạn. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="19" />
        <source>The camera is not working. Please call staff.</source>
        <translation>Camera không hoạt động. Vui lòng gọi cán bộ.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="20" />
        <source>This kiosk's card reader is not approved for use. Please call staff.</source>
        <translation>Đầu đọc thẻ của máy này chưa được phép sử dụng. Vui lòng gọi cán bộ.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="21" />
        <source>No card reader is connected. Please call staff.</source>
        <translation>Chưa kết nối đầu đọc thẻ. Vui lòng gọi cán bộ.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="22" />
        <source>We could not confirm that the card is yours. Try again, or ask staff to check.</source>
        <translation>Chưa xác nhận được bạn là chủ thẻ. Hãy thử lại hoặc nhờ cán bộ kiểm tra.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="23" />
        <source>The form could not be saved. Try again, or call staff.</source>
        <translation>Không lưu được hồ sơ. Hãy thử lại hoặc gọi cán bộ.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="24" />
        <source>This card uses a protocol the kiosk does not support. Please go to the counter.</source>
        <translation>Thẻ dùng giao thức mà máy chưa hỗ trợ. Vui lòng đến quầy tiếp nhận.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="56" />
        <source>Something went wrong</source>
        <translation>Đã có lỗi xảy ra</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="57" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="58" />
        <source>Call staff</source>
        <translation>Gọi cán bộ</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="59" />
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
        <location filename="../main_window.py" line="178" />
        <source>Sending your form</source>
        <translation>Đang gửi hồ sơ</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../screens/login.py" line="36" />
        <source>Staff PIN</source>
        <translation>Mã PIN cán bộ</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="36" />
        <source>Technician PIN</source>
        <translation>Mã PIN kỹ thuật viên</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="37" />
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="51" />
        <source>Too many wrong PINs. Try again in %1 s.</source>
        <translation>Nhập sai quá nhiều lần. Thử lại sau %1 giây.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="54" />
        <source>Wrong PIN</source>
        <translation>Sai mã PIN</translation>
    </message>
</context>
<context>
    <name>PartyBanner</name>
    <message>
        <location filename="../screens/party.py" line="182" />
        <source>first take the card already read off the reader</source>
        <translation>trước hết, lấy thẻ đã đọc ra khỏi đầu đọc</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="184" />
        <source>Other choices</source>
        <translation>Cách khác</translation>
    </message>
</context>
<context>
    <name>PartyScreen</name>
    <message>
        <location filename="../screens/party.py" line="88" />
        <source>I agree: read my card</source>
        <extracomment>The steps of another party's card, under the banner that names whose card it is.</extracomment>
        <translation>Tôi đồng ý: đọc thẻ của tôi</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="89" />
        <source>Type the ID number</source>
        <translation>Nhập số định danh</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="90" />
        <source>That's me</source>
        <translation>Đó là tôi</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="91" />
        <source>Skip: fill in later</source>
        <translation>Bỏ qua: điền sau</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="92" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="93" />
        <source>The 12-digit personal ID number</source>
        <translation>Số định danh cá nhân (12 chữ số)</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="94" />
        <source>First take the card already read off the reader.</source>
        <translation>Trước hết, lấy thẻ đã đọc ra khỏi đầu đọc.</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="108" />
        <source>This person places their own ID card on the reader and looks at the camera. Tapping “I agree: read my card” means they agree to the kiosk reading it.</source>
        <translation>Người này đặt thẻ căn cước của chính mình lên đầu đọc và nhìn vào camera. Bấm «Tôi đồng ý: đọc thẻ của tôi» nghĩa là người này đồng ý cho máy đọc thẻ.</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="112" />
        <source>This person's card is not read. Type their personal ID number if you know it; the other details are typed on the form.</source>
        <translation>Thẻ của người này không được đọc. Nhập số định danh cá nhân của người này nếu bạn biết; các thông tin khác được nhập trên tờ khai.</translation>
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
        <location filename="../screens/review.py" line="69" />
        <source>Check your form</source>
        <translation>Kiểm tra tờ khai</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="70" />
        <source>Grey fields come from your chip and cannot be changed. Tap a white field to fill it in.</source>
        <translation>Ô màu xám lấy từ chip và không sửa được. Chạm vào ô màu trắng để điền.</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="72" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="73" />
        <source>Also print a copy</source>
        <translation>In thêm một bản</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="74" />
        <source>Confirm and send</source>
        <translation>Xác nhận và gửi</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="108" />
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
        <location filename="../screens/staff.py" line="115" />
        <source>Identity verification</source>
        <translation>Xác minh danh tính</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="116" />
        <source>Reason for accepting a failed face match</source>
        <translation>Lý do chấp nhận khi khuôn mặt không khớp</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="117" />
        <source>Accept with reason</source>
        <translation>Chấp nhận kèm lý do</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="118" />
        <source>Review and submit the form</source>
        <translation>Xem và gửi tờ khai</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="119" />
        <source>Print the form</source>
        <translation>In tờ khai</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="120" />
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="122" />
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="122" />
        <source>Reference</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="122" />
        <source>Service</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="122" />
        <source>Delivery</source>
        <translation>Chuyển đi</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="170" />
        <source>A reason is required</source>
        <translation>Cần nhập lý do</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="175" />
        <source>This card failed its chip checks: it cannot be accepted</source>
        <translation>Thẻ này không qua được kiểm tra chip: không thể chấp nhận</translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <location filename="../screens/technician.py" line="49" />
        <source>Technician</source>
        <translation>Kỹ thuật viên</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="50" />
        <source>Readers</source>
        <translation>Đầu đọc</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="50" />
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="50" />
        <source>Trust store</source>
        <translation>Kho chứng thư</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="50" />
        <source>Health</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="51" />
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="54" />
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="55" />
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="62" />
        <source>Working...</source>
        <translation>Đang xử lý...</translation>
    </message>
</context>
</TS>