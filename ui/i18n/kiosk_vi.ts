<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>AccessKeyScreen</name>
    <message>
        <location filename="../screens/access.py" line="67" />
        <source>Show the QR code on your card, or type the CAN</source>
        <translation>Đưa mã QR trên thẻ vào camera, hoặc nhập số CAN</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="68" />
        <source>CAN: the last 6 digits of your 12-digit ID number</source>
        <translation>CAN: 6 chữ số cuối của số định danh 12 số</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="69" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="74" />
        <source>Hold the QR code of your card in front of the camera</source>
        <translation>Giữ mã QR trên thẻ trước camera</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="75" />
        <source>No QR code? Read the MRZ</source>
        <translation>Không có mã QR? Đọc dòng MRZ</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="77" />
        <source>Hold the back of your card (3 lines of letters) to the camera</source>
        <translation>Giữ mặt sau của thẻ (3 dòng chữ) trước camera</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="78" />
        <source>Read the QR code</source>
        <translation>Đọc mã QR</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="105" />
        <source>Your card has locked its CAN: show the back of the card to the camera instead.</source>
        <translation>Thẻ đã khóa số CAN: hãy đưa mặt sau của thẻ vào camera.</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="112" />
        <source>No camera: please type the CAN</source>
        <translation>Không có camera: vui lòng nhập số CAN</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="136" />
        <source>The CAN must be 6 digits</source>
        <translation>Số CAN phải gồm 6 chữ số</translation>
    </message>
</context>
<context>
    <name>AppearanceToggles</name>
    <message>
        <location filename="../widgets/appearance.py" line="91" />
        <source>Large text</source>
        <translation>Chữ lớn</translation>
    </message>
    <message>
        <location filename="../widgets/appearance.py" line="92" />
        <source>High contrast</source>
        <translation>Tương phản cao</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../screens/staff_case.py" line="129" />
        <source>Photo on the chip</source>
        <extracomment>the kiosk's shared camera (KioskCore.camera): None when there is none</extracomment>
        <translation>Ảnh trong chip</translation>
    </message>
    <message>
        <location filename="../screens/staff_case.py" line="130" />
        <source>Camera at the face check</source>
        <translation>Ảnh chụp khi đối chiếu khuôn mặt</translation>
    </message>
    <message>
        <location filename="../screens/staff_case.py" line="131" />
        <source>Details</source>
        <translation>Chi tiết kỹ thuật</translation>
    </message>
    <message>
        <location filename="../screens/staff_case.py" line="168" />
        <source>ID number (typed)</source>
        <translation>Số định danh (nhập tay)</translation>
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
        <location filename="../screens/error.py" line="54" />
        <source>Something went wrong</source>
        <translation>Đã có lỗi xảy ra</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="55" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="56" />
        <source>Call staff</source>
        <translation>Gọi cán bộ</translation>
    </message>
</context>
<context>
    <name>FaceScreen</name>
    <message>
        <location filename="../screens/face.py" line="73" />
        <source>Let us check it is you</source>
        <extracomment>The guide for each prompt code that is not a quality reason (those are all "adjust").</extracomment>
        <translation>Xác nhận bạn là chủ thẻ</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="74" />
        <source>Photo on your card</source>
        <translation>Ảnh trên thẻ của bạn</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="75" />
        <source>Put your face in the oval</source>
        <translation>Đưa khuôn mặt vào khung hình bầu dục</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="76" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="94" />
        <source>No camera: please call staff</source>
        <translation>Không có camera: vui lòng gọi cán bộ</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../screens/login.py" line="100" />
        <source>Staff login</source>
        <translation>Đăng nhập cán bộ</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="101" />
        <source>Technician login</source>
        <translation>Đăng nhập kỹ thuật viên</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="102" />
        <source>Staff ID</source>
        <translation>Mã cán bộ</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="103" />
        <source>e.g. nv01</source>
        <translation>ví dụ: nv01</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="104" />
        <source>PIN (6 to 12 digits)</source>
        <translation>Mã PIN (6 đến 12 chữ số)</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="105" />
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="123" />
        <location filename="../screens/login.py" line="140" />
        <source>Type your staff ID first</source>
        <translation>Hãy nhập mã cán bộ trước</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="144" />
        <source>Checking...</source>
        <translation>Đang kiểm tra...</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="166" />
        <source>Too many wrong PINs: this account is locked. Try again in %1 min.</source>
        <translation>Nhập sai mã PIN quá nhiều lần: tài khoản tạm bị khóa. Thử lại sau %1 phút.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="169" />
        <source>This account is disabled. Ask a technician.</source>
        <translation>Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ kỹ thuật viên.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="171" />
        <source>This account cannot open the technician area.</source>
        <translation>Tài khoản này không được vào khu vực kỹ thuật.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="172" />
        <source>Wrong staff ID or PIN.</source>
        <translation>Sai mã cán bộ hoặc mã PIN.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="174" />
        <source>The kiosk's database cannot be reached. Call a technician.</source>
        <translation>Không kết nối được cơ sở dữ liệu của máy. Hãy gọi kỹ thuật viên.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="175" />
        <source>The login could not be checked. Call a technician.</source>
        <translation>Không kiểm tra được việc đăng nhập. Hãy gọi kỹ thuật viên.</translation>
    </message>
</context>
<context>
    <name>PartyBanner</name>
    <message>
        <location filename="../screens/party.py" line="243" />
        <source>first take the card already read off the reader</source>
        <translation>trước hết, lấy thẻ đã đọc ra khỏi đầu đọc</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="245" />
        <source>Other choices</source>
        <translation>Cách khác</translation>
    </message>
</context>
<context>
    <name>PartyScreen</name>
    <message>
        <location filename="../screens/party.py" line="110" />
        <source>I agree: read my card</source>
        <extracomment>The steps of another party's card, under the banner that names whose card it is.</extracomment>
        <translation>Tôi đồng ý: đọc thẻ của tôi</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="111" />
        <source>Type the ID number</source>
        <translation>Nhập số định danh</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="112" />
        <source>That's me</source>
        <translation>Đó là tôi</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="113" />
        <source>Skip: fill in later</source>
        <translation>Bỏ qua: điền sau</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="114" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="115" />
        <source>The 12-digit personal ID number</source>
        <translation>Số định danh cá nhân (12 chữ số)</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="116" />
        <source>First take the card already read off the reader.</source>
        <translation>Trước hết, lấy thẻ đã đọc ra khỏi đầu đọc.</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="130" />
        <source>This person places their own ID card on the reader and looks at the camera. Tapping “I agree: read my card” means they agree to the kiosk reading it.</source>
        <translation>Người này đặt thẻ căn cước của chính mình lên đầu đọc và nhìn vào camera. Bấm «Tôi đồng ý: đọc thẻ của tôi» nghĩa là người này đồng ý cho máy đọc thẻ.</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="134" />
        <source>This person's card is not read. Type their personal ID number if you know it; the other details are typed on the form.</source>
        <translation>Thẻ của người này không được đọc. Nhập số định danh cá nhân của người này nếu bạn biết; các thông tin khác được nhập trên tờ khai.</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="181" />
        <source>The consent could not be recorded just now, so the card will not be read. Please ask the staff at the counter.</source>
        <translation>Chưa ghi nhận được sự đồng ý nên máy sẽ không đọc thẻ. Vui lòng liên hệ cán bộ tại quầy.</translation>
    </message>
</context>
<context>
    <name>PlaceCardScreen</name>
    <message>
        <location filename="../screens/card.py" line="72" />
        <source>Place your card flat on the reader and keep it there</source>
        <translation>Đặt thẻ nằm phẳng trên đầu đọc và giữ yên</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="73" />
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="78" />
        <source>Reader: %1</source>
        <translation>Đầu đọc: %1</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="79" />
        <source>Looking for the card reader...</source>
        <translation>Đang tìm đầu đọc thẻ...</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <location filename="../screens/card.py" line="90" />
        <source>Connecting to the card</source>
        <translation>Đang kết nối với thẻ</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="91" />
        <source>Opening the chip securely</source>
        <translation>Đang mở chip an toàn</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="92" />
        <source>Reading the file list</source>
        <translation>Đang đọc danh sách tệp</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="93" />
        <source>Reading the security signature</source>
        <translation>Đang đọc chữ ký bảo mật</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="94" />
        <source>Reading the document data</source>
        <translation>Đang đọc thông tin giấy tờ</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="95" />
        <source>Reading your photo</source>
        <translation>Đang đọc ảnh chân dung</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="96" />
        <source>Reading your personal details</source>
        <translation>Đang đọc thông tin cá nhân</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="97" />
        <location filename="../screens/card.py" line="98" />
        <source>Reading the chip's key</source>
        <translation>Đang đọc khóa của chip</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="99" />
        <source>Checking the chip is genuine</source>
        <translation>Đang kiểm tra chip là thật</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="100" />
        <source>Checking the state's signature</source>
        <translation>Đang kiểm tra chữ ký của Nhà nước</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="101" />
        <source>The card moved: connecting again</source>
        <translation>Thẻ bị dịch chuyển: đang kết nối lại</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="106" />
        <location filename="../screens/card.py" line="139" />
        <source>Reading your card</source>
        <extracomment>An empty line that keeps its height, so the bar above does not move as the KB come and go. Any other stage the reader may report (never shown by its id).</extracomment>
        <translation>Đang đọc thẻ của bạn</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="138" />
        <source>Sending your form</source>
        <translation>Đang gửi hồ sơ</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="140" />
        <source>Please wait: your form is being saved.</source>
        <translation>Vui lòng chờ: hồ sơ của bạn đang được lưu.</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="141" />
        <source>Do not move the card until the reading is finished.</source>
        <translation>Không di chuyển thẻ cho đến khi đọc xong.</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="162" />
        <source>Step %1 of %2: %3</source>
        <translation>Bước %1/%2: %3</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="176" />
        <source>less than a second left</source>
        <translation>còn chưa đến 1 giây</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="179" />
        <source>about 1 second left</source>
        <translation>còn khoảng 1 giây</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="180" />
        <source>about %1 seconds left</source>
        <translation>còn khoảng %1 giây</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="168" />
        <source>%1 of %2 KB</source>
        <translation>%1 / %2 KB</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../screens/receipt.py" line="21" />
        <location filename="../screens/receipt.py" line="26" />
        <source>Your form is saved</source>
        <extracomment>Delivery state -&gt; (title, sentence). "unknown": the store did not answer; the form was saved (the reference exists only then), so it reads as saved.</extracomment>
        <translation>Hồ sơ của bạn đã được lưu</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="22" />
        <source>It will be sent to the office automatically.</source>
        <translation>Hồ sơ sẽ được tự động gửi đến cơ quan.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="24" />
        <source>Your form has been sent</source>
        <translation>Hồ sơ của bạn đã được gửi</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="25" />
        <source>The office has received it.</source>
        <translation>Cơ quan đã nhận được hồ sơ.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="27" />
        <source>It could not be sent automatically: staff will send it.</source>
        <translation>Chưa gửi tự động được: cán bộ sẽ gửi hồ sơ giúp bạn.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="29" />
        <source>Training receipt</source>
        <translation>Biên nhận đào tạo</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="30" />
        <source>This kiosk is in training mode: this form is never sent to any office.</source>
        <translation>Máy đang ở chế độ đào tạo: hồ sơ này không bao giờ được gửi đến cơ quan nào.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="68" />
        <source>Keep this reference number. Counter staff will call you. Please take your card.</source>
        <translation>Hãy giữ mã hồ sơ này. Cán bộ sẽ gọi bạn. Xin nhớ lấy lại thẻ.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="70" />
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
        <location filename="../screens/review.py" line="109" />
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
        <location filename="../screens/staff.py" line="154" />
        <source>Identity verification</source>
        <translation>Xác minh danh tính</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="156" />
        <source>Reason for accepting a failed face match</source>
        <translation>Lý do chấp nhận khi khuôn mặt không khớp</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="157" />
        <source>Accept with reason</source>
        <translation>Chấp nhận kèm lý do</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="158" />
        <source>Review and submit the form</source>
        <translation>Xem và gửi tờ khai</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="159" />
        <source>Print the form</source>
        <translation>In tờ khai</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="160" />
        <source>Reprint selected</source>
        <translation>In lại hồ sơ đã chọn</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="161" />
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="163" />
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="163" />
        <source>Reference</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="163" />
        <source>Service</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="163" />
        <source>Staff</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="164" />
        <source>Delivery</source>
        <translation>Chuyển đi</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="202" />
        <source>Logged in: %1</source>
        <translation>Đang đăng nhập: %1</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="305" />
        <source>A reason is required</source>
        <translation>Cần nhập lý do</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="308" />
        <source>Log in with your own staff ID first</source>
        <translation>Hãy đăng nhập bằng mã cán bộ của chính bạn trước</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="313" />
        <source>This card failed its chip checks: it cannot be accepted</source>
        <translation>Thẻ này không qua được kiểm tra chip: không thể chấp nhận</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="329" />
        <source>Select a submission in today's list first</source>
        <translation>Hãy chọn một hồ sơ trong danh sách hôm nay trước</translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <location filename="../screens/technician.py" line="114" />
        <source>Technician</source>
        <translation>Kỹ thuật viên</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="115" />
        <source>Readers</source>
        <translation>Đầu đọc</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="115" />
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="115" />
        <source>Trust store</source>
        <translation>Kho chứng thư</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="115" />
        <source>Health</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="116" />
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="119" />
        <source>New value</source>
        <translation>Giá trị mới</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="120" />
        <source>Change</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="121" />
        <source>Confirm all</source>
        <translation>Xác nhận tất cả</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="122" />
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="123" />
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="125" />
        <source>Logged in: %1</source>
        <translation>Đang đăng nhập: %1</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="152" />
        <location filename="../screens/technician.py" line="174" />
        <source>Working...</source>
        <translation>Đang xử lý...</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="179" />
        <source>%1: %2 → %3 (audited; takes effect when the kiosk restarts)</source>
        <translation>%1: %2 → %3 (đã ghi nhật ký; có hiệu lực khi máy khởi động lại)</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="193" />
        <source>%1 setting(s) confirmed</source>
        <translation>Đã xác nhận %1 thiết lập</translation>
    </message>
</context>
</TS>