import { expect, test } from "@playwright/test";
import path from "node:path";
import { PASSWORD, hydrated, registerAndSignIn, screenshot, unique, uniqueEmail } from "./support";

test("an owner opens a store and shoppers find it on its public page", async ({ page }) => {
  const name = unique("Night Market Sneakers");
  const slug = name.toLowerCase().replace(/ /g, "-");

  await registerAndSignIn(page, uniqueEmail("owner"));
  await page.goto("/owner/stores");
  await hydrated(page);

  // Client-side only: the address preview follows the name as it is typed.
  await page.getByLabel("Name").fill(name);
  await expect(page.getByTestId("address-preview")).toHaveText(`Shoppers will find it at /s/${slug}`);

  await page.getByRole("button", { name: "Create store" }).click();
  await expect(page.getByRole("status")).toContainText(`Created ${name}.`);
  await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();

  await page.getByRole("link", { name: `/s/${slug}` }).click();
  await expect(page).toHaveURL(`/s/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page).toHaveTitle(`${name} · DropSlot`);

  await page.goto("/");
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
});

test("a taken address and a too-short name get form errors", async ({ page }) => {
  const name = unique("Gallery Preview");
  const takenAddress = `taken-${Date.now().toString(36)}`;
  await registerAndSignIn(page, uniqueEmail("owner"));
  await page.goto("/owner/stores");
  await hydrated(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/Web address/).fill(takenAddress);
  await page.getByRole("button", { name: "Create store" }).click();
  await expect(page.getByRole("status")).toContainText("Created");

  await page.getByLabel("Name").fill("Another gallery");
  await page.getByLabel(/Web address/).fill(takenAddress);
  await page.getByRole("button", { name: "Create store" }).click();
  await expect(page.locator("#store-slug-error")).toHaveText(`the address ${takenAddress} is already taken by another store`);
  await expect(page.getByLabel(/Web address/)).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Name").fill("x");
  await page.getByLabel(/Web address/).fill("");
  await page.getByRole("button", { name: "Create store" }).click();
  await expect(page.locator("#store-name-error")).toHaveText("must be at least 2 characters");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the plain forms sign in, create a store and report errors", async ({ browser, page }) => {
    const name = unique("Plain Form Bakery");
    const email = uniqueEmail("plain");
    const withScript = await browser.newContext({ javaScriptEnabled: true });
    await registerAndSignIn(await withScript.newPage(), email);
    await withScript.close();

    await page.goto("/login?next=/owner/stores");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/owner\/stores/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your stores");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create store" }).click();
    await expect(page).toHaveURL(/\/owner\/stores/);
    await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();

    await page.getByLabel("Name").fill("y");
    await page.getByRole("button", { name: "Create store" }).click();
    await expect(page.locator("#store-name-error")).toHaveText("must be at least 2 characters");
  });
});

test("the store page reads well on a phone and on a laptop", async ({ page }) => {
  await registerAndSignIn(page, uniqueEmail("owner"));
  await page.goto("/owner/stores");
  await hydrated(page);
  const name = unique("Kanom Bakery");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create store" }).click();
  const slug = name.toLowerCase().replace(/ /g, "-");
  await expect(page.getByRole("link", { name: `/s/${slug}` })).toBeVisible();

  for (const [label, width] of [["360", 360], ["1280", 1280]] as const) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/s/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow, "no horizontal scrolling").toBe(false);
    await screenshot(page, `store-page-${label}`);
  }
});

test("unknown addresses answer 404", async ({ page }) => {
  const response = await page.goto("/s/no-such-store");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
});

test("the owner pages ask anonymous visitors to sign in", async ({ page }) => {
  await page.goto("/owner/stores");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Please sign in");
  await expect(page.getByRole("link", { name: "Sign in" }).last()).toHaveAttribute("href", "/login?next=/owner/stores");
});

test("an owner gives a store its profile, colour and brand", async ({ page }) => {
  const brand = unique("Kanom Group");
  const store = unique("Kanom Ari");
  const slugOf = (name: string) => name.toLowerCase().replace(/ /g, "-");
  await registerAndSignIn(page, uniqueEmail("owner"));
  await page.goto("/owner/stores");
  await hydrated(page);
  for (const name of [brand, store]) {
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create store" }).click();
    await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();
  }
  await page.getByRole("row", { name: store }).getByRole("link", { name: "Profile" }).click();
  await expect(page).toHaveURL(`/owner/stores/${slugOf(store)}/profile`);
  await hydrated(page);
  await page.getByLabel("Description").fill("Coffee and kanom, from 7 am.");
  await page.getByLabel("Contact email").fill("ari@kanom.example");
  await page.getByLabel("Accent colour").fill("#fff1a8");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.locator("#field-accent-error")).toContainText("too light for white text");
  await page.getByLabel("Accent colour").fill("#0b6e4f");
  await page.getByLabel("Part of the brand").selectOption({ label: brand });
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  // A logo: a text file named .png is refused at its field; a real PNG becomes the logo.
  await page.getByLabel("Logo image").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("not a picture") });
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.locator("#field-logo-error")).toHaveText("is not a JPEG, PNG or WebP image");
  await page.getByLabel("Logo image").setInputFiles(path.join(__dirname, "..", "..", "public", "icons", "icon-512.png"));
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByText("Shoppers see this logo beside the store's name.")).toBeVisible();

  await page.goto(`/s/${slugOf(store)}`);
  await expect(page.locator(".store-hero img.store-logo")).toHaveAttribute("src", /^\/media\/[0-9a-f]{16}-320\.jpg$/);
  await expect(page.getByText("Coffee and kanom, from 7 am.")).toBeVisible();
  await expect(page.getByRole("link", { name: "ari@kanom.example" })).toBeVisible();
  await expect(page.locator(".store-page")).toHaveAttribute("style", /--color-accent: #0b6e4f/);
  await page.getByRole("link", { name: brand }).click();
  await expect(page.getByRole("navigation", { name: "Stores of this brand" }).getByRole("link", { name: store })).toBeVisible();

  await page.goto(`/owner/stores/${slugOf(store)}/profile`);
  await hydrated(page);
  // Removing asks first, in a modal dialog: "Go back" keeps the logo.
  await page.getByRole("button", { name: "Remove logo" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Remove the logo?");
  await dialog.getByRole("button", { name: "Go back" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Remove logo" }).click();
  await dialog.getByRole("button", { name: "Remove logo" }).click();
  await expect(page.getByText("No logo yet: shoppers see the store's name alone.")).toBeVisible();
  await page.goto(`/s/${slugOf(store)}`);
  await expect(page.locator(".store-hero h1")).toHaveText(store);
  await expect(page.locator("img.store-logo")).toHaveCount(0);
});
