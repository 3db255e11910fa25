import { expect, test } from "@playwright/test";
import { baseURL, pngVideo, scannerWithCamera } from "./door-support";
import { bookFirstSlot, dropAtTheDoorNow, dropOpeningIn, hydrated, mailedPart, mailedText, openDrop, registerAndSignIn, screenshot, shop, unique, uniqueEmail } from "./support";

test("a booking's mail carries the ticket, and the door scanner lets its QR code in", async ({ browser, page }) => {
  test.setTimeout(90_000);
  const owner = uniqueEmail("owner");
  await registerAndSignIn(page, owner, "Mail Owner");
  const slug = await shop(page.request, owner, unique("Mail"));
  const dropId = await dropAtTheDoorNow(page.request, owner, slug, 5);

  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 800 } });
  const shopper = await context.newPage();
  const email = uniqueEmail("shopper");
  await registerAndSignIn(shopper, email, "Dao Mailbox");
  await bookFirstSlot(shopper, dropId);

  // The confirmation in the dev mailbox, its QR code an inline image played to the camera.
  const qr = await mailedPart(email, "Booked: ", "ticket-qr");
  const video = await pngVideo(shopper, qr);
  const { scanner, door } = await scannerWithCamera(video, owner, dropId);
  await door.getByRole("button", { name: "Start scanning" }).click();
  const result = door.locator(".scan-result");
  await expect(result).toHaveAttribute("data-outcome", "green", { timeout: 15_000 });
  await expect(result).toContainText("Dao Mailbox");
  await scanner.close();

  // Nothing failed: the owner's messages page says so.
  await page.goto(`/owner/stores/${slug}/messages`);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Messages of");
  await expect(page.locator(".empty")).toContainText("Every message of this store's drops went out.");
  await screenshot(page, "owner-messages-1280");
});

test("a shopper turns on notifications for this phone and the server keeps the subscription", async ({ browser }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 800 }, permissions: ["notifications"] });
  // Headless Chromium cannot reach a real push service from here: the browser's own part (the
  // push service's answer) is played by the page; everything of DropSlot's runs for real.
  await context.addInitScript(() => {
    const subscription = {
      endpoint: "https://push.example.test/send/e2e",
      keys: { p256dh: "BAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8", auth: "AAECAwQFBgcICQoLDA0ODw" },
    };
    PushManager.prototype.subscribe = async () => ({ ...subscription, toJSON: () => subscription }) as unknown as PushSubscription;
  });
  const page = await context.newPage();
  await registerAndSignIn(page, uniqueEmail("push"), "Pim Push");
  await expect(page.getByText("Safari delivers notifications only to Home Screen apps")).toBeVisible();
  await page.getByRole("button", { name: "Notify me on this phone" }).click();
  await expect(page.locator(".push-on")).toHaveText("Notifications are on for one browser.");
  await screenshot(page, "account-push-360");
  // Kept on the server: a new page load still says so.
  await page.reload();
  await hydrated(page);
  await expect(page.locator(".push-on")).toHaveText("Notifications are on for one browser.");
  // Asking this phone to notify is choosing push.
  await expect(page.getByLabel("Push notification")).toBeChecked();
  await context.close();
});

test("a shopper asks to be told when drops open, is mailed, and stops the alerts in one click", async ({ browser, page }) => {
  test.setTimeout(90_000);
  const owner = uniqueEmail("owner");
  await registerAndSignIn(page, owner, "Alert Owner");
  const slug = await shop(page.request, owner, unique("Alerts"));
  // One opens in ten minutes (within the half hour before: its alert goes at once), one later.
  const soon = await dropOpeningIn(page.request, owner, slug, 10);
  const later = await dropOpeningIn(page.request, owner, slug, 180);

  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 800 } });
  const shopper = await context.newPage();
  const email = uniqueEmail("alerted");
  await registerAndSignIn(shopper, email, "Ake Alert");
  for (const dropId of [later, soon]) {
    await shopper.goto(`/d/${dropId}`);
    await hydrated(shopper);
    await shopper.getByRole("button", { name: "Tell me when it opens" }).click();
    await expect(shopper.getByText("We'll tell you half an hour before it opens")).toBeVisible();
  }
  await shopper.goto(`/d/${later}`);
  await hydrated(shopper);
  await expect(shopper.getByRole("button", { name: "Stop telling me" })).toBeVisible();
  await screenshot(shopper, "drop-opening-alert-360");

  const mail = await mailedText(email, "Croissant Sunday opens ");
  expect(mail).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  const link = mail.match(/List-Unsubscribe: <https?:\/\/[^/>]+(\/alerts\/stop\?[^>]+)>/);
  expect(link).not.toBeNull();

  // The mail's link, opened on a phone: one button, then done; the later drop's alert is off.
  await shopper.goto(link![1]);
  await shopper.getByRole("button", { name: "Stop these alerts" }).click();
  await expect(shopper.getByRole("status")).toContainText("you won't be told when drops open");
  await screenshot(shopper, "alerts-stopped-360");
  await shopper.goto(`/d/${later}`);
  await hydrated(shopper);
  await expect(shopper.getByRole("button", { name: "Tell me when it opens" })).toBeVisible();
  await context.close();
});

test("an owner writes a note for booking mails, previews it, and the next booking's mail carries it", async ({ browser, page }) => {
  test.setTimeout(90_000);
  const owner = uniqueEmail("owner");
  await registerAndSignIn(page, owner, "Note Owner");
  const slug = await shop(page.request, owner, unique("Notes"));
  const dropId = await openDrop(page.request, owner, slug, 5);
  await page.goto(`/owner/stores/${slug}/messages`);
  await hydrated(page);
  await page.getByLabel("Message", { exact: true }).selectOption("confirmed");
  // Too long is refused with its limit, never cut.
  await page.getByLabel("Note", { exact: true }).fill("x".repeat(501));
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.locator("#field-note-error")).toContainText("at most 500 characters");
  const note = "Park behind the shop, gate B. Bring a bag.";
  await page.getByLabel("Note", { exact: true }).fill(note);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.frameLocator("iframe.mail-preview");
  await expect(preview.getByText(note)).toBeVisible();
  await expect(preview.getByText("You're booked")).toBeVisible();
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByText("Note saved.")).toBeVisible();
  await screenshot(page, "owner-notes-1280");
  // Kept: the page loaded again shows it for its kind.
  await page.reload();
  await hydrated(page);
  await page.getByLabel("Message", { exact: true }).selectOption("confirmed");
  await expect(page.getByLabel("Note", { exact: true })).toHaveValue(note);

  const context = await browser.newContext({ baseURL });
  const shopper = await context.newPage();
  const email = uniqueEmail("noted");
  await registerAndSignIn(shopper, email, "Nid Note");
  await bookFirstSlot(shopper, dropId);
  expect(await mailedText(email, "Booked: ")).toContain(note);
  await context.close();
});
