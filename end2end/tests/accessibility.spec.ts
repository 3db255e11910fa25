import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { bookFirstSlot, dropAtTheDoorNow, hydrated, registerAndSignIn, shop, unique, uniqueEmail } from "./support";

/** Runs axe-core (WCAG 2.x A and AA rules) on the page and fails on serious or critical findings. */
async function accessible(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await hydrated(page);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const grave = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(grave, `${path}`).toEqual([]);
}

test("the main pages of shoppers, staff and owners have no serious accessibility problems", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const owner = uniqueEmail("owner");
  await registerAndSignIn(page, owner);
  const slug = await shop(page.request, owner, unique("Axe"));
  const dropId = await dropAtTheDoorNow(page.request, owner, slug, 5);

  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const shopper = await context.newPage();
  for (const path of ["/", `/s/${slug}`, `/d/${dropId}`, "/search?q=croissant", "/branches", "/login", "/register"]) {
    await accessible(shopper, path);
  }
  await registerAndSignIn(shopper, uniqueEmail("shopper"));
  await bookFirstSlot(shopper, dropId);
  for (const path of ["/reservations", "/account", `/d/${dropId}`]) {
    await accessible(shopper, path);
  }
  await context.close();

  for (const path of [
    "/owner/stores", `/owner/stores/${slug}/profile`, `/owner/stores/${slug}/products`, `/owner/stores/${slug}/branches`,
    `/owner/stores/${slug}/drops`, `/owner/stores/${slug}/members`, `/owner/drops/${dropId}`, `/owner/drops/${dropId}/live`,
    "/staff", `/staff/drops/${dropId}`,
  ]) {
    await accessible(page, path);
  }
});
