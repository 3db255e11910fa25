import { expect, test } from "@playwright/test";
import { hydrated, registerAndSignIn, screenshot, unique, uniqueEmail } from "./support";

test("an owner adds a branch with hours; a shopper nearby sees it first", async ({ browser, page }) => {
  const storeName = unique("Corner Roastery");
  const slug = storeName.toLowerCase().replace(/ /g, "-");
  const branchName = unique("Ari branch");
  await registerAndSignIn(page, uniqueEmail("owner"));
  await page.goto("/owner/stores");
  await hydrated(page);
  await page.getByLabel("Name").fill(storeName);
  await page.getByRole("button", { name: "Create store" }).click();
  await page.getByRole("row", { name: storeName }).getByRole("link", { name: "Branches" }).click();
  await expect(page).toHaveURL(`/owner/stores/${slug}/branches`);
  await hydrated(page);

  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Save branch" }) });
  await form.getByLabel("Branch name").fill(branchName);
  await form.getByLabel("Street address").fill("7 Phahon Yothin Soi 7");
  await form.getByLabel("City").fill("Bangkok");
  await form.getByLabel("Postcode").fill("10400");
  await form.getByLabel("Country code").fill("TH");
  await form.getByLabel("Time zone").fill("Asia/Bangkok");
  await form.getByLabel("Latitude").fill("91");
  await form.getByLabel("Longitude").fill("100.5443");
  await form.getByLabel("Friday opens").fill("18:00");
  await form.getByLabel("Friday closes").fill("02:00");
  await form.getByLabel("Saturday opens").fill("01:00");
  await form.getByLabel("Saturday closes").fill("12:00");
  await form.getByRole("button", { name: "Save branch" }).click();
  await expect(page.locator("#field-latitude-error")).toHaveText("must be between -90 and 90");
  await expect(page.locator("#hours-error")).toHaveText("Friday's hours run into Saturday's");

  await form.getByLabel("Latitude").fill("13.7796");
  await form.getByLabel("Saturday opens").fill("09:00");
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday"]) {
    await form.getByLabel(`${day} opens`).fill("08:00");
    await form.getByLabel(`${day} closes`).fill("17:00");
  }
  await form.getByLabel("Holidays and special hours").fill("2026-12-25 closed");
  await form.getByRole("button", { name: "Save branch" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText(`Saved ${branchName}.`);
  await expect(page.getByRole("heading", { name: branchName })).toBeVisible();

  // A shopper standing in Ari shares their location: this branch (2 km) before the demo-free rest.
  const shopperContext = await browser.newContext({
    geolocation: { latitude: 13.7799, longitude: 100.5446 },
    permissions: ["geolocation"],
    viewport: { width: 360, height: 800 },
  });
  const shopper = await shopperContext.newPage();
  await shopper.goto("/branches");
  await hydrated(shopper);
  await shopper.getByRole("button", { name: "Use my location" }).click();
  await expect(shopper).toHaveURL(/latitude=13\.779900&longitude=100\.544600/);
  const first = shopper.locator(".branch-card").first();
  await expect(first.getByRole("heading")).toHaveText(branchName);
  await expect(first).toContainText("m away");
  await screenshot(shopper, "branches-near-360");

  // Without location: a typed postcode finds the same branch first.
  await shopper.goto("/branches?place=10400");
  await expect(shopper.locator(".branch-card").first().getByRole("heading")).toHaveText(branchName);

  await shopper.goto(`/s/${slug}`);
  await expect(shopper.getByRole("heading", { name: branchName })).toBeVisible();
  await expect(shopper.locator(".branch-card .status").first()).toContainText(/Open now|Closed/);
});
