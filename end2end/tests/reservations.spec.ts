import { expect, test } from "@playwright/test";
import { hydrated, openDrop, registerAndSignIn, screenshot, shop, unique, uniqueEmail } from "./support";

test("a shopper books a slot, finds it in My reservations and cancels it", async ({ browser, page }) => {
  const owner = uniqueEmail("owner");
  await registerAndSignIn(page, owner);
  const slug = await shop(page.request, owner, unique("Kanom"));
  const dropId = await openDrop(page.request, owner, slug, 3);

  const shopperContext = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const shopper = await shopperContext.newPage();
  await shopper.goto(`/d/${dropId}`);
  await hydrated(shopper);
  await expect(shopper.getByRole("link", { name: "Sign in" }).last()).toBeVisible();
  await registerAndSignIn(shopper, uniqueEmail("shopper"));
  await shopper.goto(`/d/${dropId}`);
  await hydrated(shopper);

  const first = shopper.locator(".slot").first();
  await expect(first).toContainText("3 of 3 left");
  await first.getByLabel(/^Places for/).selectOption("2");
  await first.getByRole("button", { name: /^Book / }).click();
  // Booked: on to My reservations, which says so first.
  await expect(shopper).toHaveURL(/\/reservations\?booked=[0-9a-f-]+$/);
  await hydrated(shopper);
  await expect(shopper.locator(".toast")).toContainText("Booked: Croissant Saturday");
  const card = shopper.locator(".reservation-card").first();
  await expect(card).toContainText("Croissant Saturday");
  await expect(card).toContainText("2 places");
  await expect(card).toContainText("Confirmed");
  await expect(card.getByRole("img", { name: /QR code/ })).toBeVisible();
  const download = await shopper.request.get(await card.getByRole("link", { name: "Download the code" }).getAttribute("href") ?? "");
  expect(download.headers()["content-type"]).toBe("image/png");
  await screenshot(shopper, "my-reservations-360");

  // Back on the drop: the places are taken, and one booking per person holds from any page.
  await shopper.goto(`/d/${dropId}`);
  await hydrated(shopper);
  await expect(shopper.locator(".slot").first()).toContainText("1 of 3 left");
  await shopper.locator(".slot").nth(1).getByRole("button", { name: /^Book / }).click();
  await expect(shopper.locator(".form-alert")).toContainText("as many bookings in this drop as it allows (1)");
  await screenshot(shopper, "drop-limit-360");

  await shopper.getByRole("link", { name: "My reservations" }).first().click();
  await expect(shopper).toHaveURL(/\/reservations(\?booked=[0-9a-f-]+)?$/);
  await hydrated(shopper);
  await card.getByText("Cancel", { exact: true }).click();
  await expect(card).toContainText("Its places go back to the slot");
  await card.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(shopper.getByRole("heading", { name: "Past and cancelled" })).toBeVisible();
  await expect(shopper.locator(".reservation-card").first()).toContainText("Cancelled");
  await shopperContext.close();
});

test("a shopper joins the waitlist of a full slot and confirms the places offered when they free up", async ({ browser, page }) => {
  const owner = uniqueEmail("owner");
  await registerAndSignIn(page, owner);
  const slug = await shop(page.request, owner, unique("Kanom"));
  const dropId = await openDrop(page.request, owner, slug, 1);

  const firstContext = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const first = await firstContext.newPage();
  await registerAndSignIn(first, uniqueEmail("first"));
  await first.goto(`/d/${dropId}`);
  await hydrated(first);
  await first.locator(".slot").first().getByRole("button", { name: /^Book / }).click();
  await expect(first).toHaveURL(/\/reservations(\?booked=[0-9a-f-]+)?$/);

  const secondContext = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const second = await secondContext.newPage();
  await registerAndSignIn(second, uniqueEmail("second"));
  await second.goto(`/d/${dropId}`);
  await hydrated(second);
  const full = second.locator(".slot").first();
  await expect(full).toContainText("Sold out");
  await full.getByLabel(/^Places for/).selectOption("1");
  await full.getByRole("button", { name: /^Join the waitlist/ }).click();
  await expect(full).toContainText("#1 in line");
  await screenshot(second, "drop-waitlist-360");
  await second.goto("/reservations");
  await expect(second.getByRole("heading", { name: "Waitlists" })).toBeVisible();
  await expect(second.locator(".reservation-card").first()).toContainText("#1 in line");

  // The first shopper cancels: the place is held for the second, who confirms it.
  await hydrated(first);
  const booked = first.locator(".reservation-card").first();
  await booked.getByText("Cancel", { exact: true }).click();
  await booked.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(first.locator(".reservation-card").first()).toContainText("Cancelled");
  await expect(async () => {
    await second.reload();
    await expect(second.locator(".reservation-card").first()).toContainText("Held for you for", { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await hydrated(second);
  await screenshot(second, "waitlist-offer-360");
  await second.getByRole("button", { name: "Confirm these places" }).click();
  const card = second.locator(".reservation-card").first();
  await expect(card).toContainText("Confirmed");
  await expect(card.getByRole("img", { name: /QR code/ })).toBeVisible();
  await firstContext.close();
  await secondContext.close();
});
