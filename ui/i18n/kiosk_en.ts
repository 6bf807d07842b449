<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccessKeyScreen</name>
    <message>
        <location filename="../screens/access.py" line="64" />
        <source>Show the QR code on your card, or type the CAN</source>
        <translation>Show the QR code on your card, or type the CAN</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="65" />
        <source>CAN: the last 6 digits of your 12-digit ID number</source>
        <translation>CAN: the last 6 digits of your 12-digit ID number</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="66" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="71" />
        <source>Hold the QR code of your card in front of the camera</source>
        <translation>Hold the QR code of your card in front of the camera</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="72" />
        <source>No QR code? Read the MRZ</source>
        <translation>No QR code? Read the MRZ</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="74" />
        <source>Hold the back of your card (3 lines of letters) to the camera</source>
        <translation>Hold the back of your card (3 lines of letters) to the camera</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="75" />
        <source>Read the QR code</source>
        <translation>Read the QR code</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="99" />
        <source>No camera: please type the CAN</source>
        <translation>No camera: please type the CAN</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="121" />
        <source>The CAN must be 6 digits</source>
        <translation>The CAN must be 6 digits</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <location filename="../screens/consent.py" line="32" />
        <source>May we read your ID card?</source>
        <translation>May we read your ID card?</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="34" />
        <source>What we read from the chip: ID number, full name, date of birth, sex, nationality, ethnicity, religion, place of origin, residence, parents' and spouse's names, issue and expiry dates, and your photo.</source>
        <translation>What we read from the chip: ID number, full name, date of birth, sex, nationality, ethnicity, religion, place of origin, residence, parents' and spouse's names, issue and expiry dates, and your photo.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="37" />
        <source>Why: to fill in the form of the service you choose, and to check with the camera that the card is yours. Ethnicity, religion and your photo are sensitive personal data.</source>
        <translation>Why: to fill in the form of the service you choose, and to check with the camera that the card is yours. Ethnicity, religion and your photo are sensitive personal data.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="40" />
        <source>How long: everything on this kiosk is erased when you remove your card or leave. A submitted form is kept encrypted and deleted %1 days after it reaches the office.</source>
        <translation>How long: everything on this kiosk is erased when you remove your card or leave. A submitted form is kept encrypted and deleted %1 days after it reaches the office.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="43" />
        <source>Nothing is read unless you tap "I agree".</source>
        <translation>Nothing is read unless you tap "I agree".</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="46" />
        <source>I agree</source>
        <translation>I agree</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="47" />
        <source>I do not agree</source>
        <translation>I do not agree</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <location filename="../screens/error.py" line="11" />
        <source>The number did not open your card. Check the 6-digit CAN (the last 6 digits of your ID number) and try again.</source>
        <translation>The number did not open your card. Check the 6-digit CAN (the last 6 digits of your ID number) and try again.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="12" />
        <source>The card was moved away from the reader. Place it flat on the reader and keep it still.</source>
        <translation>The card was moved away from the reader. Place it flat on the reader and keep it still.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="13" />
        <source>The card could not be read. Try again; if it happens again, please call staff.</source>
        <translation>The card could not be read. Try again; if it happens again, please call staff.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="14" />
        <location filename="../screens/error.py" line="15" />
        <source>This card could not be verified. Please go to the counter.</source>
        <translation>This card could not be verified. Please go to the counter.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="16" />
        <source>The kiosk could not confirm this card is genuine. Please go to the counter.</source>
        <translation>The kiosk could not confirm this card is genuine. Please go to the counter.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="17" />
        <source>The details on your card could not be read. Please go to the counter.</source>
        <translation>The details on your card could not be read. Please go to the counter.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="18" />
        <source>The photo on your card could not be read. Please go to the counter.</source>
        <translation>The photo on your card could not be read. Please go to the counter.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="19" />
        <source>The camera is not working. Please call staff.</source>
        <translation>The camera is not working. Please call staff.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="20" />
        <source>This kiosk's card reader is not approved for use. Please call staff.</source>
        <translation>This kiosk's card reader is not approved for use. Please call staff.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="21" />
        <source>No card reader is connected. Please call staff.</source>
        <translation>No card reader is connected. Please call staff.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="22" />
        <source>We could not confirm that the card is yours. Try again, or ask staff to check.</source>
        <translation>We could not confirm that the card is yours. Try again, or ask staff to check.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="23" />
        <source>The form could not be saved. Try again, or call staff.</source>
        <translation>The form could not be saved. Try again, or call staff.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="24" />
        <source>This card uses a protocol the kiosk does not support. Please go to the counter.</source>
        <translation>This card uses a protocol the kiosk does not support. Please go to the counter.</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="56" />
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="57" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="58" />
        <source>Call staff</source>
        <translation>Call staff</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="59" />
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
</context>
<context>
    <name>FaceScreen</name>
    <message>
        <location filename="../screens/face.py" line="52" />
        <source>Let us check it is you</source>
        <translation>Let us check it is you</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="53" />
        <source>Photo on the chip</source>
        <translation>Photo on the chip</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="54" />
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="55" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="65" />
        <source>No camera: please call staff</source>
        <translation>No camera: please call staff</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../main_window.py" line="178" />
        <source>Sending your form</source>
        <translation>Sending your form</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../screens/login.py" line="36" />
        <source>Staff PIN</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="36" />
        <source>Technician PIN</source>
        <translation>Technician PIN</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="37" />
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="51" />
        <source>Too many wrong PINs. Try again in %1 s.</source>
        <translation>Too many wrong PINs. Try again in %1 s.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="54" />
        <source>Wrong PIN</source>
        <translation>Wrong PIN</translation>
    </message>
</context>
<context>
    <name>PartyBanner</name>
    <message>
        <location filename="../screens/party.py" line="182" />
        <source>first take the card already read off the reader</source>
        <translation>first take the card already read off the reader</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="184" />
        <source>Other choices</source>
        <translation>Other choices</translation>
    </message>
</context>
<context>
    <name>PartyScreen</name>
    <message>
        <location filename="../screens/party.py" line="88" />
        <source>I agree: read my card</source>
        <extracomment>The steps of another party's card, under the banner that names whose card it is.</extracomment>
        <translation>I agree: read my card</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="89" />
        <source>Type the ID number</source>
        <translation>Type the ID number</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="90" />
        <source>That's me</source>
        <translation>That's me</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="91" />
        <source>Skip: fill in later</source>
        <translation>Skip: fill in later</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="92" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="93" />
        <source>The 12-digit personal ID number</source>
        <translation>The 12-digit personal ID number</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="94" />
        <source>First take the card already read off the reader.</source>
        <translation>First take the card already read off the reader.</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="108" />
        <source>This person places their own ID card on the reader and looks at the camera. Tapping “I agree: read my card” means they agree to the kiosk reading it.</source>
        <translation>This person places their own ID card on the reader and looks at the camera. Tapping “I agree: read my card” means they agree to the kiosk reading it.</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="112" />
        <source>This person's card is not read. Type their personal ID number if you know it; the other details are typed on the form.</source>
        <translation>This person's card is not read. Type their personal ID number if you know it; the other details are typed on the form.</translation>
    </message>
</context>
<context>
    <name>PlaceCardScreen</name>
    <message>
        <location filename="../screens/card.py" line="67" />
        <source>Place your card flat on the reader and keep it there</source>
        <translation>Place your card flat on the reader and keep it there</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="68" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="73" />
        <source>Reader: %1</source>
        <translation>Reader: %1</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="74" />
        <source>Looking for the card reader...</source>
        <translation>Looking for the card reader...</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <location filename="../screens/card.py" line="85" />
        <source>Connecting to the card</source>
        <translation>Connecting to the card</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="86" />
        <source>Opening the chip securely</source>
        <translation>Opening the chip securely</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="87" />
        <source>Reading the file list</source>
        <translation>Reading the file list</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="88" />
        <source>Reading the security signature</source>
        <translation>Reading the security signature</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="89" />
        <source>Reading the document data</source>
        <translation>Reading the document data</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="90" />
        <source>Reading your photo</source>
        <translation>Reading your photo</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="91" />
        <source>Reading your personal details</source>
        <translation>Reading your personal details</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="92" />
        <location filename="../screens/card.py" line="93" />
        <source>Reading the chip's key</source>
        <translation>Reading the chip's key</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="94" />
        <source>Checking the chip is genuine</source>
        <translation>Checking the chip is genuine</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="95" />
        <source>Checking the state's signature</source>
        <translation>Checking the state's signature</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="115" />
        <source>Reading your card</source>
        <translation>Reading your card</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="116" />
        <source>Do not move the card. This takes a few seconds.</source>
        <translation>Do not move the card. This takes a few seconds.</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="128" />
        <source>%1 of %2 KB</source>
        <translation>%1 of %2 KB</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../screens/receipt.py" line="32" />
        <source>Your form has been sent</source>
        <translation>Your form has been sent</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="33" />
        <source>Keep this reference number. Counter staff will call you. Please take your card.</source>
        <translation>Keep this reference number. Counter staff will call you. Please take your card.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="35" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../screens/review.py" line="69" />
        <source>Check your form</source>
        <translation>Check your form</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="70" />
        <source>Grey fields come from your chip and cannot be changed. Tap a white field to fill it in.</source>
        <translation>Grey fields come from your chip and cannot be changed. Tap a white field to fill it in.</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="72" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="73" />
        <source>Also print a copy</source>
        <translation>Also print a copy</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="74" />
        <source>Confirm and send</source>
        <translation>Confirm and send</translation>
    </message>
    <message>
        <location filename="../screens/review.py" line="108" />
        <source>(from the chip)</source>
        <translation>(from the chip)</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../screens/service.py" line="40" />
        <source>Which service do you need?</source>
        <translation>Which service do you need?</translation>
    </message>
    <message>
        <location filename="../screens/service.py" line="41" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/service.py" line="42" />
        <source>Next</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../screens/staff.py" line="115" />
        <source>Identity verification</source>
        <translation>Identity verification</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="116" />
        <source>Reason for accepting a failed face match</source>
        <translation>Reason for accepting a failed face match</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="117" />
        <source>Accept with reason</source>
        <translation>Accept with reason</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="118" />
        <source>Review and submit the form</source>
        <translation>Review and submit the form</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="119" />
        <source>Print the form</source>
        <translation>Print the form</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="120" />
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="122" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="122" />
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="122" />
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="122" />
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="170" />
        <source>A reason is required</source>
        <translation>A reason is required</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="175" />
        <source>This card failed its chip checks: it cannot be accepted</source>
        <translation>This card failed its chip checks: it cannot be accepted</translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <location filename="../screens/technician.py" line="49" />
        <source>Technician</source>
        <translation>Technician</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="50" />
        <source>Readers</source>
        <translation>Readers</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="50" />
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="50" />
        <source>Trust store</source>
        <translation>Trust store</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="50" />
        <source>Health</source>
        <translation>Health</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="51" />
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="54" />
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="55" />
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="62" />
        <source>Working...</source>
        <translation>Working...</translation>
    </message>
</context>
</TS>