# DropSlot's interface in English. Every message here must also be in th.ftl (a test checks).

## The site around every page
site-title-suffix = { $title } · DropSlot
site-description = Book a slot for a limited product drop at a store near you.
skip-to-content = Skip to content
nav-main = Main
nav-stores = Stores
nav-search = Search
nav-owners = For owners
nav-reservations = My reservations
nav-sign-in = Sign in
nav-account = Account
language-switch = Choose a language
account-language = Language

## Errors, whole pages and form summaries
error-invalid = Invalid input
error-not-found = Not found
error-conflict = Conflict
error-unauthenticated = Sign-in required
error-forbidden = Not allowed
error-bad-request = Bad request
error-internal = Something went wrong
error-busy = Busy right now
error-rate-limited-title = Too many requests
error-rate-limited = Too many requests from here. Please try again in { $seconds } seconds.
error-overloaded = So many people are here right now that we could not take your request. Please try again in { $seconds } seconds.
error-too-large-title = Too large
error-too-large = What was sent is larger than the { $mb } MB this form accepts.
error-unreachable = Cannot reach DropSlot
error-back-to-start = Back to the start
error-no-page = There is no page at this address.
error-fix-fields = Please correct the marked fields.
error-try-again = Something went wrong on our side. Please try again.
error-offline = You seem to be offline. Check the connection and try again.

## Sign-in gate
signin-required-title = Please sign in
signin-required-lead = This page is for signed-in people.
signin-required-new = New here?
signin-required-register = Create an account

## Dialogs
dialog-go-back = Go back

## Countdown
countdown-opens-in = Opens in
countdown-held-for = Held for you for
countdown-days = { $days } d

## Front page
home-title = Limited drops, fairly booked
home-heading = Limited drops, fairly booked.
home-lead = Book a time slot for a limited release at a store near you, get a code, and show it at the door.
home-stores = Stores
home-loading-stores = Loading stores…
home-no-stores = No stores yet. Owners can open one under “For owners”.

## A store's public page
pager-label = Pages
pager-previous = ← Previous
pager-next = Next →
pager-position = Page { $page } of { $pages }
loading = Loading…
store-branches = Branches
store-drops = Drops
store-products = Products
store-search = Search this store
store-category = Category
store-all-categories = All categories
store-search-submit = Search
store-no-products = This store has not listed products yet.
store-no-branches = This store has not added its branches yet.
store-part-of = Part of
store-eyebrow = Store
store-brand-stores = Stores of this brand

## Dates: weekday 1 = Monday, month 1 = January
date-day = { $weekday ->
        [1] Mon
        [2] Tue
        [3] Wed
        [4] Thu
        [5] Fri
        [6] Sat
       *[7] Sun
    } { $day } { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    }

## Drops, as shoppers see them
places = { $count ->
    [one] 1 place
   *[other] { $count } places
}
drop-status-draft = Draft
drop-status-scheduled = Scheduled
drop-status-open = Open
drop-status-closed = Closed
drop-status-archived = Archived
drop-status-cancelled = Cancelled
drops-none = No drops are scheduled at this store right now. Check back soon.
drop-open-until = Open until { $when }
drop-opens = Opens { $when }
drop-window = Opens { $opens } · closes { $closes }
drop-edit = Edit this drop
drop-products = In this drop
drop-slots = Slots
drop-slots-appear = The slots appear here the moment the drop opens; no need to reload.
drop-sign-in-to-book = to book a slot.
drop-no-more-bookings = This drop takes no more bookings.
drop-rules = How booking works
drop-rules-per-person = { $count ->
    [one] One booking per person
   *[other] Up to { $count } bookings per person
}
drop-rules-places = { $count ->
    [one] , for one place.
   *[other] , for up to { $count } places each.
}
drop-rules-deposit = Your places are held for { $minutes } minutes; a deposit of { $deposit } confirms them.
drop-rules-no-deposit = No deposit: your booking is confirmed at once.
drop-rules-cutoff = Bookings close { $minutes } minutes before a slot starts.
drop-rules-cancel = You can cancel until { $minutes } minutes before your slot.
drop-rules-access-code = Early access: you need an access code from the store.
drop-rules-verified-email = Book with an account whose email address is confirmed.
slots-at = Slots at { $branch }
slots-times-in = · times in { $zone }
slot-sold-out = Sold out
slot-left-of = { $left } of { $capacity } left
slot-book = Book
slot-book-label = Book { $slot }
slot-in-line = #{ $position } in line
slot-waiting-for = Waiting for { $places }: we hold them for you when they free up.
slot-leave-waitlist = Leave the waitlist
slot-leave-waitlist-label = Leave the waitlist for { $slot }
slot-join-waitlist = Join the waitlist
slot-join-waitlist-label = Join the waitlist for { $slot }
slot-places-for = Places for { $slot }
slot-access-code = Access code

## My reservations
reservations-upcoming = Upcoming
reservations-none = Nothing booked yet. Find a drop on a store's page.
reservations-waitlists = Waitlists
reservations-past = Past and cancelled
reservation-deposit-confirms = A deposit of { $deposit } confirms these places.
reservation-confirm = Confirm these places
reservation-ticket-qr = Your ticket's QR code: show it at the door
reservation-booking-code = Booking code
reservation-download-code = Download the code
reservation-cancel = Cancel
reservation-waitlist-explained = When places free up they are held for you here, and you confirm them.
reservation-held-deposit = Held: pay the deposit to confirm
reservation-held = Held for you: confirm to keep
reservation-confirmed = Confirmed
reservation-checked-in = Checked in
reservation-cancelled = Cancelled
reservation-expired = Hold lapsed
reservation-no-show = Missed
reservation-cancel-question = Cancel this booking? Its places go back to the slot, and someone else may take them.
reservation-cancel-confirm = Yes, cancel it
reservation-booked = Booked: { $drop }, { $slot }. Your ticket is below; show its QR code at the door.

## At the door (staff)
breadcrumb = Breadcrumb
door-title = At the door
door-lead = Pick the drop you are checking people in for. The scanner keeps working without a network.
door-no-drops = No drops at your stores yet. When a store adds you as staff, its drops appear here.
door-page-title = Door: { $drop }
door-online = Online
door-offline = Offline: scans are checked on this phone
door-queued = { $count ->
    [one] 1 scan waiting to sync
   *[other] { $count } scans waiting to sync
}
door-camera-view = Camera view
door-start-scanning = Start scanning
door-stop-camera = Stop camera
door-switch-camera = Switch camera
door-torch = Torch
door-checked-in = Checked in
door-valid-ticket = Valid ticket
door-saved-on-phone = Saved on this phone: it syncs when the network is back.
door-not-their-slot = Not their slot now
door-let-in-anyway = Let in anyway
door-not-let-in = Not let in
door-code-hint = The code under the QR code on the shopper's ticket, or the ticket's text.
door-check-in = Check in
door-conflict = { $name }: your scan at { $scanned } did not count; the ticket was checked in at { $winner }.
door-scan-refused = Your scan at { $scanned } did not count: { $reason }
door-conflicts = Conflicts
door-who-is-coming = Who is coming
door-slot = Slot
door-counts = of { $expected } places checked in
door-find = Find by name or email
door-mark-no-shows = Mark the rest as no-shows
door-checked-in-at = Checked in { $at }
door-held = Held
door-checked-in-here = Checked in on this phone
door-undo = Undo

## Accounts: register and sign in
register-title = Create an account
field-email = Email
field-your-name = Your name
field-password = Password
register-password-hint = At least 10 characters. A few words in a row are easy to remember and hard to guess.
register-submit = Create account
register-have-account = Already have an account?
register-sent = Almost there: we sent a confirmation link to your email. Open it to finish, then sign in.
register-go-sign-in = Go to sign in
login-forgot = Forgot your password?

## Mail links and password reset
verify-title = Confirm your email
verify-checking = Checking your link…
verify-done = Your email is confirmed. Welcome to DropSlot!
forgot-title = Reset your password
forgot-submit = Send the reset link
forgot-sent = If that email has an account, a reset link is on its way. It works for one hour.
reset-title = Choose a new password
reset-password = New password
reset-password-hint = At least 10 characters, not your email, not a common password.
reset-submit = Set the new password
reset-done = Your password is changed and you are signed out everywhere. Sign in with the new one.

## Your account
account-title = Your account
account-confirmed = · confirmed
account-unconfirmed = · not confirmed yet: check your inbox
account-profile = Profile and preferences
account-time-zone = Time zone
account-time-zone-hint = An IANA name such as Asia/Bangkok or Europe/London.
account-notify-by = Tell me about my bookings by
account-notify-email = Email reminders (bookings, cancellations and waitlist offers always come by email)
account-mobile = Mobile number for texts
account-mobile-hint = With its country code, like +66 81 234 5678. Texts go here when you choose SMS; reply STOP to any of them to end them.
account-mobile-needed = Add a mobile number to get texts
account-notify-sms = SMS
account-notify-push = Push notification
account-save = Save
account-saved = Saved.
account-sign-out = Sign out
account-sessions = Where you are signed in
account-this-device = This device
account-sign-out-others = Sign out all other devices

## Invitations
invitation-title = Join a store
invitation-go-stores = Go to your stores
invitation-go-door = Check people in at the door
invitation-lead = You were invited to help run a store on DropSlot.
invitation-accept = Accept the invitation

## Product search
search-title = Search products
search-placeholder = Croissant, sneakers, print…
search-searching = Searching…
search-nothing = Nothing matches yet. Try another word.

## Products
product-not-on-sale = No longer on sale
product-add-photo = Add a photo
product-photo = Photo
product-photo-hint = JPEG, PNG or WebP. Location and camera details are removed.
product-upload = Upload photo

## Branch cards
branch-map = Map

## Branches near you
near-title = Branches near you
near-use-location = Use my location
near-place = Place or postcode
near-none = No branches yet.
near-results = Results
near-sorted-by-name = Sorted by name: share your location or type a place to sort by distance.

## Opening hours, distances, counts
weekday-name = { $weekday ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
       *[7] Sunday
    }
hours-open-now = Open now · closes { $closes }
hours-closed = Closed
hours-opens-today = Closed · opens at { $at }
hours-opens-tomorrow = Closed · opens tomorrow { $at }
hours-opens-on = Closed · opens { $day } { $at }
branch-away = { $distance } away
search-found = { $count } found
product-another-view = { $product }, another view
invitation-joined = You are now on the team of { $store }.
account-last-active = Last active { $at }
near-locating = Finding where you are…
near-unavailable = Your location is not available. Type a place or postcode instead.

## The owner area's frame
owner-your-stores = Your stores
owner-store-nav = { $store }: sections
owner-profile = Profile
owner-branches = Branches
owner-products = Products
owner-drops = Drops
owner-members = Members
owner-messages = Messages
owner-public-page = Public page

## Your stores (owners)
stores-open = Open a store
stores-created = Created
stores-you-run = Stores you run
field-name = Name
stores-web-address = Web address
optional = (optional)
stores-slug-hint = Lowercase letters a-z, digits and hyphens. Left empty, it is made from the name.
stores-none = You have no stores yet. Open your first one above.
stores-your-role = Your role
stores-manage = Manage
stores-platform-admin = Platform admin

## Store members
members-heading = Members
members-role = Role
members-actions = Actions
members-invite = Invite someone
members-role-staff = Staff: checks people in at the door
members-role-owner = Owner: manages the store and its team
members-send = Send invitation
members-sent = Invitation sent.
members-pending = Pending invitations
members-no-pending = No invitations are waiting.
members-remove-owner = Remove owner
members-remove-button = Remove

## Store profile
settings-owners-only = Only the store's owners change its profile.
settings-what-shoppers-see = What shoppers see
settings-description = Description
settings-contact-email = Contact email
settings-contact-phone = Contact phone
settings-accent = Accent colour
settings-accent-hint = A dark colour like #0b6e4f: white text must stay readable on it.
settings-currency = Usual currency
settings-brand = Part of the brand
settings-no-brand = None: this store stands alone
settings-save = Save profile
settings-logo = Logo
settings-logo-current = Shoppers see this logo beside the store's name.
settings-logo-none = No logo yet: shoppers see the store's name alone.
settings-logo-file = Logo image
settings-logo-hint = JPEG, PNG or WebP, ideally square. Transparent parts turn white.
settings-logo-upload = Upload logo
settings-logo-remove = Remove logo
settings-logo-remove-question = Remove the logo? Shopper pages show the store's name alone until you upload another.
stores-address-preview = Shoppers will find it at /s/{ $slug }
stores-creating = Creating…
stores-create = Create store
members-title = Team of { $store }
members-remove = Remove { $name }
members-remove-question = Remove { $name } from this store? They lose access at once; invite them again to undo it.
settings-title = Profile of { $store }
role-owner = Owner
role-staff = Staff

## Live view of a drop
live-open-scanner = Open the door scanner
live-capacity = Capacity
live-held = Held
live-waitlisted = Waitlisted
live-left = Left

## Drops (owners)
owner-drops-none = No drops yet. Start the first one below.
owner-drops-drop = Drop
owner-drops-status = Status
owner-drops-opens = Opens
owner-drops-not-set = Not set
owner-drops-edit = Edit
live-crumb = Live
owner-drops-new = New drop
owner-drops-name = Drop name
owner-drops-name-hint = Such as Croissant Friday
owner-drops-start = Start the drop

## Catalogue (owners)
catalogue-owners-only = Only the store's owners manage its products.
catalogue-add = Add a product
field-sku = SKU
catalogue-sku-hint = Your own code for it, unique in this store: letters, digits, - _ .
catalogue-price = Price
catalogue-price-hint = For example 120 or 120.50
catalogue-currency = Currency
catalogue-add-submit = Add product
catalogue-add-category = Add a category
catalogue-category-name = Category name
catalogue-inside = Inside
catalogue-add-category-submit = Add category
catalogue-none-option = None
catalogue-empty = No products yet. Add the first one above.
catalogue-state = State
catalogue-archived = Archived
catalogue-on-sale = On sale
catalogue-restore = Restore
catalogue-archive = Archive
live-title = Live: { $drop }
live-fill = { $percent }% full
live-taken = { $taken } of { $capacity } places taken · updated { $updated }
owner-drops-title = Drops of { $store }
catalogue-title = Products of { $store }
catalogue-added = Added { $product }.
catalogue-all = All products ({ $count })

## Branches (owners)
branches-owners-only = Only the store's owners manage its branches.
branches-edit-heading = Edit the branch
branches-add-heading = Add a branch
branches-none = No branches yet. Add the first one below.
branches-name = Branch name
branches-street = Street address
branches-city = City
branches-postcode = Postcode
branches-country = Country code
branches-country-hint = Two letters, such as TH
branches-zone-hint = Such as Asia/Bangkok
branches-latitude = Latitude
branches-latitude-hint = Such as 13.7462
branches-longitude = Longitude
branches-longitude-hint = Such as 100.5347
branches-phone = Phone
branches-email = Branch email
branches-hours = Opening hours
branches-hours-hint = Leave a day empty when closed. A closing time before the opening time means after midnight.
branches-exceptions = Holidays and special hours
branches-exceptions-hint = One date a line: 2026-12-25 closed, or 2026-12-24 09:00-12:00
branches-save = Save branch
branches-title = Branches of { $store }
branches-day-opens = { $day } opens
branches-day-closes = { $day } closes
branches-saved = Saved { $branch }.

## Drop editor
editor-shopper-page = Shopper page
editor-live-view = Live view
editor-details = Details, products and rules
editor-opens-at = Opens at
editor-opens-at-hint = Date and time, to the second
editor-closes-at = Closes at
editor-zone = Time zone of these times
editor-products = Products in this drop
editor-no-products = Add products to the catalogue first.
editor-per-person = Bookings per person
editor-per-booking = Places per booking
editor-hold = Hold time (minutes)
editor-deposit = Deposit
editor-deposit-hint = Empty for none
editor-cutoff = Booking cutoff (minutes before a slot)
editor-cancel-window = Cancellation window (minutes before a slot)
editor-reminder-hours = Reminders (hours before a slot)
editor-reminder-hours-hint = Shoppers are reminded by mail this many hours before their slot, for example "24, 2". Leave it empty for no reminders.
editor-access-code = Early access: shoppers need an access code
editor-verified-email = Only shoppers who confirmed their email address can book (stops throwaway accounts)
editor-save = Save the drop
editor-publish = Publish
editor-unpublish = Back to draft
editor-close-now = Close now
editor-cancel-drop = Cancel the drop
editor-lifecycle = Publish and close
weekday-mon = Mon
weekday-tue = Tue
weekday-wed = Wed
weekday-thu = Thu
weekday-fri = Fri
weekday-sat = Sat
weekday-sun = Sun
editor-no-slots = No slots yet: add them from a schedule below.
editor-branch = Branch
editor-when = When
editor-taken = Taken
editor-set = Set
editor-remove = Remove
editor-add-slots = Add slots from a schedule
editor-add-slots-hint = Times are on the branch's clock. For a single slot, choose one day and a window one slot long.
editor-first-day = First day
editor-last-day = Last day
editor-daily-from = Daily from
editor-daily-until = Daily until
editor-slot-length = Slot length (minutes)
editor-places-per-slot = Places per slot
editor-weekdays = Days of the week (none ticked: every day)
editor-preview = Preview
editor-add-these = Add these slots
editor-first-12 = , the first 12:
editor-codes = Access codes
editor-codes-hint = For early access: shoppers enter a code when they book. Codes work only when the drop requires them.
editor-code = Code
editor-code-hint = At least 8 letters or digits, or leave it empty and DropSlot makes one that cannot be guessed.
editor-uses = Uses
editor-uses-hint = Empty for unlimited; 1 for single use
editor-add-code = Add the code
editor-title = Edit { $drop }
editor-slots = Slots ({ $count })
editor-remove-slot = Remove { $slot }
editor-capacity-of = Capacity of { $slot }
editor-added-slots = { $count ->
    [one] Added 1 slot.
   *[other] Added { $count } slots.
}
editor-schedule-makes = { $count ->
    [one] This schedule makes 1 slot
   *[other] This schedule makes { $count } slots
}
editor-code-used = used { $uses }
editor-code-used-of = used { $uses } of { $max }

## Refusals from the server
res-err-sign-in = Sign in to book.
res-err-not-found = No such reservation.
res-err-not-open = This drop is not open for booking.
res-err-slot-closed = This slot no longer takes bookings.
res-err-full = This slot is full.
res-err-busy = So many bookings are arriving that yours could not be taken in line. Please try again in a moment.
res-err-limit = You already have as many bookings in this drop as it allows ({ $limit }).
res-err-units = Must be from 1 to { $max }.
res-err-access-code = This drop needs a valid access code.
res-err-wrong-codes = Too many wrong access codes. Please try again in { $minutes } minutes.
res-err-verify-email = Confirm your email address to book in this drop: open the link we mailed you when you registered.
res-err-too-late-to-cancel = It is too late to cancel: the drop allows cancelling until { $minutes } minutes before the slot.
res-err-forbidden = Only the person who booked or the store's owners may do that.
res-err-hold-lapsed = This hold has lapsed: its places went back to the slot.
res-err-deposit-due = Pay the deposit of { $deposit } to confirm these places.
res-err-places-free = Places are free in this slot: book it instead of waiting.
res-err-already-waiting = You are already in this slot's waitlist.
res-err-too-many-lines = You can wait in at most { $max } of this drop's slots at once.
res-err-offers-lapsed = Places were held for you twice in this drop and not taken, so you can no longer wait in its lines.
res-err-no-ticket = Only a confirmed reservation has a ticket.
res-err-not-staff = Only this store's staff and owners check tickets in.
res-err-wrong-branch = This ticket is for { $branch }, another branch.
res-err-too-early = Too early: this slot starts at { $at }.
res-err-too-late = Too late: this slot ended at { $at }.
res-err-already-checked-in = Already checked in at { $at } by { $by }.
res-err-already-checked-in-by-someone = Already checked in at { $at }.
door-time-on-day = { $time } on { $day }
res-err-reissued = This ticket was replaced by a newer one.
res-err-other-drop = This ticket is for another drop: { $drop }.
res-err-slot-not-over = This slot has not ended yet: no-shows are marked after it.
res-err-undo-too-late = A check-in can only be taken back within { $minutes } minutes.
id-err-credentials = The email or password is wrong.
id-err-throttled = Too many failed sign-ins: try again in { $minutes } minutes.
id-err-link = This link is invalid, already used or expired.
id-err-sign-in = Sign in first.
id-err-busy = Many people are signing in right now: try again in a few seconds.
id-err-account-exists = An account with this email exists: pass --promote-existing to make it a platform admin.
id-err-not-confirmed = This account's email is not confirmed, so it is not made a platform admin.

## The scanner's own verdicts (also offline)
door-no-booking = No booking { $code } in this slot's list.
door-other-drop = This ticket is for another drop.
door-slot-not-in-drop = This ticket's slot is not in this drop.
door-already-in = Already checked in at { $at }.
door-already-in-here = Already checked in on this device at { $at }.
door-not-valid = This reservation is { $status }: it does not get in.
door-word-held = held
door-word-cancelled = cancelled
door-word-expired = expired
door-word-no-show = no show
door-word-valid = valid
door-scan-did-not-count = This scan did not count. { $reason }
door-camera-failed = The camera could not start. Allow camera access, or type the code below.

## Form field messages. The domain says these in English; a page shows the message whose
## English text has the same shape, with { $value } parts standing for any text.
check-required = is required
check-at-least-chars = must be at least { $min } characters
check-at-most-chars = must be at most { $max } characters
check-at-most = must be at most { $max }
check-at-least-1 = must be at least 1
check-control-chars = must not contain control characters
check-email = is not an email address like name@example.com
check-password-email = must not contain your email address
check-password-common = is one of the most common passwords; choose another
check-zone-name = is not a time zone name like Asia/Bangkok
check-zone-known = is not a time zone DropSlot knows
check-zone-known-iana = is not a time zone DropSlot knows (use an IANA name like Asia/Bangkok)
check-slug-chars = may only use lowercase letters a-z, digits and hyphens
check-slug-hyphens = must not start or end with a hyphen or have two in a row
check-colour = is not a colour like #4f46e5
check-colour-light = is too light for white text to be readable on it (contrast { $contrast }:1, needs 4.5:1)
check-currency = is not a currency DropSlot supports (THB, USD, EUR, JPY, GBP, SGD)
check-amount = is not an amount like 120 or 120.50
check-decimals = has more decimals than the currency allows
check-not-negative = must not be negative
check-too-large = is too large
check-whole-number = must be a whole number
check-date = is not a date like 2026-12-31
check-time = is not a time like 09:30
check-date-time = must be a date and time like 2026-12-01T10:00
check-clock-skip = does not exist in this time zone (the clocks skip it)
check-after-opening = must be after the opening time
check-after-daily-start = must be after the daily start
check-not-before-first-day = must not be before the first day
check-phone = is not a phone number like +66 2 123 4567
check-mobile = is not a mobile number with its country code, like +66 81 234 5678
check-push-subscription = is not a push subscription this browser could have made
check-country = is not a two-letter country code like TH
check-degrees = is not a number of degrees like 13.7563
check-latitude = must be between -90 and 90
check-longitude = must be between -180 and 180
check-role = must be owner or staff
check-sku-chars = may only use letters A-Z, digits, '-', '_' and '.'
check-sku-taken = the SKU { $sku } is already used by another product of this store
check-slug-taken = the address { $slug } is already taken by another store
store-err-quota = you already own { $max } stores, the most one account may have
check-access-code = must be 4 to 32 letters, digits or dashes
check-access-code-short = a code you choose needs at least 8 letters or digits; leave it empty for one made for you
check-access-code-taken = this access code already exists for the drop
check-no-slots = makes no slots: check the days, the daily window and the slot length
check-too-many-slots = would make { $count } slots; one schedule may make at most { $max }
check-drop-slot-quota = would bring this drop to { $count } slots; a drop may have at most { $max }
check-listed-twice = { $day } is listed twice
check-hours-overlap = { $day }'s hours run into { $next }'s
check-product-missing = lists a product that does not exist
check-day-missing = lists a day that does not exist
check-image-missing = choose an image to upload
check-form-order = the form arrived incomplete: reload the page and try again
check-image-far-too-large = is far larger than any image we accept
check-category = that category does not belong to this store
check-parent = is not one of your stores
check-in-the-past = is in the past
check-upload-limit = is larger than the { $mb } MB upload limit
check-image-kind = is not a JPEG, PNG or WebP image
check-image-side = is larger than { $megapixels } megapixels or { $pixels } pixels on a side
check-image-damaged = could not be read as an image: it may be damaged
check-branch-id = is not a branch
check-slot-id = is not a slot
check-branch-choose = choose a branch
check-slot-minutes = must be a whole number of minutes from 5 to 720
check-hours-both = needs both an opening and a closing time, or neither
check-line = line { $line }: { $problem }
check-hours-shape = write hours as 09:00-12:00, or closed
check-command = must be publish, unpublish, close, archive or cancel
check-max-uses-number = must be a whole number from 1, or empty for unlimited
check-number-range = must be a whole number from { $min } to { $max }
check-reminder-hours = must be up to { $count } whole numbers of hours from 1 to { $max }, like 24, 2
check-schedule-span = a schedule may span at most { $days } days
check-language = is not a language DropSlot speaks
check-category-of-store = is not a category of this store
check-scanner = is not a scanner id
check-slug-needed = choose a web address: the name has too few letters a-z to make one
store-err-no-such = no such store
product-err-no-category = no such category
res-err-no-waitlist-entry = No such waitlist entry.
id-err-access-token = the access token is invalid or expired
id-err-refresh-token = the refresh token is invalid, expired or revoked
store-err-not-found = no store has the address { $slug }
store-err-forbidden = only the store's owners may do that
store-err-last-owner = a store needs at least one owner: invite another owner before leaving
store-err-not-member = that person is not a member of this store
store-err-brand = a store can belong to a brand that belongs to no other, and a brand cannot join another
store-err-invitation = this invitation is invalid, already used or expired
store-err-invitation-email = this invitation was sent to { $email }; sign in with that email to accept it
product-err-not-found = no such product
product-err-quota = this store already has { $max } products, the most a store may have
branch-err-not-found = no such branch
branch-err-quota = this store already has { $max } branches, the most a store may have
drop-err-not-found = no such drop
drop-err-slot-not-found = no such slot in this drop
drop-err-cannot-publish = a drop that is { $from } cannot be published
drop-err-cannot-unpublish = a drop that is { $from } cannot be returned to draft
drop-err-cannot-open = a drop that is { $from } cannot be opened
drop-err-cannot-close = a drop that is { $from } cannot be closed
drop-err-cannot-archive = a drop that is { $from } cannot be archived
drop-err-cannot-cancel = a drop that is { $from } cannot be cancelled
drop-err-below-taken = { $taken } places are already held or confirmed in this slot; the capacity cannot go below that
drop-err-capacity-finished = capacity cannot change on a { $status } drop
drop-err-slots-locked = slots can only be added or removed while the drop is a draft
drop-err-locked = a { $status } drop can no longer be edited
drop-err-slot-booked = this slot has bookings and cannot be removed
res-err-ticket-malformed = This is not a DropSlot ticket.
res-err-ticket-signature = This ticket's signature is not valid for this store.
res-err-not-valid = This reservation is { $status }: it does not get in.
res-err-illegal = A reservation that is { $from } cannot take { $event }.
check-within-week = must be within the last week
check-idempotency-key = must be 1 to 100 visible ASCII characters
check-product-not-sold = lists a product this store does not sell
check-products-needed = choose at least one product before publishing
check-slots-needed = add at least one slot before publishing
check-branch = choose one of this store's branches
check-branch-zone = this branch's time zone is unknown
check-max-uses = must be at least 1, or empty for unlimited
check-window-needed = set when the drop opens and closes before publishing

## Mail
mail-verify-subject = Confirm your email for DropSlot
mail-verify-body =
    Hello { $name },

    please confirm your email address by opening this link within 24 hours:

    { $link }

    If you did not create a DropSlot account, ignore this message.
mail-taken-subject = Someone tried to register with your email
mail-taken-body =
    Hello,

    someone tried to create a DropSlot account with this email, which already has one.
    If it was you, sign in instead, or reset your password at { $link }.
mail-reset-subject = Reset your DropSlot password
mail-reset-body =
    Hello { $name },

    to choose a new password, open this link within an hour:

    { $link }

    Resetting signs you out on every device. If you did not ask for this, ignore this message.
mail-invite-subject = You are invited to { $store } on DropSlot
mail-invite-body =
    Hello,

    you are invited to join { $store } on DropSlot as { $role }.

    Accept within seven days:

    { $link }

    Sign in (or register) with this email address first.
mail-invite-role-owner = an owner
mail-invite-role-staff = staff

## Notifications: what a booking's messages say
notice-err-not-found = No such message.
notice-err-unsigned = This report is not signed by the SMS provider.
notice-err-sign-in = Sign in to turn on notifications.
notice-footer = You get this message because you booked with { $store } on DropSlot.
notice-detail-drop = Drop
notice-detail-when = When
notice-detail-where = Where
notice-detail-places = Places
notice-detail-code = Booking code
notice-detail-deposit = Deposit
notice-view-bookings = Open my reservations
notice-confirmed-subject = Booked: { $drop }
notice-confirmed-heading = You're booked
notice-confirmed-intro = { $name }, your place at { $store } is confirmed. Show the code below at the door. The calendar file adds the slot to your calendar.
notice-held-subject = Held for you until { $deadline }: { $drop }
notice-held-heading = Your places are held
notice-held-intro = { $name }, your places are held until { $deadline }. Confirm them before then, or they go back on sale.
notice-held-intro-deposit = { $name }, your places are held until { $deadline }. Pay the deposit of { $deposit } before then to confirm them, or they go back on sale.
notice-cancelled-subject = Cancelled: { $drop }
notice-cancelled-heading = Your booking is cancelled
notice-cancelled-intro = { $name }, your booking for { $drop } is cancelled and its places are free again. The calendar file removes the slot from your calendar.
notice-expired-subject = Your hold for { $drop } has lapsed
notice-expired-heading = Your hold has lapsed
notice-expired-intro = { $name }, the places held for you were not confirmed in time and went back on sale.
notice-joined-subject = On the waitlist: { $drop }
notice-joined-heading = You're on the waitlist
notice-joined-intro = { $name }, the slot is full. If places free up they are held for you, in the order people joined, and we tell you at once.
notice-offered-subject = A place is yours until { $deadline }: { $drop }
notice-offered-heading = A place came free for you
notice-offered-intro = { $name }, places came free and are held for you until { $deadline }. Take them before then, or they go to the next in line.
notice-offered-action = Take my place
notice-reminder-subject = Reminder: { $drop }, { $when }
notice-reminder-heading = See you soon
notice-reminder-intro = { $name }, your slot at { $branch } is { $when }. Show the code below at the door.
messages-title = Messages of { $store }
messages-lead = Confirmations, reminders and waitlist offers go out by themselves and are tried again when a mail server fails. The ones below could not be sent after every attempt: send one again once its problem is fixed.
messages-failed = Not sent
messages-none-failed = Every message of this store's drops went out.
messages-to = To
messages-kind = Message
messages-attempts = Attempts
messages-last-error = Last error
messages-send-again = Send again
messages-send-again-to = Send again to { $to }
messages-queued = Queued: it goes out within a minute.
messages-kind-confirmed = Booking confirmed
messages-kind-held = Places held
messages-kind-cancelled = Booking cancelled
messages-kind-expired = Hold lapsed
messages-kind-joined = Joined the waitlist
messages-kind-offered = Waitlist offer
messages-kind-reminder = Reminder
messages-kind-account = Account message
messages-channel-email = Email
messages-channel-sms = SMS
messages-channel-push = Push notification
sms-confirmed = { $store }: booked { $drop }, { $when }, { $branch }. Code { $code }. Show it at the door.
sms-held = { $store }: places in { $drop } are held for you until { $deadline }. Confirm: { $link }
sms-cancelled = { $store }: your booking for { $drop }, { $when }, is cancelled.
sms-expired = { $store }: your hold for { $drop } lapsed and the places went back on sale.
sms-joined = { $store }: you are on the waitlist for { $drop }, { $when }. We tell you if places free up.
sms-offered = { $store }: a place in { $drop } is yours until { $deadline }. Take it: { $link }
sms-reminder = { $store }: see you { $when } at { $branch } for { $drop }. Code { $code }.
push-title = Notifications on this phone
push-ios = Get your bookings, waitlist offers and reminders as notifications on this phone or computer. On an iPhone or iPad, add DropSlot to your Home Screen first (Share, then Add to Home Screen) and open it from there: Safari delivers notifications only to Home Screen apps.
push-turn-on = Notify me on this phone
push-on = { $count ->
    [one] Notifications are on for one browser.
   *[other] Notifications are on for { $count } browsers.
}
push-denied = Notifications are blocked for this site. Allow them in the browser's site settings, then try again.
push-unsupported = This browser cannot receive notifications from DropSlot here. On an iPhone, open DropSlot from your Home Screen.
notice-err-bad-link = This link is not valid. Use the one in your latest message.
notice-err-not-awaited = This drop is not waiting to open.
notice-detail-opens = Opens
notice-opening-subject = { $drop } opens { $when }
notice-opening-heading = Opening soon
notice-opening-intro = { $name }, { $drop } at { $store } opens { $when }. Places go fast: have the page open a minute early.
notice-opening-action = Open the drop
notice-opening-footer = You get this message because you asked { $store } on DropSlot to tell you when this drop opens.
notice-unsubscribe = Stop telling me when drops open
sms-opening = { $store }: { $drop } opens { $when }. { $link }
messages-kind-opening = Drop opens soon
opening-alert-ask = Tell me when it opens
opening-alert-stop = Stop telling me
opening-alert-on = We'll tell you half an hour before it opens: by email, and on the other channels you chose.
opening-alert-sign-in = to be told when it opens.
alerts-stop-title = Drop opening alerts
alerts-stop-lead = Stop all "drop opens soon" messages? News of your bookings, reminders and the waitlist still reach you.
alerts-stop-button = Stop these alerts
alerts-stop-done = Done: you won't be told when drops open. You can ask again on any drop's page.
notes-title = Your words in messages
notes-lead = Add a short note to a kind of message (where to park, what to bring). Mails show it under their first sentence; texts and pushes stay short and leave it out.
notes-note = Note
notes-note-hint = Up to 500 characters. Leave it empty for no note.
notes-preview = Preview
notes-save = Save note
notes-saved = Note saved.
notes-preview-title = The mail with your note
notes-sample-name = Ploy
notes-sample-drop = Sample drop
notes-sample-branch = Main branch
notes-sample-when = Sat 12 Dec 10:00–10:30
notes-sample-deadline = Sat 12 Dec 10:15
