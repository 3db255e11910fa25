import { expect, test } from "@playwright/test";
import { baseURL, pngVideo, scannerWithCamera } from "./door-support";
import { bookFirstSlot, dropAtTheDoorNow, hydrated, mailedPart, registerAndSignIn, screenshot, shop, unique, uniqueEmail } from "./support";

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
