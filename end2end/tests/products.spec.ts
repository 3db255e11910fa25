import { expect, test } from "@playwright/test";
import * as path from "node:path";
import { hydrated, registerAndSignIn, screenshot, unique, uniqueEmail } from "./support";

test("an owner lists a product and a shopper finds it by search", async ({ browser, page }) => {
  const storeName = unique("Crumb Club");
  const slug = storeName.toLowerCase().replace(/ /g, "-");
  const product = unique("Pistachio croissant");
  await registerAndSignIn(page, uniqueEmail("owner"));
  await page.goto("/owner/stores");
  await hydrated(page);
  await page.getByLabel("Name").fill(storeName);
  await page.getByRole("button", { name: "Create store" }).click();
  await page.getByRole("row", { name: storeName }).getByRole("link", { name: "Products" }).click();
  await expect(page).toHaveURL(`/owner/stores/${slug}/products`);
  await hydrated(page);

  await page.getByLabel("Category name").fill("Viennoiserie");
  await page.getByRole("button", { name: "Add category" }).click();
  await expect(page.getByLabel("Category", { exact: true })).toContainText("Viennoiserie");

  await page.getByLabel("Name", { exact: true }).fill(product);
  await page.getByLabel("SKU").fill("pc-01");
  await page.getByLabel("Description").fill("Laminated dough, pistachio cream.");
  await page.getByLabel("Price").fill("95.5");
  await page.getByLabel("Currency").selectOption("THB");
  await page.getByLabel("Category", { exact: true }).selectOption({ label: "Viennoiserie" });
  await page.getByRole("button", { name: "Add product" }).click();
  await expect(page.getByRole("status")).toContainText(`Added ${product}.`);
  await expect(page.getByRole("row", { name: new RegExp(product) })).toContainText("฿95.50");

  await page.getByLabel("Price").fill("12.345");
  await page.getByLabel("SKU").fill("pc-02");
  await page.getByLabel("Name", { exact: true }).fill("Too precise");
  await page.getByRole("button", { name: "Add product" }).click();
  await expect(page.locator("#field-price-error")).toHaveText("has more decimals than the currency allows");

  // A photo: a real PNG is stripped, resized and shown; a text file named .png is refused.
  await page.getByRole("row", { name: new RegExp(product) }).getByRole("link", { name: product }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(product);
  await page.getByLabel("Photo", { exact: true }).setInputFiles(path.join(__dirname, "..", "..", "public", "icons", "icon-512.png"));
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page.locator("img.product-photo")).toHaveAttribute("src", /^\/media\/[0-9a-f]{16}-320\.jpg$/);
  await page.getByLabel("Photo", { exact: true }).setInputFiles({ name: "holiday.png", mimeType: "image/png", buffer: Buffer.from("not really a picture") });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page.locator("#field-image-error")).toHaveText("is not a JPEG, PNG or WebP image");

  const shopper = await (await browser.newContext()).newPage();
  await shopper.setViewportSize({ width: 360, height: 800 });
  await shopper.goto("/search");
  await shopper.getByRole("searchbox", { name: "Search products" }).fill("pistach");
  await shopper.getByRole("button", { name: "Search" }).click();
  await expect(shopper).toHaveURL(/\/search\?q=pistach/);
  await expect(shopper.getByRole("link", { name: product })).toBeVisible();
  // The card carries the product's first photo.
  await expect(shopper.locator(".product-card img.product-cover")).toHaveAttribute("src", /^\/media\/[0-9a-f]{16}-\d+\.jpg$/);
  await screenshot(shopper, "search-360");
  await shopper.getByRole("link", { name: product }).click();
  await expect(shopper.getByRole("heading", { level: 1 })).toHaveText(product);
  await expect(shopper.locator(".price")).toHaveText("฿95.50");
  await expect(shopper.locator("img.product-photo")).toBeVisible();
  await expect(shopper.getByRole("button", { name: "Upload photo" })).toHaveCount(0);
  await screenshot(shopper, "product-360");
  await expect(shopper.getByRole("link", { name: storeName })).toBeVisible();

  await shopper.goto(`/s/${slug}`);
  await expect(shopper.getByRole("link", { name: product })).toBeVisible();
  await shopper.getByRole("searchbox", { name: "Search this store" }).fill("laminated");
  await shopper.getByLabel("Category").selectOption({ label: "Viennoiserie" });
  await shopper.getByRole("button", { name: "Search" }).last().click();
  await expect(shopper).toHaveURL(/store=.*&q=laminated&category=/);
  await expect(shopper.getByRole("link", { name: product })).toBeVisible();
});
