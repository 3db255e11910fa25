import { expect, test } from "@playwright/test";
import { openDrop, registerAndSignIn, shop, unique, uniqueEmail } from "./support";

test.describe("without JavaScript", () => {
  test("a shopper books a slot and cancels it through the plain forms", async ({ browser, page }) => {
    const owner = uniqueEmail("owner");
    await registerAndSignIn(page, owner);
    const slug = await shop(page.request, owner, unique("Plain"));
    const dropId = await openDrop(page.request, owner, slug, 3);
    const shopperEmail = uniqueEmail("shopper");
    const signUp = await browser.newPage();
    await registerAndSignIn(signUp, shopperEmail);
    await signUp.close();

    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    const shopper = await context.newPage();
    await shopper.goto("/login");
    await shopper.getByLabel("Email").fill(shopperEmail);
    await shopper.getByLabel("Password").fill("violet-harbour-42");
    await shopper.getByRole("button", { name: "Sign in" }).click();
    await expect(shopper).toHaveURL("/account");

    await shopper.goto(`/d/${dropId}`);
    const first = shopper.locator(".slot").first();
    await expect(first).toContainText("3 of 3 left");
    await first.getByLabel(/^Places for/).selectOption("2");
    await first.getByRole("button", { name: /^Book / }).click();
    await expect(shopper).toHaveURL(/\/reservations\?booked=[0-9a-f-]+$/);
    await expect(shopper.getByRole("status").filter({ hasText: "Booked:" })).toBeVisible();
    const card = shopper.locator(".reservation-card").first();
    await expect(card).toContainText("Confirmed");
    await expect(card).toContainText("2 places");
    await expect(card.getByRole("img", { name: /QR code/ })).toBeVisible();

    await card.getByText("Cancel", { exact: true }).click();
    await card.getByRole("button", { name: "Yes, cancel it" }).click();
    await expect(shopper.getByRole("heading", { name: "Past and cancelled" })).toBeVisible();
    await expect(shopper.locator(".reservation-card").first()).toContainText("Cancelled");
    await context.close();
  });
});
