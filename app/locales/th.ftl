# ส่วนติดต่อของ DropSlot ภาษาไทย ทุกข้อความต้องมีใน en.ftl ด้วย (มีการทดสอบตรวจ)

## The site around every page
site-title-suffix = { $title } · DropSlot
site-description = จองรอบสำหรับสินค้าลิมิเต็ดที่ร้านใกล้คุณ
skip-to-content = ข้ามไปยังเนื้อหา
nav-main = เมนูหลัก
nav-stores = ร้านค้า
nav-search = ค้นหา
nav-owners = สำหรับเจ้าของร้าน
nav-reservations = การจองของฉัน
nav-sign-in = เข้าสู่ระบบ
nav-account = บัญชี
language-switch = เลือกภาษา
account-language = ภาษา

## Errors, whole pages and form summaries
error-invalid = ข้อมูลไม่ถูกต้อง
error-not-found = ไม่พบหน้านี้
error-conflict = ข้อมูลขัดแย้ง
error-unauthenticated = ต้องเข้าสู่ระบบ
error-forbidden = ไม่ได้รับอนุญาต
error-bad-request = คำขอไม่ถูกต้อง
error-internal = เกิดข้อผิดพลาด
error-busy = ระบบกำลังยุ่ง
error-rate-limited-title = คำขอมากเกินไป
error-rate-limited = มีคำขอจากที่นี่มากเกินไป โปรดลองอีกครั้งใน { $seconds } วินาที
error-overloaded = ขณะนี้มีผู้ใช้งานจำนวนมาก เราจึงรับคำขอของคุณไม่ได้ โปรดลองอีกครั้งใน { $seconds } วินาที
error-too-large-title = ใหญ่เกินไป
error-too-large = ข้อมูลที่ส่งมีขนาดเกิน { $mb } MB ที่แบบฟอร์มนี้รับได้
error-unreachable = ติดต่อ DropSlot ไม่ได้
error-back-to-start = กลับไปหน้าแรก
error-no-page = ไม่มีหน้าที่ที่อยู่นี้
error-fix-fields = กรุณาแก้ไขช่องที่ทำเครื่องหมายไว้
error-try-again = เกิดข้อผิดพลาดในระบบของเรา กรุณาลองอีกครั้ง
error-offline = ดูเหมือนคุณจะออฟไลน์อยู่ ตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง

## Sign-in gate
signin-required-title = กรุณาเข้าสู่ระบบ
signin-required-lead = หน้านี้สำหรับผู้ที่เข้าสู่ระบบแล้ว
signin-required-new = เพิ่งมาครั้งแรก?
signin-required-register = สร้างบัญชี

## Dialogs
dialog-go-back = ย้อนกลับ

## Countdown
countdown-opens-in = เปิดในอีก
countdown-held-for = กันที่ไว้ให้คุณอีก
countdown-days = { $days } วัน

## Front page
home-title = ดรอปลิมิเต็ด จองอย่างยุติธรรม
home-heading = ดรอปลิมิเต็ด จองอย่างยุติธรรม
home-lead = จองรอบเวลาสำหรับสินค้าลิมิเต็ดที่ร้านใกล้คุณ รับรหัส แล้วแสดงที่หน้าร้าน
home-stores = ร้านค้า
home-loading-stores = กำลังโหลดร้านค้า…
home-no-stores = ยังไม่มีร้านค้า เจ้าของร้านเปิดร้านได้ที่ “สำหรับเจ้าของร้าน”

## A store's public page
pager-label = หน้า
pager-previous = ← ก่อนหน้า
pager-next = ถัดไป →
pager-position = หน้า { $page } จาก { $pages }
loading = กำลังโหลด…
store-branches = สาขา
store-drops = ดรอป
store-products = สินค้า
store-search = ค้นหาในร้านนี้
store-category = หมวดหมู่
store-all-categories = ทุกหมวดหมู่
store-search-submit = ค้นหา
store-no-products = ร้านนี้ยังไม่มีสินค้า
store-no-branches = ร้านนี้ยังไม่ได้เพิ่มสาขา
store-part-of = ส่วนหนึ่งของ
store-eyebrow = ร้านค้า
store-brand-stores = ร้านในแบรนด์นี้

## Dates: weekday 1 = Monday, month 1 = January
date-day = { $weekday ->
        [1] จ.
        [2] อ.
        [3] พ.
        [4] พฤ.
        [5] ศ.
        [6] ส.
       *[7] อา.
    } { $day } { $month ->
        [1] ม.ค.
        [2] ก.พ.
        [3] มี.ค.
        [4] เม.ย.
        [5] พ.ค.
        [6] มิ.ย.
        [7] ก.ค.
        [8] ส.ค.
        [9] ก.ย.
        [10] ต.ค.
        [11] พ.ย.
       *[12] ธ.ค.
    }

## Drops, as shoppers see them
places = { $count } ที่
drop-status-draft = ฉบับร่าง
drop-status-scheduled = กำหนดการแล้ว
drop-status-open = เปิดจอง
drop-status-closed = ปิดแล้ว
drop-status-archived = เก็บถาวร
drop-status-cancelled = ยกเลิกแล้ว
drops-none = ตอนนี้ร้านนี้ยังไม่มีดรอปที่กำหนดไว้ แวะกลับมาใหม่เร็ว ๆ นี้
drop-open-until = เปิดถึง { $when }
drop-opens = เปิด { $when }
drop-window = เปิด { $opens } · ปิด { $closes }
drop-edit = แก้ไขดรอปนี้
drop-products = สินค้าในดรอปนี้
drop-slots = รอบเวลา
drop-slots-appear = รอบเวลาจะแสดงที่นี่ทันทีที่ดรอปเปิด ไม่ต้องโหลดหน้าใหม่
drop-sign-in-to-book = เพื่อจองรอบ
drop-no-more-bookings = ดรอปนี้ไม่รับจองเพิ่มแล้ว
drop-rules = วิธีการจอง
drop-rules-per-person = { $count ->
    [1] จองได้คนละ 1 ครั้ง
   *[other] จองได้คนละไม่เกิน { $count } ครั้ง
}
drop-rules-places = { $count ->
    [1] { " " }ครั้งละ 1 ที่
   *[other] { " " }ครั้งละไม่เกิน { $count } ที่
}
drop-rules-deposit = เราจะกันที่ไว้ให้ { $minutes } นาที ชำระมัดจำ { $deposit } เพื่อยืนยัน
drop-rules-no-deposit = ไม่ต้องมัดจำ: การจองได้รับการยืนยันทันที
drop-rules-cutoff = ปิดรับจอง { $minutes } นาทีก่อนเริ่มรอบ
drop-rules-cancel = ยกเลิกได้จนถึง { $minutes } นาทีก่อนรอบของคุณ
drop-rules-access-code = สิทธิ์ก่อนใคร: ต้องใช้รหัสเข้าร่วมจากทางร้าน
drop-rules-verified-email = จองด้วยบัญชีที่ยืนยันอีเมลแล้ว
slots-at = รอบเวลาที่ { $branch }
slots-times-in = · เวลาตามเขต { $zone }
slot-sold-out = เต็มแล้ว
slot-left-of = เหลือ { $left } จาก { $capacity }
slot-book = จอง
slot-book-label = จอง { $slot }
slot-in-line = คิวที่ { $position }
slot-waiting-for = รอ { $places }: เราจะกันที่ไว้ให้เมื่อมีที่ว่าง
slot-leave-waitlist = ออกจากคิวรอ
slot-leave-waitlist-label = ออกจากคิวรอของ { $slot }
slot-join-waitlist = เข้าคิวรอ
slot-join-waitlist-label = เข้าคิวรอของ { $slot }
slot-places-for = จำนวนที่สำหรับ { $slot }
slot-access-code = รหัสเข้าร่วม

## My reservations
reservations-upcoming = ที่กำลังจะมาถึง
reservations-none = ยังไม่มีการจอง หาดรอปได้จากหน้าร้านค้า
reservations-waitlists = คิวรอ
reservations-past = ที่ผ่านมาและที่ยกเลิก
reservation-deposit-confirms = ชำระมัดจำ { $deposit } เพื่อยืนยันที่เหล่านี้
reservation-confirm = ยืนยันที่เหล่านี้
reservation-ticket-qr = คิวอาร์โค้ดตั๋วของคุณ: แสดงที่หน้าร้าน
reservation-booking-code = รหัสการจอง
reservation-download-code = ดาวน์โหลดรหัส
reservation-cancel = ยกเลิก
reservation-waitlist-explained = เมื่อมีที่ว่าง เราจะกันไว้ให้คุณที่นี่ แล้วคุณยืนยันเอง
reservation-held-deposit = กันที่ไว้แล้ว: ชำระมัดจำเพื่อยืนยัน
reservation-held = กันที่ไว้ให้คุณ: ยืนยันเพื่อเก็บไว้
reservation-confirmed = ยืนยันแล้ว
reservation-checked-in = เช็กอินแล้ว
reservation-cancelled = ยกเลิกแล้ว
reservation-expired = หมดเวลากันที่
reservation-no-show = ไม่มาตามนัด
reservation-cancel-question = ยกเลิกการจองนี้ใช่ไหม ที่จะถูกคืนให้รอบนี้ และคนอื่นอาจจองไป
reservation-cancel-confirm = ใช่ ยกเลิกเลย
reservation-booked = จองแล้ว: { $drop } { $slot } ตั๋วของคุณอยู่ด้านล่าง แสดงคิวอาร์โค้ดที่หน้าร้าน

## At the door (staff)
breadcrumb = เส้นทางนำทาง
door-title = หน้าประตู
door-lead = เลือกดรอปที่คุณกำลังเช็กอินลูกค้า เครื่องสแกนยังทำงานได้แม้ไม่มีเครือข่าย
door-no-drops = ร้านของคุณยังไม่มีดรอป เมื่อร้านเพิ่มคุณเป็นพนักงาน ดรอปของร้านจะแสดงที่นี่
door-page-title = ประตู: { $drop }
door-online = ออนไลน์
door-offline = ออฟไลน์: ตรวจสอบการสแกนบนโทรศัพท์เครื่องนี้
door-queued = รอซิงก์ { $count } รายการ
door-camera-view = ภาพจากกล้อง
door-start-scanning = เริ่มสแกน
door-stop-camera = ปิดกล้อง
door-switch-camera = สลับกล้อง
door-torch = ไฟฉาย
door-checked-in = เช็กอินแล้ว
door-valid-ticket = ตั๋วถูกต้อง
door-saved-on-phone = บันทึกไว้ในโทรศัพท์เครื่องนี้: จะซิงก์เมื่อเครือข่ายกลับมา
door-not-their-slot = ยังไม่ถึงรอบของลูกค้า
door-let-in-anyway = ให้เข้าได้
door-not-let-in = ไม่ให้เข้า
door-code-hint = รหัสใต้คิวอาร์โค้ดบนตั๋วของลูกค้า หรือข้อความของตั๋ว
door-check-in = เช็กอิน
door-conflict = { $name }: การสแกนของคุณเวลา { $scanned } ไม่ถูกนับ ตั๋วนี้เช็กอินไปแล้วเมื่อ { $winner }
door-scan-refused = การสแกนของคุณเวลา { $scanned } ไม่ถูกนับ: { $reason }
door-conflicts = รายการขัดแย้ง
door-who-is-coming = ผู้ที่จะมา
door-slot = รอบ
door-counts = จาก { $expected } ที่ เช็กอินแล้ว
door-find = ค้นหาด้วยชื่อหรืออีเมล
door-mark-no-shows = ทำเครื่องหมายที่เหลือว่าไม่มา
door-checked-in-at = เช็กอิน { $at }
door-held = กันที่ไว้
door-checked-in-here = เช็กอินบนโทรศัพท์เครื่องนี้แล้ว
door-undo = เลิกทำ

## Accounts: register and sign in
register-title = สร้างบัญชี
field-email = อีเมล
field-your-name = ชื่อของคุณ
field-password = รหัสผ่าน
register-password-hint = อย่างน้อย 10 ตัวอักษร คำหลายคำต่อกันจำง่ายและเดายาก
register-submit = สร้างบัญชี
register-have-account = มีบัญชีอยู่แล้ว?
register-sent = ใกล้เสร็จแล้ว: เราส่งลิงก์ยืนยันไปที่อีเมลของคุณ เปิดลิงก์เพื่อดำเนินการให้เสร็จ แล้วเข้าสู่ระบบ
register-go-sign-in = ไปที่หน้าเข้าสู่ระบบ
login-forgot = ลืมรหัสผ่าน?

## Mail links and password reset
verify-title = ยืนยันอีเมลของคุณ
verify-checking = กำลังตรวจสอบลิงก์…
verify-done = ยืนยันอีเมลแล้ว ยินดีต้อนรับสู่ DropSlot!
forgot-title = รีเซ็ตรหัสผ่าน
forgot-submit = ส่งลิงก์รีเซ็ต
forgot-sent = หากอีเมลนี้มีบัญชี ลิงก์รีเซ็ตกำลังส่งไป ลิงก์ใช้ได้หนึ่งชั่วโมง
reset-title = ตั้งรหัสผ่านใหม่
reset-password = รหัสผ่านใหม่
reset-password-hint = อย่างน้อย 10 ตัวอักษร ห้ามเป็นอีเมลของคุณ และห้ามเป็นรหัสผ่านที่ใช้กันทั่วไป
reset-submit = ตั้งรหัสผ่านใหม่
reset-done = เปลี่ยนรหัสผ่านแล้ว และออกจากระบบทุกอุปกรณ์แล้ว เข้าสู่ระบบด้วยรหัสผ่านใหม่

## Your account
account-title = บัญชีของคุณ
account-confirmed = · ยืนยันแล้ว
account-unconfirmed = · ยังไม่ได้ยืนยัน: ตรวจสอบกล่องจดหมายของคุณ
account-profile = โปรไฟล์และการตั้งค่า
account-time-zone = เขตเวลา
account-time-zone-hint = ชื่อแบบ IANA เช่น Asia/Bangkok หรือ Europe/London
account-notify-by = แจ้งเรื่องการจองของฉันทาง
account-notify-email = อีเมลเตือนความจำ (การจอง การยกเลิก และข้อเสนอจากรายชื่อรอจะส่งทางอีเมลเสมอ)
account-mobile = หมายเลขมือถือสำหรับ SMS
account-mobile-hint = พร้อมรหัสประเทศ เช่น +66 81 234 5678 เมื่อเลือก SMS ข้อความจะส่งมาที่หมายเลขนี้ ตอบกลับ STOP เพื่อหยุดรับ
account-mobile-needed = เพิ่มหมายเลขมือถือเพื่อรับ SMS
account-notify-sms = SMS
account-notify-push = การแจ้งเตือนแบบพุช
account-save = บันทึก
account-saved = บันทึกแล้ว
account-sign-out = ออกจากระบบ
account-sessions = อุปกรณ์ที่เข้าสู่ระบบอยู่
account-this-device = อุปกรณ์นี้
account-sign-out-others = ออกจากระบบในอุปกรณ์อื่นทั้งหมด

## Invitations
invitation-title = เข้าร่วมร้านค้า
invitation-go-stores = ไปที่ร้านของคุณ
invitation-go-door = เช็กอินลูกค้าที่หน้าประตู
invitation-lead = คุณได้รับเชิญให้ช่วยดูแลร้านค้าบน DropSlot
invitation-accept = ตอบรับคำเชิญ

## Product search
search-title = ค้นหาสินค้า
search-placeholder = ครัวซองต์ รองเท้าผ้าใบ ภาพพิมพ์…
search-searching = กำลังค้นหา…
search-nothing = ยังไม่พบสิ่งที่ตรงกัน ลองคำอื่น

## Products
product-not-on-sale = เลิกขายแล้ว
product-add-photo = เพิ่มรูปภาพ
product-photo = รูปภาพ
product-photo-hint = JPEG, PNG หรือ WebP ระบบจะลบข้อมูลตำแหน่งและกล้องออก
product-upload = อัปโหลดรูปภาพ

## Branch cards
branch-map = แผนที่

## Branches near you
near-title = สาขาใกล้คุณ
near-use-location = ใช้ตำแหน่งของฉัน
near-place = สถานที่หรือรหัสไปรษณีย์
near-none = ยังไม่มีสาขา
near-results = ผลลัพธ์
near-sorted-by-name = เรียงตามชื่อ: แชร์ตำแหน่งหรือพิมพ์สถานที่เพื่อเรียงตามระยะทาง

## Opening hours, distances, counts
weekday-name = { $weekday ->
        [1] วันจันทร์
        [2] วันอังคาร
        [3] วันพุธ
        [4] วันพฤหัสบดี
        [5] วันศุกร์
        [6] วันเสาร์
       *[7] วันอาทิตย์
    }
hours-open-now = เปิดอยู่ · ปิด { $closes }
hours-closed = ปิด
hours-opens-today = ปิด · เปิดเวลา { $at }
hours-opens-tomorrow = ปิด · เปิดพรุ่งนี้ { $at }
hours-opens-on = ปิด · เปิด{ $day } { $at }
branch-away = ห่างออกไป { $distance }
search-found = พบ { $count } รายการ
product-another-view = { $product } อีกมุมหนึ่ง
invitation-joined = ตอนนี้คุณอยู่ในทีมของ { $store } แล้ว
account-last-active = ใช้งานล่าสุด { $at }
near-locating = กำลังหาตำแหน่งของคุณ…
near-unavailable = ไม่สามารถระบุตำแหน่งของคุณได้ พิมพ์สถานที่หรือรหัสไปรษณีย์แทน

## The owner area's frame
owner-your-stores = ร้านของคุณ
owner-store-nav = { $store }: ส่วนต่าง ๆ
owner-profile = โปรไฟล์
owner-branches = สาขา
owner-products = สินค้า
owner-drops = ดรอป
owner-members = สมาชิก
owner-messages = ข้อความ
owner-public-page = หน้าร้านสาธารณะ

## Your stores (owners)
stores-open = เปิดร้านค้า
stores-created = สร้างแล้ว
stores-you-run = ร้านที่คุณดูแล
field-name = ชื่อ
stores-web-address = ที่อยู่เว็บ
optional = (ไม่บังคับ)
stores-slug-hint = ตัวอักษรพิมพ์เล็ก a-z ตัวเลข และขีดกลาง หากเว้นว่างไว้ ระบบจะสร้างจากชื่อ
stores-none = คุณยังไม่มีร้านค้า เปิดร้านแรกของคุณด้านบน
stores-your-role = บทบาทของคุณ
stores-manage = จัดการ
stores-platform-admin = ผู้ดูแลแพลตฟอร์ม

## Store members
members-heading = สมาชิก
members-role = บทบาท
members-actions = การดำเนินการ
members-invite = เชิญผู้อื่น
members-role-staff = พนักงาน: เช็กอินลูกค้าที่หน้าประตู
members-role-owner = เจ้าของ: จัดการร้านและทีม
members-send = ส่งคำเชิญ
members-sent = ส่งคำเชิญแล้ว
members-pending = คำเชิญที่รอตอบรับ
members-no-pending = ไม่มีคำเชิญที่รออยู่
members-remove-owner = นำเจ้าของออก
members-remove-button = นำออก

## Store profile
settings-owners-only = เฉพาะเจ้าของร้านเท่านั้นที่แก้ไขโปรไฟล์ร้านได้
settings-what-shoppers-see = สิ่งที่ลูกค้าเห็น
settings-description = คำอธิบาย
settings-contact-email = อีเมลติดต่อ
settings-contact-phone = โทรศัพท์ติดต่อ
settings-accent = สีประจำร้าน
settings-accent-hint = สีเข้ม เช่น #0b6e4f: ตัวอักษรสีขาวต้องอ่านได้ชัดบนสีนี้
settings-currency = สกุลเงินที่ใช้ประจำ
settings-brand = อยู่ในแบรนด์
settings-no-brand = ไม่มี: ร้านนี้เป็นร้านเดี่ยว
settings-save = บันทึกโปรไฟล์
settings-logo = โลโก้
settings-logo-current = ผู้ซื้อจะเห็นโลโก้นี้ข้างชื่อร้าน
settings-logo-none = ยังไม่มีโลโก้: ผู้ซื้อจะเห็นเพียงชื่อร้าน
settings-logo-file = รูปโลโก้
settings-logo-hint = JPEG, PNG หรือ WebP ควรเป็นสี่เหลี่ยมจัตุรัส ส่วนที่โปร่งใสจะกลายเป็นสีขาว
settings-logo-upload = อัปโหลดโลโก้
settings-logo-remove = ลบโลโก้
settings-logo-remove-question = ลบโลโก้ใช่ไหม หน้าของผู้ซื้อจะแสดงเพียงชื่อร้านจนกว่าคุณจะอัปโหลดใหม่
stores-address-preview = ลูกค้าจะพบร้านได้ที่ /s/{ $slug }
stores-creating = กำลังสร้าง…
stores-create = สร้างร้านค้า
members-title = ทีมของ { $store }
members-remove = นำ { $name } ออก
members-remove-question = นำ { $name } ออกจากร้านนี้ใช่ไหม สิทธิ์เข้าถึงจะหายไปทันที หากต้องการคืนสิทธิ์ให้เชิญใหม่
settings-title = โปรไฟล์ของ { $store }
role-owner = เจ้าของ
role-staff = พนักงาน

## Live view of a drop
live-open-scanner = เปิดเครื่องสแกนหน้าประตู
live-capacity = ความจุ
live-held = กันไว้
live-waitlisted = คิวรอ
live-left = เหลือ

## Drops (owners)
owner-drops-none = ยังไม่มีดรอป เริ่มดรอปแรกด้านล่าง
owner-drops-drop = ดรอป
owner-drops-status = สถานะ
owner-drops-opens = เปิด
owner-drops-not-set = ยังไม่ได้กำหนด
owner-drops-edit = แก้ไข
live-crumb = สด
owner-drops-new = ดรอปใหม่
owner-drops-name = ชื่อดรอป
owner-drops-name-hint = เช่น ครัวซองต์วันศุกร์
owner-drops-start = เริ่มดรอป

## Catalogue (owners)
catalogue-owners-only = เฉพาะเจ้าของร้านเท่านั้นที่จัดการสินค้าได้
catalogue-add = เพิ่มสินค้า
field-sku = SKU
catalogue-sku-hint = รหัสของคุณเอง ไม่ซ้ำในร้านนี้: ตัวอักษร ตัวเลข - _ .
catalogue-price = ราคา
catalogue-price-hint = เช่น 120 หรือ 120.50
catalogue-currency = สกุลเงิน
catalogue-add-submit = เพิ่มสินค้า
catalogue-add-category = เพิ่มหมวดหมู่
catalogue-category-name = ชื่อหมวดหมู่
catalogue-inside = อยู่ใน
catalogue-add-category-submit = เพิ่มหมวดหมู่
catalogue-none-option = ไม่มี
catalogue-empty = ยังไม่มีสินค้า เพิ่มสินค้าแรกด้านบน
catalogue-state = สถานะ
catalogue-archived = เก็บถาวรแล้ว
catalogue-on-sale = วางขายอยู่
catalogue-restore = นำกลับมา
catalogue-archive = เก็บถาวร
live-title = สด: { $drop }
live-fill = เต็ม { $percent }%
live-taken = จองแล้ว { $taken } จาก { $capacity } ที่ · อัปเดต { $updated }
owner-drops-title = ดรอปของ { $store }
catalogue-title = สินค้าของ { $store }
catalogue-added = เพิ่ม { $product } แล้ว
catalogue-all = สินค้าทั้งหมด ({ $count })

## Branches (owners)
branches-owners-only = เฉพาะเจ้าของร้านเท่านั้นที่จัดการสาขาได้
branches-edit-heading = แก้ไขสาขา
branches-add-heading = เพิ่มสาขา
branches-none = ยังไม่มีสาขา เพิ่มสาขาแรกด้านล่าง
branches-name = ชื่อสาขา
branches-street = ที่อยู่
branches-city = เมือง
branches-postcode = รหัสไปรษณีย์
branches-country = รหัสประเทศ
branches-country-hint = ตัวอักษรสองตัว เช่น TH
branches-zone-hint = เช่น Asia/Bangkok
branches-latitude = ละติจูด
branches-latitude-hint = เช่น 13.7462
branches-longitude = ลองจิจูด
branches-longitude-hint = เช่น 100.5347
branches-phone = โทรศัพท์
branches-email = อีเมลสาขา
branches-hours = เวลาทำการ
branches-hours-hint = เว้นว่างวันที่ปิดไว้ เวลาปิดที่อยู่ก่อนเวลาเปิดหมายถึงหลังเที่ยงคืน
branches-exceptions = วันหยุดและเวลาทำการพิเศษ
branches-exceptions-hint = บรรทัดละหนึ่งวัน: 2026-12-25 closed หรือ 2026-12-24 09:00-12:00
branches-save = บันทึกสาขา
branches-title = สาขาของ { $store }
branches-day-opens = { $day } เปิด
branches-day-closes = { $day } ปิด
branches-saved = บันทึก { $branch } แล้ว

## Drop editor
editor-shopper-page = หน้าสำหรับลูกค้า
editor-live-view = มุมมองสด
editor-details = รายละเอียด สินค้า และกติกา
editor-opens-at = เปิดเมื่อ
editor-opens-at-hint = วันที่และเวลา ละเอียดถึงวินาที
editor-closes-at = ปิดเมื่อ
editor-zone = เขตเวลาของเวลาเหล่านี้
editor-products = สินค้าในดรอปนี้
editor-no-products = เพิ่มสินค้าในแคตตาล็อกก่อน
editor-per-person = จำนวนการจองต่อคน
editor-per-booking = จำนวนที่ต่อการจอง
editor-hold = เวลากันที่ (นาที)
editor-deposit = มัดจำ
editor-deposit-hint = เว้นว่างหากไม่มี
editor-cutoff = ปิดรับจอง (นาทีก่อนเริ่มรอบ)
editor-cancel-window = ยกเลิกได้ถึง (นาทีก่อนเริ่มรอบ)
editor-reminder-hours = เตือนความจำ (ชั่วโมงก่อนเริ่มรอบ)
editor-reminder-hours-hint = ผู้ซื้อจะได้รับอีเมลเตือนก่อนเริ่มรอบตามจำนวนชั่วโมงนี้ เช่น "24, 2" เว้นว่างไว้หากไม่ต้องการเตือน
editor-access-code = สิทธิ์ก่อนใคร: ลูกค้าต้องใช้รหัสเข้าร่วม
editor-verified-email = จองได้เฉพาะลูกค้าที่ยืนยันอีเมลแล้ว (กันบัญชีทิ้งขว้าง)
editor-save = บันทึกดรอป
editor-publish = เผยแพร่
editor-unpublish = กลับเป็นฉบับร่าง
editor-close-now = ปิดทันที
editor-cancel-drop = ยกเลิกดรอป
editor-lifecycle = เผยแพร่และปิด
weekday-mon = จ.
weekday-tue = อ.
weekday-wed = พ.
weekday-thu = พฤ.
weekday-fri = ศ.
weekday-sat = ส.
weekday-sun = อา.
editor-no-slots = ยังไม่มีรอบ: เพิ่มจากตารางด้านล่าง
editor-branch = สาขา
editor-when = เวลา
editor-taken = จองแล้ว
editor-set = ตั้งค่า
editor-remove = ลบ
editor-add-slots = เพิ่มรอบจากตาราง
editor-add-slots-hint = เวลาเป็นไปตามนาฬิกาของสาขา หากต้องการรอบเดียว ให้เลือกหนึ่งวันและช่วงเวลายาวหนึ่งรอบ
editor-first-day = วันแรก
editor-last-day = วันสุดท้าย
editor-daily-from = ทุกวันตั้งแต่
editor-daily-until = ทุกวันจนถึง
editor-slot-length = ความยาวรอบ (นาที)
editor-places-per-slot = จำนวนที่ต่อรอบ
editor-weekdays = วันในสัปดาห์ (ไม่เลือกเลย: ทุกวัน)
editor-preview = ดูตัวอย่าง
editor-add-these = เพิ่มรอบเหล่านี้
editor-first-12 =  12 รอบแรก:
editor-codes = รหัสเข้าร่วม
editor-codes-hint = สำหรับสิทธิ์ก่อนใคร: ลูกค้ากรอกรหัสตอนจอง รหัสใช้ได้เฉพาะเมื่อดรอปกำหนดให้ต้องใช้
editor-code = รหัส
editor-code-hint = ตัวอักษรหรือตัวเลขอย่างน้อย 8 ตัว หรือเว้นว่างไว้ให้ DropSlot สร้างรหัสที่เดาไม่ได้
editor-uses = จำนวนครั้งที่ใช้ได้
editor-uses-hint = เว้นว่างหากไม่จำกัด ใส่ 1 หากใช้ได้ครั้งเดียว
editor-add-code = เพิ่มรหัส
editor-title = แก้ไข { $drop }
editor-slots = รอบ ({ $count })
editor-remove-slot = ลบ { $slot }
editor-capacity-of = ความจุของ { $slot }
editor-added-slots = เพิ่ม { $count } รอบแล้ว
editor-schedule-makes = ตารางนี้สร้าง { $count } รอบ
editor-code-used = ใช้แล้ว { $uses } ครั้ง
editor-code-used-of = ใช้แล้ว { $uses } จาก { $max } ครั้ง

## Refusals from the server
res-err-sign-in = เข้าสู่ระบบเพื่อจอง
res-err-not-found = ไม่พบการจองนี้
res-err-not-open = ดรอปนี้ยังไม่เปิดให้จอง
res-err-slot-closed = รอบนี้ไม่รับจองแล้ว
res-err-full = รอบนี้เต็มแล้ว
res-err-busy = ขณะนี้มีการจองเข้ามาจำนวนมาก ระบบยังรับการจองของคุณไม่ได้ โปรดลองอีกครั้งในอีกสักครู่
res-err-limit = คุณจองในดรอปนี้ครบจำนวนที่อนุญาตแล้ว ({ $limit })
res-err-units = ต้องอยู่ระหว่าง 1 ถึง { $max }
res-err-access-code = ดรอปนี้ต้องใช้รหัสเข้าร่วมที่ถูกต้อง
res-err-wrong-codes = ใส่รหัสเข้าร่วมผิดหลายครั้งเกินไป โปรดลองอีกครั้งใน { $minutes } นาที
res-err-verify-email = โปรดยืนยันอีเมลก่อนจองในดรอปนี้: เปิดลิงก์ที่เราส่งไปตอนสมัคร
res-err-too-late-to-cancel = เลยเวลายกเลิกแล้ว: ดรอปนี้ให้ยกเลิกได้จนถึง { $minutes } นาทีก่อนรอบ
res-err-forbidden = เฉพาะผู้จองหรือเจ้าของร้านเท่านั้นที่ทำได้
res-err-hold-lapsed = หมดเวลากันที่แล้ว: ที่ถูกคืนให้รอบนี้
res-err-deposit-due = ชำระมัดจำ { $deposit } เพื่อยืนยันที่เหล่านี้
res-err-places-free = รอบนี้มีที่ว่าง: จองเลยแทนการรอคิว
res-err-already-waiting = คุณอยู่ในคิวรอของรอบนี้แล้ว
res-err-too-many-lines = คุณรอคิวได้พร้อมกันไม่เกิน { $max } รอบในดรอปนี้
res-err-offers-lapsed = เราได้กันที่ให้คุณในดรอปนี้สองครั้งแล้วแต่คุณไม่ได้รับ จึงไม่สามารถรอคิวในดรอปนี้ได้อีก
res-err-no-ticket = เฉพาะการจองที่ยืนยันแล้วเท่านั้นที่มีตั๋ว
res-err-not-staff = เฉพาะพนักงานและเจ้าของร้านนี้เท่านั้นที่เช็กอินตั๋วได้
res-err-wrong-branch = ตั๋วนี้สำหรับสาขา { $branch } ซึ่งเป็นสาขาอื่น
res-err-too-early = เร็วเกินไป: รอบนี้เริ่ม { $at }
res-err-too-late = ช้าเกินไป: รอบนี้จบไปเมื่อ { $at }
res-err-already-checked-in = เช็กอินไปแล้วเมื่อ { $at } โดย { $by }
res-err-already-checked-in-by-someone = เช็กอินไปแล้วเมื่อ { $at }
door-time-on-day = { $time } น. { $day }
res-err-reissued = ตั๋วนี้ถูกแทนที่ด้วยตั๋วใบใหม่แล้ว
res-err-other-drop = ตั๋วนี้สำหรับดรอปอื่น: { $drop }
res-err-slot-not-over = รอบนี้ยังไม่จบ: จะทำเครื่องหมายผู้ไม่มาหลังจบรอบ
res-err-undo-too-late = ยกเลิกการเช็กอินได้ภายใน { $minutes } นาทีเท่านั้น
id-err-credentials = อีเมลหรือรหัสผ่านไม่ถูกต้อง
id-err-throttled = เข้าสู่ระบบผิดหลายครั้งเกินไป: ลองอีกครั้งใน { $minutes } นาที
id-err-link = ลิงก์นี้ไม่ถูกต้อง ถูกใช้ไปแล้ว หรือหมดอายุ
id-err-sign-in = กรุณาเข้าสู่ระบบก่อน
id-err-busy = มีผู้เข้าสู่ระบบพร้อมกันจำนวนมาก: ลองอีกครั้งในอีกไม่กี่วินาที
id-err-account-exists = มีบัญชีที่ใช้อีเมลนี้อยู่แล้ว: ใส่ --promote-existing เพื่อให้บัญชีนั้นเป็นผู้ดูแลแพลตฟอร์ม
id-err-not-confirmed = อีเมลของบัญชีนี้ยังไม่ได้ยืนยัน จึงไม่ถูกตั้งเป็นผู้ดูแลแพลตฟอร์ม

## The scanner's own verdicts (also offline)
door-no-booking = ไม่มีการจอง { $code } ในรายชื่อของรอบนี้
door-other-drop = ตั๋วนี้สำหรับดรอปอื่น
door-slot-not-in-drop = รอบของตั๋วนี้ไม่อยู่ในดรอปนี้
door-already-in = เช็กอินไปแล้วเมื่อ { $at }
door-already-in-here = เช็กอินบนอุปกรณ์นี้ไปแล้วเมื่อ { $at }
door-not-valid = การจองนี้{ $status }: ไม่สามารถเข้าได้
door-word-held = ยังกันที่ไว้
door-word-cancelled = ถูกยกเลิก
door-word-expired = หมดเวลาแล้ว
door-word-no-show = ไม่มาตามนัด
door-word-valid = ใช้ได้
door-scan-did-not-count = การสแกนนี้ไม่ถูกนับ { $reason }
door-camera-failed = เปิดกล้องไม่ได้ อนุญาตการเข้าถึงกล้อง หรือพิมพ์รหัสด้านล่าง

## Form field messages. The domain says these in English; a page shows the message whose
## English text has the same shape, with { $value } parts standing for any text.
check-required = จำเป็นต้องกรอก
check-at-least-chars = ต้องมีอย่างน้อย { $min } ตัวอักษร
check-at-most-chars = ต้องไม่เกิน { $max } ตัวอักษร
check-at-most = ต้องไม่เกิน { $max }
check-at-least-1 = ต้องอย่างน้อย 1
check-control-chars = ต้องไม่มีอักขระควบคุม
check-email = ไม่ใช่อีเมล เช่น name@example.com
check-password-email = ต้องไม่มีอีเมลของคุณอยู่ในรหัสผ่าน
check-password-common = เป็นรหัสผ่านที่ใช้กันทั่วไป กรุณาเลือกรหัสอื่น
check-zone-name = ไม่ใช่ชื่อเขตเวลา เช่น Asia/Bangkok
check-zone-known = DropSlot ไม่รู้จักเขตเวลานี้
check-zone-known-iana = DropSlot ไม่รู้จักเขตเวลานี้ (ใช้ชื่อแบบ IANA เช่น Asia/Bangkok)
check-slug-chars = ใช้ได้เฉพาะตัวอักษรพิมพ์เล็ก a-z ตัวเลข และขีดกลาง
check-slug-hyphens = ต้องไม่ขึ้นต้นหรือลงท้ายด้วยขีดกลาง และไม่มีขีดกลางติดกันสองตัว
check-colour = ไม่ใช่สี เช่น #4f46e5
check-colour-light = สีอ่อนเกินไป ตัวอักษรสีขาวจะอ่านไม่ชัด (ความต่าง { $contrast }:1 ต้องการ 4.5:1)
check-currency = DropSlot ไม่รองรับสกุลเงินนี้ (THB, USD, EUR, JPY, GBP, SGD)
check-amount = ไม่ใช่จำนวนเงิน เช่น 120 หรือ 120.50
check-decimals = มีทศนิยมมากกว่าที่สกุลเงินนี้อนุญาต
check-not-negative = ต้องไม่ติดลบ
check-too-large = มากเกินไป
check-whole-number = ต้องเป็นจำนวนเต็ม
check-date = ไม่ใช่วันที่ เช่น 2026-12-31
check-time = ไม่ใช่เวลา เช่น 09:30
check-date-time = ต้องเป็นวันที่และเวลา เช่น 2026-12-01T10:00
check-clock-skip = ไม่มีเวลานี้ในเขตเวลานี้ (นาฬิกาข้ามช่วงนี้)
check-after-opening = ต้องหลังเวลาเปิด
check-after-daily-start = ต้องหลังเวลาเริ่มของแต่ละวัน
check-not-before-first-day = ต้องไม่ก่อนวันแรก
check-phone = ไม่ใช่หมายเลขโทรศัพท์ เช่น +66 2 123 4567
check-mobile = ไม่ใช่หมายเลขโทรศัพท์มือถือพร้อมรหัสประเทศ เช่น +66 81 234 5678
check-push-subscription = ไม่ใช่การสมัครรับการแจ้งเตือนที่เบราว์เซอร์สร้างขึ้น
check-country = ไม่ใช่รหัสประเทศสองตัวอักษร เช่น TH
check-degrees = ไม่ใช่ค่าองศา เช่น 13.7563
check-latitude = ต้องอยู่ระหว่าง -90 ถึง 90
check-longitude = ต้องอยู่ระหว่าง -180 ถึง 180
check-role = ต้องเป็นเจ้าของหรือพนักงาน
check-sku-chars = ใช้ได้เฉพาะตัวอักษร A-Z ตัวเลข '-' '_' และ '.'
check-sku-taken = SKU { $sku } ถูกใช้กับสินค้าอื่นของร้านนี้แล้ว
check-slug-taken = ที่อยู่ { $slug } ถูกใช้โดยร้านอื่นแล้ว
store-err-quota = คุณเป็นเจ้าของร้านครบ { $max } ร้านแล้ว ซึ่งเป็นจำนวนสูงสุดที่บัญชีหนึ่งมีได้
check-access-code = ต้องเป็นตัวอักษร ตัวเลข หรือขีดกลาง 4 ถึง 32 ตัว
check-access-code-short = รหัสที่ตั้งเองต้องมีตัวอักษรหรือตัวเลขอย่างน้อย 8 ตัว หรือเว้นว่างไว้ให้ระบบสร้างให้
check-access-code-taken = รหัสเข้าร่วมนี้มีอยู่แล้วในดรอปนี้
check-no-slots = ไม่ได้รอบใดเลย: ตรวจสอบวัน ช่วงเวลาประจำวัน และความยาวรอบ
check-too-many-slots = จะได้ { $count } รอบ แต่หนึ่งตารางสร้างได้ไม่เกิน { $max } รอบ
check-drop-slot-quota = จะทำให้ดรอปนี้มี { $count } รอบ แต่ดรอปหนึ่งมีได้ไม่เกิน { $max } รอบ
check-listed-twice = { $day } ถูกระบุซ้ำ
check-hours-overlap = เวลาทำการของ{ $day }ทับกับ{ $next }
check-product-missing = มีสินค้าที่ไม่มีอยู่จริง
check-day-missing = มีวันที่ไม่มีอยู่จริง
check-image-missing = เลือกรูปภาพเพื่ออัปโหลด
check-form-order = ได้รับแบบฟอร์มไม่ครบ โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง
check-image-far-too-large = ใหญ่เกินกว่ารูปภาพที่เรารับได้มาก
check-category = หมวดหมู่นั้นไม่ได้อยู่ในร้านนี้
check-parent = ไม่ใช่ร้านของคุณ
check-in-the-past = อยู่ในอดีต
check-upload-limit = ใหญ่เกินขีดจำกัดการอัปโหลด { $mb } MB
check-image-kind = ไม่ใช่รูปภาพ JPEG, PNG หรือ WebP
check-image-side = ใหญ่เกิน { $megapixels } ล้านพิกเซล หรือมีด้านใดด้านหนึ่งเกิน { $pixels } พิกเซล
check-image-damaged = อ่านเป็นรูปภาพไม่ได้: ไฟล์อาจเสียหาย
check-branch-id = ไม่ใช่สาขา
check-slot-id = ไม่ใช่รอบ
check-branch-choose = เลือกสาขา
check-slot-minutes = ต้องเป็นจำนวนนาทีเต็มตั้งแต่ 5 ถึง 720
check-hours-both = ต้องมีทั้งเวลาเปิดและเวลาปิด หรือไม่มีทั้งสองอย่าง
check-line = บรรทัด { $line }: { $problem }
check-hours-shape = เขียนเวลาแบบ 09:00-12:00 หรือ closed
check-command = ต้องเป็น publish, unpublish, close, archive หรือ cancel
check-max-uses-number = ต้องเป็นจำนวนเต็มตั้งแต่ 1 หรือเว้นว่างไว้หากไม่จำกัด
check-number-range = ต้องเป็นจำนวนเต็มตั้งแต่ { $min } ถึง { $max }
check-reminder-hours = ใส่จำนวนชั่วโมงได้ไม่เกิน { $count } ค่า แต่ละค่าตั้งแต่ 1 ถึง { $max } เช่น 24, 2
check-schedule-span = ตารางหนึ่งครอบคลุมได้ไม่เกิน { $days } วัน
check-language = ไม่ใช่ภาษาที่ DropSlot รองรับ
check-category-of-store = ไม่ใช่หมวดหมู่ของร้านนี้
check-scanner = ไม่ใช่รหัสเครื่องสแกน
check-slug-needed = เลือกที่อยู่เว็บ: ชื่อมีตัวอักษร a-z น้อยเกินกว่าจะสร้างที่อยู่ได้
store-err-no-such = ไม่พบร้านนี้
product-err-no-category = ไม่พบหมวดหมู่นี้
res-err-no-waitlist-entry = ไม่พบรายการในรายชื่อรอนี้
id-err-access-token = โทเค็นการเข้าถึงไม่ถูกต้องหรือหมดอายุแล้ว
id-err-refresh-token = โทเค็นรีเฟรชไม่ถูกต้อง หมดอายุ หรือถูกเพิกถอนแล้ว
store-err-not-found = ไม่มีร้านที่ใช้ที่อยู่ { $slug }
store-err-forbidden = เฉพาะเจ้าของร้านเท่านั้นที่ทำได้
store-err-last-owner = ร้านต้องมีเจ้าของอย่างน้อยหนึ่งคน: เชิญเจ้าของคนอื่นก่อนออก
store-err-not-member = บุคคลนี้ไม่ได้เป็นสมาชิกของร้านนี้
store-err-brand = ร้านสังกัดได้เฉพาะแบรนด์ที่ไม่ได้สังกัดแบรนด์อื่น และแบรนด์ไม่สามารถไปสังกัดแบรนด์อื่นได้
store-err-invitation = คำเชิญนี้ไม่ถูกต้อง ถูกใช้ไปแล้ว หรือหมดอายุแล้ว
store-err-invitation-email = คำเชิญนี้ส่งถึง { $email } กรุณาเข้าสู่ระบบด้วยอีเมลนั้นเพื่อตอบรับ
product-err-not-found = ไม่พบสินค้านี้
product-err-quota = ร้านนี้มีสินค้าครบ { $max } รายการแล้ว ซึ่งเป็นจำนวนสูงสุดที่ร้านหนึ่งมีได้
branch-err-not-found = ไม่พบสาขานี้
branch-err-quota = ร้านนี้มีสาขาครบ { $max } สาขาแล้ว ซึ่งเป็นจำนวนสูงสุดที่ร้านหนึ่งมีได้
drop-err-not-found = ไม่พบดรอปนี้
drop-err-slot-not-found = ไม่พบรอบนี้ในดรอป
drop-err-cannot-publish = ดรอปที่มีสถานะ{ $from ->
         [draft] ฉบับร่าง
         [scheduled] กำหนดการแล้ว
         [open] เปิดจอง
         [closed] ปิดแล้ว
         [archived] เก็บถาวร
        *[cancelled] ยกเลิกแล้ว
    } เผยแพร่ไม่ได้
drop-err-cannot-unpublish = ดรอปที่มีสถานะ{ $from ->
         [draft] ฉบับร่าง
         [scheduled] กำหนดการแล้ว
         [open] เปิดจอง
         [closed] ปิดแล้ว
         [archived] เก็บถาวร
        *[cancelled] ยกเลิกแล้ว
    } กลับเป็นฉบับร่างไม่ได้
drop-err-cannot-open = ดรอปที่มีสถานะ{ $from ->
         [draft] ฉบับร่าง
         [scheduled] กำหนดการแล้ว
         [open] เปิดจอง
         [closed] ปิดแล้ว
         [archived] เก็บถาวร
        *[cancelled] ยกเลิกแล้ว
    } เปิดไม่ได้
drop-err-cannot-close = ดรอปที่มีสถานะ{ $from ->
         [draft] ฉบับร่าง
         [scheduled] กำหนดการแล้ว
         [open] เปิดจอง
         [closed] ปิดแล้ว
         [archived] เก็บถาวร
        *[cancelled] ยกเลิกแล้ว
    } ปิดไม่ได้
drop-err-cannot-archive = ดรอปที่มีสถานะ{ $from ->
         [draft] ฉบับร่าง
         [scheduled] กำหนดการแล้ว
         [open] เปิดจอง
         [closed] ปิดแล้ว
         [archived] เก็บถาวร
        *[cancelled] ยกเลิกแล้ว
    } เก็บถาวรไม่ได้
drop-err-cannot-cancel = ดรอปที่มีสถานะ{ $from ->
         [draft] ฉบับร่าง
         [scheduled] กำหนดการแล้ว
         [open] เปิดจอง
         [closed] ปิดแล้ว
         [archived] เก็บถาวร
        *[cancelled] ยกเลิกแล้ว
    } ยกเลิกไม่ได้
drop-err-below-taken = รอบนี้มีที่ถูกกันไว้หรือยืนยันแล้ว { $taken } ที่ ความจุจึงต่ำกว่านั้นไม่ได้
drop-err-capacity-finished = เปลี่ยนความจุของดรอปที่มีสถานะ{ $status ->
         [draft] ฉบับร่าง
         [scheduled] กำหนดการแล้ว
         [open] เปิดจอง
         [closed] ปิดแล้ว
         [archived] เก็บถาวร
        *[cancelled] ยกเลิกแล้ว
    } ไม่ได้
drop-err-slots-locked = เพิ่มหรือลบรอบได้เฉพาะตอนที่ดรอปยังเป็นฉบับร่าง
drop-err-locked = ดรอปที่มีสถานะ{ $status ->
         [draft] ฉบับร่าง
         [scheduled] กำหนดการแล้ว
         [open] เปิดจอง
         [closed] ปิดแล้ว
         [archived] เก็บถาวร
        *[cancelled] ยกเลิกแล้ว
    } แก้ไขไม่ได้อีกแล้ว
drop-err-slot-booked = รอบนี้มีการจองแล้ว จึงลบไม่ได้
res-err-ticket-malformed = นี่ไม่ใช่ตั๋วของ DropSlot
res-err-ticket-signature = ลายเซ็นของตั๋วนี้ใช้กับร้านนี้ไม่ได้
res-err-not-valid = การจองนี้{ $status ->
         [held] กันที่ไว้
         [confirmed] ยืนยันแล้ว
         [checked_in] เช็กอินแล้ว
        *[cancelled] ถูกยกเลิก
         [expired] หมดเวลาแล้ว
         [no_show] ไม่มาตามนัด
    }: ไม่สามารถเข้าได้
res-err-illegal = การจองที่{ $from ->
         [held] กันที่ไว้
         [confirmed] ยืนยันแล้ว
         [checked_in] เช็กอินแล้ว
        *[cancelled] ถูกยกเลิก
         [expired] หมดเวลาแล้ว
         [no_show] ไม่มาตามนัด
    } ทำรายการ { $event } ไม่ได้
check-within-week = ต้องอยู่ภายในหนึ่งสัปดาห์ที่ผ่านมา
check-idempotency-key = ต้องเป็นอักขระ ASCII ที่มองเห็นได้ 1 ถึง 100 ตัว
check-product-not-sold = มีสินค้าที่ร้านนี้ไม่ได้ขาย
check-products-needed = เลือกสินค้าอย่างน้อยหนึ่งรายการก่อนเผยแพร่
check-slots-needed = เพิ่มรอบอย่างน้อยหนึ่งรอบก่อนเผยแพร่
check-branch = เลือกสาขาหนึ่งของร้านนี้
check-branch-zone = ไม่ทราบเขตเวลาของสาขานี้
check-max-uses = ต้องเป็นอย่างน้อย 1 หรือเว้นว่างไว้หากไม่จำกัด
check-window-needed = กำหนดเวลาเปิดและปิดของดรอปก่อนเผยแพร่

## Mail
mail-verify-subject = ยืนยันอีเมลของคุณสำหรับ DropSlot
mail-verify-body =
    สวัสดี { $name }

    กรุณายืนยันอีเมลของคุณโดยเปิดลิงก์นี้ภายใน 24 ชั่วโมง:

    { $link }

    หากคุณไม่ได้สร้างบัญชี DropSlot ไม่ต้องทำอะไรกับข้อความนี้
mail-taken-subject = มีคนพยายามสมัครด้วยอีเมลของคุณ
mail-taken-body =
    สวัสดี

    มีคนพยายามสร้างบัญชี DropSlot ด้วยอีเมลนี้ ซึ่งมีบัญชีอยู่แล้ว
    หากเป็นคุณ ให้เข้าสู่ระบบแทน หรือรีเซ็ตรหัสผ่านที่ { $link }
mail-reset-subject = รีเซ็ตรหัสผ่าน DropSlot ของคุณ
mail-reset-body =
    สวัสดี { $name }

    หากต้องการตั้งรหัสผ่านใหม่ ให้เปิดลิงก์นี้ภายในหนึ่งชั่วโมง:

    { $link }

    การรีเซ็ตจะออกจากระบบในทุกอุปกรณ์ หากคุณไม่ได้ขอ ไม่ต้องทำอะไรกับข้อความนี้
mail-invite-subject = คุณได้รับเชิญเข้าร่วม { $store } บน DropSlot
mail-invite-body =
    สวัสดี

    คุณได้รับเชิญให้เข้าร่วม { $store } บน DropSlot ในฐานะ{ $role }

    ตอบรับภายในเจ็ดวัน:

    { $link }

    เข้าสู่ระบบ (หรือสมัคร) ด้วยอีเมลนี้ก่อน
mail-invite-role-owner = เจ้าของ
mail-invite-role-staff = พนักงาน

## Notifications: what a booking's messages say
notice-err-not-found = ไม่พบข้อความนี้
notice-err-unsigned = รายงานนี้ไม่ได้ลงนามโดยผู้ให้บริการ SMS
notice-err-sign-in = เข้าสู่ระบบเพื่อเปิดการแจ้งเตือน
notice-footer = คุณได้รับข้อความนี้เพราะคุณจองกับ { $store } บน DropSlot
notice-detail-drop = ดรอป
notice-detail-when = เวลา
notice-detail-where = สถานที่
notice-detail-places = จำนวนที่
notice-detail-code = รหัสการจอง
notice-detail-deposit = เงินมัดจำ
notice-view-bookings = เปิดการจองของฉัน
notice-confirmed-subject = จองแล้ว: { $drop }
notice-confirmed-heading = จองสำเร็จแล้ว
notice-confirmed-intro = คุณ { $name } การจองที่ { $store } ของคุณได้รับการยืนยันแล้ว แสดงรหัสด้านล่างที่หน้าร้าน ไฟล์ปฏิทินจะเพิ่มรอบนี้ลงในปฏิทินของคุณ
notice-held-subject = กันที่ไว้ให้ถึง { $deadline }: { $drop }
notice-held-heading = กันที่ไว้ให้คุณแล้ว
notice-held-intro = คุณ { $name } เรากันที่ไว้ให้ถึง { $deadline } โปรดยืนยันก่อนเวลานั้น มิฉะนั้นที่จะกลับไปเปิดจองอีกครั้ง
notice-held-intro-deposit = คุณ { $name } เรากันที่ไว้ให้ถึง { $deadline } โปรดชำระเงินมัดจำ { $deposit } ก่อนเวลานั้นเพื่อยืนยัน มิฉะนั้นที่จะกลับไปเปิดจองอีกครั้ง
notice-cancelled-subject = ยกเลิกแล้ว: { $drop }
notice-cancelled-heading = การจองของคุณถูกยกเลิกแล้ว
notice-cancelled-intro = คุณ { $name } การจอง { $drop } ของคุณถูกยกเลิกแล้ว และที่ว่างกลับไปเปิดจอง ไฟล์ปฏิทินจะลบรอบนี้ออกจากปฏิทินของคุณ
notice-expired-subject = ที่ที่กันไว้สำหรับ { $drop } หมดเวลาแล้ว
notice-expired-heading = ที่ที่กันไว้หมดเวลาแล้ว
notice-expired-intro = คุณ { $name } ที่ที่กันไว้ให้คุณไม่ได้รับการยืนยันทันเวลา จึงกลับไปเปิดจองอีกครั้ง
notice-joined-subject = อยู่ในรายชื่อรอ: { $drop }
notice-joined-heading = คุณอยู่ในรายชื่อรอแล้ว
notice-joined-intro = คุณ { $name } รอบนี้เต็มแล้ว หากมีที่ว่าง เราจะกันไว้ให้ตามลำดับการเข้ารอ และแจ้งคุณทันที
notice-offered-subject = มีที่ว่างให้คุณถึง { $deadline }: { $drop }
notice-offered-heading = มีที่ว่างสำหรับคุณแล้ว
notice-offered-intro = คุณ { $name } มีที่ว่างและเรากันไว้ให้คุณถึง { $deadline } รับที่ก่อนเวลานั้น มิฉะนั้นจะส่งต่อให้คนถัดไป
notice-offered-action = รับที่ของฉัน
notice-reminder-subject = เตือนความจำ: { $drop } { $when }
notice-reminder-heading = แล้วพบกัน
notice-reminder-intro = คุณ { $name } รอบของคุณที่ { $branch } คือ { $when } แสดงรหัสด้านล่างที่หน้าร้าน
messages-title = ข้อความของ { $store }
messages-lead = ข้อความยืนยัน การเตือนความจำ และข้อเสนอจากรายชื่อรอ จะส่งออกไปเองและลองส่งใหม่เมื่อเซิร์ฟเวอร์อีเมลขัดข้อง รายการด้านล่างส่งไม่สำเร็จหลังจากลองครบทุกครั้งแล้ว แก้ไขปัญหาแล้วจึงส่งใหม่
messages-failed = ส่งไม่สำเร็จ
messages-none-failed = ข้อความทั้งหมดของดรอปในร้านนี้ส่งออกไปแล้ว
messages-to = ถึง
messages-kind = ข้อความ
messages-attempts = จำนวนครั้งที่ลอง
messages-last-error = ข้อผิดพลาดล่าสุด
messages-send-again = ส่งอีกครั้ง
messages-send-again-to = ส่งอีกครั้งถึง { $to }
messages-queued = อยู่ในคิวแล้ว จะส่งออกภายในหนึ่งนาที
messages-kind-confirmed = ยืนยันการจอง
messages-kind-held = กันที่ไว้
messages-kind-cancelled = ยกเลิกการจอง
messages-kind-expired = ที่ที่กันไว้หมดเวลา
messages-kind-joined = เข้ารายชื่อรอ
messages-kind-offered = ข้อเสนอจากรายชื่อรอ
messages-kind-reminder = เตือนความจำ
messages-kind-account = ข้อความเกี่ยวกับบัญชี
messages-channel-email = อีเมล
messages-channel-sms = SMS
messages-channel-push = การแจ้งเตือนแบบพุช
sms-confirmed = { $store }: จอง { $drop } แล้ว { $when } ที่ { $branch } รหัส { $code } แสดงที่หน้าร้าน
sms-held = { $store }: กันที่ { $drop } ไว้ให้ถึง { $deadline } ยืนยันที่ { $link }
sms-cancelled = { $store }: การจอง { $drop } { $when } ถูกยกเลิกแล้ว
sms-expired = { $store }: ที่ที่กันไว้สำหรับ { $drop } หมดเวลาแล้ว
sms-joined = { $store }: คุณอยู่ในรายชื่อรอ { $drop } { $when } เราจะแจ้งเมื่อมีที่ว่าง
sms-offered = { $store }: มีที่ใน { $drop } ให้คุณถึง { $deadline } รับที่ { $link }
sms-reminder = { $store }: พบกัน { $when } ที่ { $branch } สำหรับ { $drop } รหัส { $code }
push-title = การแจ้งเตือนบนโทรศัพท์เครื่องนี้
push-ios = รับการจอง ข้อเสนอจากรายชื่อรอ และการเตือนความจำเป็นการแจ้งเตือนบนโทรศัพท์หรือคอมพิวเตอร์เครื่องนี้ สำหรับ iPhone หรือ iPad ให้เพิ่ม DropSlot ไปยังหน้าจอโฮมก่อน (แชร์ แล้วเลือกเพิ่มไปยังหน้าจอโฮม) แล้วเปิดจากที่นั่น เพราะ Safari ส่งการแจ้งเตือนให้เฉพาะแอปบนหน้าจอโฮม
push-turn-on = แจ้งเตือนฉันบนโทรศัพท์เครื่องนี้
push-on = { $count ->
    [one] เปิดการแจ้งเตือนไว้ในเบราว์เซอร์ 1 เครื่อง
   *[other] เปิดการแจ้งเตือนไว้ในเบราว์เซอร์ { $count } เครื่อง
}
push-denied = การแจ้งเตือนของเว็บไซต์นี้ถูกบล็อกอยู่ อนุญาตในการตั้งค่าเว็บไซต์ของเบราว์เซอร์ แล้วลองอีกครั้ง
push-unsupported = เบราว์เซอร์นี้รับการแจ้งเตือนจาก DropSlot ไม่ได้ บน iPhone ให้เปิด DropSlot จากหน้าจอโฮม
notice-err-bad-link = ลิงก์นี้ใช้ไม่ได้ โปรดใช้ลิงก์ในข้อความล่าสุดของคุณ
notice-err-not-awaited = ดรอปนี้ไม่ได้รอเปิดอยู่
notice-detail-opens = เปิด
notice-opening-subject = { $drop } เปิด { $when }
notice-opening-heading = ใกล้เปิดแล้ว
notice-opening-intro = คุณ { $name } { $drop } ที่ { $store } จะเปิด { $when } ที่ว่างหมดเร็ว เปิดหน้าไว้ก่อนสักนาที
notice-opening-action = เปิดหน้าดรอป
notice-opening-footer = คุณได้รับข้อความนี้เพราะคุณขอให้ { $store } บน DropSlot แจ้งเมื่อดรอปนี้เปิด
notice-unsubscribe = ไม่ต้องแจ้งฉันเมื่อดรอปเปิดอีก
sms-opening = { $store }: { $drop } เปิด { $when } { $link }
messages-kind-opening = ดรอปใกล้เปิด
opening-alert-ask = แจ้งฉันเมื่อเปิด
opening-alert-stop = ไม่ต้องแจ้งฉัน
opening-alert-on = เราจะแจ้งคุณครึ่งชั่วโมงก่อนเปิด ทางอีเมลและช่องทางอื่นที่คุณเลือก
opening-alert-sign-in = เพื่อรับการแจ้งเตือนเมื่อเปิด
alerts-stop-title = การแจ้งเตือนเมื่อดรอปเปิด
alerts-stop-lead = หยุดข้อความ "ดรอปใกล้เปิด" ทั้งหมดหรือไม่ ข่าวการจอง การเตือนความจำ และรายชื่อรอยังส่งถึงคุณเหมือนเดิม
alerts-stop-button = หยุดการแจ้งเตือนเหล่านี้
alerts-stop-done = เรียบร้อย เราจะไม่แจ้งคุณเมื่อดรอปเปิดอีก คุณขอใหม่ได้ที่หน้าของดรอปใดก็ได้
notes-title = ข้อความของร้านในการแจ้งเตือน
notes-lead = เพิ่มหมายเหตุสั้น ๆ ในข้อความแต่ละประเภท (ที่จอดรถ สิ่งที่ควรนำมา) อีเมลจะแสดงหมายเหตุใต้ประโยคแรก ส่วน SMS และการแจ้งเตือนแบบพุชจะสั้นและไม่มีหมายเหตุ
notes-note = หมายเหตุ
notes-note-hint = ไม่เกิน 500 ตัวอักษร เว้นว่างไว้หากไม่ต้องการหมายเหตุ
notes-preview = ดูตัวอย่าง
notes-save = บันทึกหมายเหตุ
notes-saved = บันทึกหมายเหตุแล้ว
notes-preview-title = อีเมลพร้อมหมายเหตุของคุณ
notes-sample-name = พลอย
notes-sample-drop = ดรอปตัวอย่าง
notes-sample-branch = สาขาหลัก
notes-sample-when = ส. 12 ธ.ค. 10:00–10:30
notes-sample-deadline = ส. 12 ธ.ค. 10:15
