import { expect, test } from "@playwright/test";
import { baseURL, bookedShopper, openDoor, scannerWithCamera, ticketVideo } from "./door-support";
import { dropAtTheDoorNow, hydrated, openDrop, registerAndSignIn, screenshot, shop, signIn, unique, uniqueEmail } from "./support";

test("staff scan a ticket with the camera, are told when it comes again, and check people in offline", async ({ browser, page }) => {
  test.setTimeout(90_000);
  const owner = uniqueEmail("owner");
  await registerAndSignIn(page, owner, "Door Owner");
  const slug = await shop(page.request, owner, unique("Door"));
  const dropId = await dropAtTheDoorNow(page.request, owner, slug, 5);
  const ann = await bookedShopper(browser, dropId, "Ann Camera");
  const video = await ticketVideo(ann);
  const benPage = await bookedShopper(browser, dropId, "Ben Offline");
  const benCode = (await benPage.locator(".booking-code strong").first().textContent()) ?? "";
  expect(benCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);

  const { scanner, context, door } = await scannerWithCamera(video, owner, dropId);

  // Installable: the scanner's own manifest, and a service worker that took control.
  const manifestHref = await door.locator("link[rel=manifest]").getAttribute("href");
  expect(manifestHref).toBe("/staff.webmanifest");
  const manifest = await (await door.request.get(manifestHref!)).json();
  expect(manifest).toMatchObject({ start_url: "/staff", scope: "/staff", display: "standalone" });
  expect(manifest.name).toBeTruthy();
  expect(manifest.theme_color).toMatch(/^#/);
  expect(manifest.icons.some((icon: { sizes: string }) => icon.sizes === "512x512")).toBeTruthy();
  // (The page began as /login, outside the worker's scope, so `ready` would never settle here.)
  await expect
    .poll(() => door.evaluate(async () => (await navigator.serviceWorker.getRegistration("/staff"))?.active?.scriptURL ?? ""))
    .toMatch(/\/sw\.js$/);

  await door.getByRole("button", { name: "Start scanning" }).click();
  const result = door.locator(".scan-result");
  await expect(result).toHaveAttribute("data-outcome", "green", { timeout: 15_000 });
  await expect(result).toContainText("Ann Camera");
  await expect(result).toContainText("1 place");
  await screenshot(door, "door-green-360");
  // The same code still in front of the camera: read again after a pause, and refused.
  await expect(result).toHaveAttribute("data-outcome", "red", { timeout: 15_000 });
  await expect(result).toContainText("Already checked in at");
  await expect(result).toContainText("Door Owner");
  await screenshot(door, "door-red-360");
  await door.getByRole("button", { name: "Stop camera" }).click();

  // Offline: the page still opens (the service worker); Ben is found in the list and let in by
  // the booking code under his QR code.
  await context.setOffline(true);
  await door.reload();
  await hydrated(door);
  await expect(door.locator(".connection")).toContainText("Offline");
  await door.getByLabel("Find by name or email").fill("ben");
  const ben = door.locator(".attendee", { hasText: "Ben Offline" });
  await expect(door.locator(".attendee")).toHaveCount(1);
  await expect(ben.getByRole("button", { name: "Check in" })).toBeVisible();
  await door.getByLabel("Booking code").fill(benCode.toLowerCase());
  await door.locator(".manual-entry").getByRole("button", { name: "Check in" }).click();
  await expect(result).toContainText("Ben Offline");
  await expect(result).toHaveAttribute("data-outcome", "green");
  await expect(result).toContainText("Saved on this phone");
  await expect(door.locator(".connection")).toContainText("1 scan waiting to sync");
  // A code that is not a ticket is refused on the phone itself.
  await door.getByLabel("Booking code").fill("not-a-ticket");
  await door.locator(".manual-entry").getByRole("button", { name: "Check in" }).click();
  await expect(result).toHaveAttribute("data-outcome", "red");
  await expect(result).toContainText("not a DropSlot ticket");
  await screenshot(door, "door-offline-360");

  await context.setOffline(false);
  await expect(door.locator(".connection")).not.toContainText("waiting to sync", { timeout: 15_000 });
  await expect(ben).toContainText("Checked in", { timeout: 15_000 });
  await expect(door.locator(".door-counts")).toContainText("2 of 2 places checked in");
  await expect(door.locator(".door-conflict")).toHaveCount(0);
  await scanner.close();
});

test("two phones offline let the same ticket in: one check-in counts, the later phone is told", async ({ browser, page }) => {
  test.setTimeout(90_000);
  const owner = uniqueEmail("owner");
  await registerAndSignIn(page, owner, "Door Owner");
  const slug = await shop(page.request, owner, unique("Door"));
  const dropId = await dropAtTheDoorNow(page.request, owner, slug, 5);
  await bookedShopper(browser, dropId, "Cat Twice");

  const phones = [];
  for (let i = 0; i < 2; i++) {
    const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 800 } });
    const door = await context.newPage();
    await openDoor(door, owner, dropId);
    await context.setOffline(true);
    await expect(door.locator(".connection")).toContainText("Offline");
    phones.push({ context, door });
  }
  for (const { door } of phones) {
    await door.locator(".attendee", { hasText: "Cat Twice" }).getByRole("button", { name: "Check in" }).click();
    await expect(door.locator(".scan-result")).toContainText("Saved on this phone");
  }

  const [first, second] = phones;
  await first.context.setOffline(false);
  await expect(first.door.locator(".connection")).not.toContainText("waiting to sync", { timeout: 15_000 });
  await second.context.setOffline(false);
  await expect(second.door.locator(".connection")).not.toContainText("waiting to sync", { timeout: 15_000 });
  await expect(second.door.locator(".door-conflict")).toHaveCount(1);
  await expect(second.door.locator(".door-conflict")).toContainText("did not count");
  await expect(first.door.locator(".door-conflict")).toHaveCount(0);
  // The later phone's result screen, still on that ticket, now says so.
  await expect(second.door.locator(".scan-result")).toHaveAttribute("data-outcome", "red");
  await expect(second.door.locator(".scan-result")).toContainText("This scan did not count");
  await screenshot(second.door, "door-conflict-360");
  for (const { door } of phones) {
    await expect(door.locator(".door-counts")).toContainText("1 of 1 places checked in");
  }
});

test("a ticket for a later slot is amber at the door, and staff can let it in anyway", async ({ browser, page }) => {
  const owner = uniqueEmail("owner");
  await registerAndSignIn(page, owner, "Door Owner");
  const slug = await shop(page.request, owner, unique("Door"));
  const dropId = await openDrop(page.request, owner, slug, 3);
  await bookedShopper(browser, dropId, "Dee Early");

  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 800 } });
  const door = await context.newPage();
  await signIn(door, owner, `/staff/drops/${dropId}`);
  await hydrated(door);
  await door.locator(".attendee", { hasText: "Dee Early" }).getByRole("button", { name: "Check in" }).click();
  const result = door.locator(".scan-result");
  await expect(result).toHaveAttribute("data-outcome", "amber");
  await expect(result).toContainText("Too early: this slot starts at 10:00");
  await screenshot(door, "door-amber-360");
  await result.getByRole("button", { name: "Let in anyway" }).click();
  await expect(result).toHaveAttribute("data-outcome", "green");
  await expect(result).toContainText("Dee Early");
  await expect(door.locator(".door-counts")).toContainText("1 of 1 places checked in");
  await context.close();
});
