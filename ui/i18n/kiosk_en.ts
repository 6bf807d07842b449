<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccessKeyScreen</name>
    <message>
        <location filename="../screens/access.py" line="67" />
        <source>Show the QR code on your card, or type the CAN</source>
        <translation>Show the QR code on your card, or type the CAN</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="68" />
        <source>CAN: the last 6 digits of your 12-digit ID number</source>
        <translation>CAN: the last 6 digits of your 12-digit ID number</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="69" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="74" />
        <source>Hold the QR code of your card in front of the camera</source>
        <translation>Hold the QR code of your card in front of the camera</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="75" />
        <source>No QR code? Read the MRZ</source>
        <translation>No QR code? Read the MRZ</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="77" />
        <source>Hold the back of your card (3 lines of letters) to the camera</source>
        <translation>Hold the back of your card (3 lines of letters) to the camera</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="78" />
        <source>Read the QR code</source>
        <translation>Read the QR code</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="105" />
        <source>Your card has locked its CAN: show the back of the card to the camera instead.</source>
        <translation>Your card has locked its CAN: show the back of the card to the camera instead.</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="112" />
        <source>No camera: please type the CAN</source>
        <translation>No camera: please type the CAN</translation>
    </message>
    <message>
        <location filename="../screens/access.py" line="136" />
        <source>The CAN must be 6 digits</source>
        <translation>The CAN must be 6 digits</translation>
    </message>
</context>
<context>
    <name>AppearanceToggles</name>
    <message>
        <location filename="../widgets/appearance.py" line="91" />
        <source>Large text</source>
        <translation>Large text</translation>
    </message>
    <message>
        <location filename="../widgets/appearance.py" line="92" />
        <source>High contrast</source>
        <translation>High contrast</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../screens/staff_case.py" line="129" />
        <source>Photo on the chip</source>
        <extracomment>the kiosk's shared camera (KioskCore.camera): None when there is none</extracomment>
        <translation>Photo on the chip</translation>
    </message>
    <message>
        <location filename="../screens/staff_case.py" line="130" />
        <source>Camera at the face check</source>
        <translation>Camera at the face check</translation>
    </message>
    <message>
        <location filename="../screens/staff_case.py" line="131" />
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../screens/staff_case.py" line="168" />
        <source>ID number (typed)</source>
        <translation>ID number (typed)</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <location filename="../screens/consent.py" line="42" />
        <source>May we read your ID card?</source>
        <extracomment>(given, the recorded consent's id or None); a yes is emitted once it is recorded</extracomment>
        <translation>May we read your ID card?</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="44" />
        <source>What we read from the chip: ID number, full name, date of birth, sex, nationality, ethnicity, religion, place of origin, residence, parents' and spouse's names, issue and expiry dates, and your photo.</source>
        <translation>What we read from the chip: ID number, full name, date of birth, sex, nationality, ethnicity, religion, place of origin, residence, parents' and spouse's names, issue and expiry dates, and your photo.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="47" />
        <source>Why: to fill in the form of the service you choose, and to check with the camera that the card is yours. Ethnicity, religion and your photo are sensitive personal data.</source>
        <translation>Why: to fill in the form of the service you choose, and to check with the camera that the card is yours. Ethnicity, religion and your photo are sensitive personal data.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="50" />
        <source>How long: everything on this kiosk is erased when you remove your card or leave. A submitted form is kept encrypted and deleted %1 days after it reaches the office.</source>
        <translation>How long: everything on this kiosk is erased when you remove your card or leave. A submitted form is kept encrypted and deleted %1 days after it reaches the office.</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="53" />
        <source>Nothing is read unless you tap "I agree".</source>
        <translation>Nothing is read unless you tap "I agree".</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="56" />
        <source>I agree</source>
        <translation>I agree</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="57" />
        <source>I do not agree</source>
        <translation>I do not agree</translation>
    </message>
    <message>
        <location filename="../screens/consent.py" line="86" />
        <source>Your consent could not be recorded just now, so nothing will be read. Please ask the staff at the counter.</source>
        <translation>Your consent could not be recorded just now, so nothing will be read. Please ask the staff at the counter.</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <location filename="../screens/error.py" line="54" />
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="55" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/error.py" line="56" />
        <source>Call staff</source>
        <translation>Call staff</translation>
    </message>
</context>
<context>
    <name>FaceScreen</name>
    <message>
        <location filename="../screens/face.py" line="73" />
        <source>Let us check it is you</source>
        <extracomment>The guide for each prompt code that is not a quality reason (those are all "adjust").</extracomment>
        <translation>Let us check it is you</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="74" />
        <source>Photo on your card</source>
        <translation>Photo on your card</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="75" />
        <source>Put your face in the oval</source>
        <translation>Put your face in the oval</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="76" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/face.py" line="94" />
        <source>No camera: please call staff</source>
        <translation>No camera: please call staff</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../screens/login.py" line="100" />
        <source>Staff login</source>
        <translation>Staff login</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="101" />
        <source>Technician login</source>
        <translation>Technician login</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="102" />
        <source>Staff ID</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="103" />
        <source>e.g. nv01</source>
        <translation>e.g. nv01</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="104" />
        <source>PIN (6 to 12 digits)</source>
        <translation>PIN (6 to 12 digits)</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="105" />
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="123" />
        <location filename="../screens/login.py" line="140" />
        <source>Type your staff ID first</source>
        <translation>Type your staff ID first</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="144" />
        <source>Checking...</source>
        <translation>Checking...</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="166" />
        <source>Too many wrong PINs: this account is locked. Try again in %1 min.</source>
        <translation>Too many wrong PINs: this account is locked. Try again in %1 min.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="169" />
        <source>This account is disabled. Ask a technician.</source>
        <translation>This account is disabled. Ask a technician.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="171" />
        <source>This account cannot open the technician area.</source>
        <translation>This account cannot open the technician area.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="172" />
        <source>Wrong staff ID or PIN.</source>
        <translation>Wrong staff ID or PIN.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="174" />
        <source>The kiosk's database cannot be reached. Call a technician.</source>
        <translation>The kiosk's database cannot be reached. Call a technician.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="175" />
        <source>The login could not be checked. Call a technician.</source>
        <translation>The login could not be checked. Call a technician.</translation>
    </message>
</context>
<context>
    <name>PartyBanner</name>
    <message>
        <location filename="../screens/party.py" line="243" />
        <source>first take the card already read off the reader</source>
        <translation>first take the card already read off the reader</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="245" />
        <source>Other choices</source>
        <translation>Other choices</translation>
    </message>
</context>
<context>
    <name>PartyScreen</name>
    <message>
        <location filename="../screens/party.py" line="110" />
        <source>I agree: read my card</source>
        <extracomment>The steps of another party's card, under the banner that names whose card it is.</extracomment>
        <translation>I agree: read my card</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="111" />
        <source>Type the ID number</source>
        <translation>Type the ID number</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="112" />
        <source>That's me</source>
        <translation>That's me</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="113" />
        <source>Skip: fill in later</source>
        <translation>Skip: fill in later</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="114" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="115" />
        <source>The 12-digit personal ID number</source>
        <translation>The 12-digit personal ID number</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="116" />
        <source>First take the card already read off the reader.</source>
        <translation>First take the card already read off the reader.</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="130" />
        <source>This person places their own ID card on the reader and looks at the camera. Tapping “I agree: read my card” means they agree to the kiosk reading it.</source>
        <translation>This person places their own ID card on the reader and looks at the camera. Tapping “I agree: read my card” means they agree to the kiosk reading it.</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="134" />
        <source>This person's card is not read. Type their personal ID number if you know it; the other details are typed on the form.</source>
        <translation>This person's card is not read. Type their personal ID number if you know it; the other details are typed on the form.</translation>
    </message>
    <message>
        <location filename="../screens/party.py" line="181" />
        <source>The consent could not be recorded just now, so the card will not be read. Please ask the staff at the counter.</source>
        <translation>The consent could not be recorded just now, so the card will not be read. Please ask the staff at the counter.</translation>
    </message>
</context>
<context>
    <name>PlaceCardScreen</name>
    <message>
        <location filename="../screens/card.py" line="72" />
        <source>Place your card flat on the reader and keep it there</source>
        <translation>Place your card flat on the reader and keep it there</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="73" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="78" />
        <source>Reader: %1</source>
        <translation>Reader: %1</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="79" />
        <source>Looking for the card reader...</source>
        <translation>Looking for the card reader...</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <location filename="../screens/card.py" line="90" />
        <source>Connecting to the card</source>
        <translation>Connecting to the card</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="91" />
        <source>Opening the chip securely</source>
        <translation>Opening the chip securely</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="92" />
        <source>Reading the file list</source>
        <translation>Reading the file list</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="93" />
        <source>Reading the security signature</source>
        <translation>Reading the security signature</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="94" />
        <source>Reading the document data</source>
        <translation>Reading the document data</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="95" />
        <source>Reading your photo</source>
        <translation>Reading your photo</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="96" />
        <source>Reading your personal details</source>
        <translation>Reading your personal details</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="97" />
        <location filename="../screens/card.py" line="98" />
        <source>Reading the chip's key</source>
        <translation>Reading the chip's key</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="99" />
        <source>Checking the chip is genuine</source>
        <translation>Checking the chip is genuine</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="100" />
        <source>Checking the state's signature</source>
        <translation>Checking the state's signature</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="101" />
        <source>The card moved: connecting again</source>
        <translation>The card moved: connecting again</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="106" />
        <location filename="../screens/card.py" line="139" />
        <source>Reading your card</source>
        <extracomment>An empty line that keeps its height, so the bar above does not move as the KB come and go. Any other stage the reader may report (never shown by its id).</extracomment>
        <translation>Reading your card</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="138" />
        <source>Sending your form</source>
        <translation>Sending your form</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="140" />
        <source>Please wait: your form is being saved.</source>
        <translation>Please wait: your form is being saved.</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="141" />
        <source>Do not move the card until the reading is finished.</source>
        <translation>Do not move the card until the reading is finished.</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="162" />
        <source>Step %1 of %2: %3</source>
        <translation>Step %1 of %2: %3</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="176" />
        <source>less than a second left</source>
        <translation>less than a second left</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="179" />
        <source>about 1 second left</source>
        <translation>about 1 second left</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="180" />
        <source>about %1 seconds left</source>
        <translation>about %1 seconds left</translation>
    </message>
    <message>
        <location filename="../screens/card.py" line="168" />
        <source>%1 of %2 KB</source>
        <translation>%1 of %2 KB</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../screens/receipt.py" line="21" />
        <location filename="../screens/receipt.py" line="26" />
        <source>Your form is saved</source>
        <extracomment>Delivery state -&gt; (title, sentence). "unknown": the store did not answer; the form was saved (the reference exists only then), so it reads as saved.</extracomment>
        <translation>Your form is saved</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="22" />
        <source>It will be sent to the office automatically.</source>
        <translation>It will be sent to the office automatically.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="24" />
        <source>Your form has been sent</source>
        <translation>Your form has been sent</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="25" />
        <source>The office has received it.</source>
        <translation>The office has received it.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="27" />
        <source>It could not be sent automatically: staff will send it.</source>
        <translation>It could not be sent automatically: staff will send it.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="29" />
        <source>Training receipt</source>
        <translation>Training receipt</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="30" />
        <source>This kiosk is in training mode: this form is never sent to any office.</source>
        <translation>This kiosk is in training mode: this form is never sent to any office.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="68" />
        <source>Keep this reference number. Counter staff will call you. Please take your card.</source>
        <translation>Keep this reference number. Counter staff will call you. Please take your card.</translation>
    </message>
    <message>
        <location filename="../screens/receipt.py" line="70" />
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
        <location filename="../screens/review.py" line="109" />
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
        <location filename="../screens/staff.py" line="154" />
        <source>Identity verification</source>
        <translation>Identity verification</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="156" />
        <source>Reason for accepting a failed face match</source>
        <translation>Reason for accepting a failed face match</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="157" />
        <source>Accept with reason</source>
        <translation>Accept with reason</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="158" />
        <source>Review and submit the form</source>
        <translation>Review and submit the form</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="159" />
        <source>Print the form</source>
        <translation>Print the form</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="160" />
        <source>Reprint selected</source>
        <translation>Reprint selected</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="161" />
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="163" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="163" />
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="163" />
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="163" />
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="164" />
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="202" />
        <source>Logged in: %1</source>
        <translation>Logged in: %1</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="305" />
        <source>A reason is required</source>
        <translation>A reason is required</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="308" />
        <source>Log in with your own staff ID first</source>
        <translation>Log in with your own staff ID first</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="313" />
        <source>This card failed its chip checks: it cannot be accepted</source>
        <translation>This card failed its chip checks: it cannot be accepted</translation>
    </message>
    <message>
        <location filename="../screens/staff.py" line="329" />
        <source>Select a submission in today's list first</source>
        <translation>Select a submission in today's list first</translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <location filename="../screens/technician.py" line="114" />
        <source>Technician</source>
        <translation>Technician</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="115" />
        <source>Readers</source>
        <translation>Readers</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="115" />
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="115" />
        <source>Trust store</source>
        <translation>Trust store</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="115" />
        <source>Health</source>
        <translation>Health</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="116" />
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="119" />
        <source>New value</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="120" />
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="121" />
        <source>Confirm all</source>
        <translation>Confirm all</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="122" />
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="123" />
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="125" />
        <source>Logged in: %1</source>
        <translation>Logged in: %1</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="152" />
        <location filename="../screens/technician.py" line="174" />
        <source>Working...</source>
        <translation>Working...</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="179" />
        <source>%1: %2 → %3 (audited; takes effect when the kiosk restarts)</source>
        <translation>%1: %2 → %3 (audited; takes effect when the kiosk restarts)</translation>
    </message>
    <message>
        <location filename="../screens/technician.py" line="193" />
        <source>%1 setting(s) confirmed</source>
        <translation>%1 setting(s) confirmed</translation>
    </message>
</context>
</TS>