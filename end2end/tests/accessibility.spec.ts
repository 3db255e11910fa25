import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { bookFirstSlot, dropAtTheDoorNow, hydrated, registerAndSignIn, screenshot, shop, unique, uniqueEmail } from "./support";

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the page at a phone's and a laptop's width, fails on
 * serious or critical findings or on a page wider than the screen (sideways scrolling), and
 * leaves a screenshot of each width in end2end/screenshots.
 */
async function accessible(page: Page, path: string, prefix = "page"): Promise<void> {
  await page.goto(path);
  await hydrated(page);
  // Stable names, so a run replaces the last run's pictures: ids and generated slugs left out.
  const stable = path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "id").replace(/axe-[a-z0-9]+/g, "store");
  const name = `${prefix}${stable.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "")}`;
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const grave = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(grave, `${path} at ${width} px`).toEqual([]);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth, `${path} fits ${width} px`).toBeLessThanOrEqual(width);
    await screenshot(page, `${name}-${width}`);
  }
}

test("the main pages of shoppers, staff and owners have no serious accessibility problems", async ({ browser, page }) => {
  test.setTimeout(240_000);
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

  const thai = await browser.newContext({ locale: "th-TH" });
  const thaiShopper = await thai.newPage();
  for (const path of ["/", `/s/${slug}`, `/d/${dropId}`]) {
    await accessible(thaiShopper, path, "th");
  }
  await thai.close();

  for (const path of [
    "/owner/stores", `/owner/stores/${slug}/profile`, `/owner/stores/${slug}/products`, `/owner/stores/${slug}/branches`,
    `/owner/stores/${slug}/drops`, `/owner/stores/${slug}/members`, `/owner/drops/${dropId}`, `/owner/drops/${dropId}/live`,
    "/staff", `/staff/drops/${dropId}`,
  ]) {
    await accessible(page, path);
  }
});
