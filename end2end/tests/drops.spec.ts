import { expect, test } from "@playwright/test";
import { bangkok, hydrated, registerAndSignIn, screenshot, shop, unique, uniqueEmail } from "./support";

test("an owner builds and publishes a drop; a shopper's countdown turns into slots without a reload", async ({ browser, page }) => {
  test.setTimeout(150_000);
  const owner = uniqueEmail("owner");
  await registerAndSignIn(page, owner);
  const slug = await shop(page.request, owner, unique("Kanom"));

  await page.goto(`/owner/stores/${slug}/drops`);
  await hydrated(page);
  await page.getByLabel("Drop name").fill("Croissant Friday");
  await page.getByRole("button", { name: "Start the drop" }).click();
  await expect(page).toHaveURL(/\/owner\/drops\/[0-9a-f-]+$/);
  const dropId = page.url().split("/").pop();
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Croissant Friday");

  // Bad input first: a closing before the opening is refused, with the field named.
  const details = page.locator("form").filter({ has: page.getByRole("button", { name: "Save the drop" }) });
  await details.getByLabel("Opens at").fill(bangkok(3600_000));
  await details.getByLabel("Closes at").fill(bangkok(60_000));
  await details.getByRole("button", { name: "Save the drop" }).click();
  await expect(page.locator("#field-closes_at-error")).toHaveText("must be after the opening time");

  const tomorrow = bangkok(24 * 3600_000).slice(0, 10);
  const schedule = page.locator("form").filter({ has: page.getByRole("button", { name: "Add these slots" }) });
  await schedule.getByLabel("First day").fill(tomorrow);
  await schedule.getByLabel("Last day").fill(tomorrow);
  await schedule.getByLabel("Daily from").fill("10:00");
  await schedule.getByLabel("Daily until").fill("12:00");
  await schedule.getByLabel("Slot length (minutes)").fill("0");
  await schedule.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator("#field-slot_minutes-error")).toContainText("from 5 to 720");
  await schedule.getByLabel("Slot length (minutes)").fill("30");
  await schedule.getByLabel("Places per slot").fill("12");
  await schedule.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator(".preview")).toContainText("This schedule makes 4 slots");
  await schedule.getByRole("button", { name: "Add these slots" }).click();
  await expect(page.getByRole("heading", { name: "Slots (4)" })).toBeVisible();
  await screenshot(page, "drop-editor-1280");

  // The drop opens 30 seconds from now.
  await details.getByLabel("Opens at").fill(bangkok(30_000));
  await details.getByLabel("Closes at").fill(bangkok(3600_000));
  await details.getByLabel("Butter croissant").check();
  await details.getByRole("button", { name: "Save the drop" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.locator("h1 .badge")).toHaveText("Scheduled");

  const shopperContext = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const shopper = await shopperContext.newPage();
  await shopper.goto(`/d/${dropId}`);
  await hydrated(shopper);
  await expect(shopper.getByRole("timer")).toContainText("Opens in");
  await expect(shopper.locator(".slot")).toHaveCount(0);
  await screenshot(shopper, "drop-countdown-360");
  // Marks this document: a reload would lose the mark.
  await shopper.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

  await expect(shopper.locator(".slot")).toHaveCount(4, { timeout: 60_000 });
  await expect(shopper.locator(".slot").first()).toContainText("10:00–10:30");
  await expect(shopper.locator(".slot").first()).toContainText("12 of 12 left");
  expect(await shopper.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await screenshot(shopper, "drop-open-360");

  // The owner's live view shows the counts and keeps itself fresh.
  await page.goto(`/owner/drops/${dropId}/live`);
  await hydrated(page);
  await expect(page.getByTestId("fill-rate")).toHaveText("0% full");
  await expect(page.locator(".live-table tbody tr")).toHaveCount(4);
  await screenshot(page, "drop-live-1280");
  await shopperContext.close();
});
