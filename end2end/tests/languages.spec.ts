import { expect, test } from "@playwright/test";
import { PASSWORD, hydrated, openDrop, registerAndSignIn, screenshot, shop, unique, uniqueEmail } from "./support";

test.describe("languages", () => {
  test("a Thai browser gets the Thai interface, and the switcher changes it", async ({ browser }) => {
    const context = await browser.newContext({ locale: "th-TH", viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "th");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ดรอปลิมิเต็ด จองอย่างยุติธรรม");
    await expect(page.getByRole("navigation", { name: "เมนูหลัก" }).getByRole("link", { name: "ร้านค้า" })).toBeVisible();
    await expect(page).toHaveTitle("ดรอปลิมิเต็ด จองอย่างยุติธรรม · DropSlot");

    // The server's refusals come back in Thai too.
    await page.goto("/register");
    await hydrated(page);
    await page.getByLabel("อีเมล").fill(uniqueEmail("thai"));
    await page.getByLabel("ชื่อของคุณ").fill("สมชาย");
    await page.getByLabel("รหัสผ่าน").fill("short");
    await page.getByRole("button", { name: "สร้างบัญชี" }).click();
    await expect(page.locator("#field-password-error")).toHaveText("ต้องมีอย่างน้อย 10 ตัวอักษร");
    await screenshot(page, "th-register-error-360");

    await page.goto("/");
    await hydrated(page);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Limited drops, fairly booked.");
    // The choice outranks the browser's Thai from now on.
    await page.goto("/search");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search products");
    await context.close();
  });

  test("without JavaScript the switcher works and a drop reads in Thai", async ({ browser, page }) => {
    const owner = uniqueEmail("owner");
    await registerAndSignIn(page, owner);
    const slug = await shop(page.request, owner, unique("Thai"));
    const dropId = await openDrop(page.request, owner, slug, 3);

    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
    const shopper = await context.newPage();
    await shopper.goto(`/d/${dropId}`);
    await expect(shopper.getByRole("heading", { name: "Slots", exact: true })).toBeVisible();
    await shopper.getByRole("button", { name: "ไทย" }).click();
    // Back on the same page (the server function's redirect may add an empty query).
    await expect(shopper).toHaveURL(new RegExp(`/d/${dropId}\\??$`));
    await expect(shopper.getByRole("heading", { name: "รอบเวลา" })).toBeVisible();
    await expect(shopper.locator(".slot").first()).toContainText("เหลือ 3 จาก 3");
    await expect(shopper.locator(".badge.status-open")).toHaveText("เปิดจอง");
    await context.close();
  });

  test("the language saved in a profile follows its owner to another browser", async ({ browser, page }) => {
    const email = uniqueEmail("thai");
    await registerAndSignIn(page, email);
    await page.goto("/account");
    await hydrated(page);
    await page.getByLabel("Language", { exact: true }).selectOption("th");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("บัญชีของคุณ");

    const context = await browser.newContext({ locale: "en-US" });
    const other = await context.newPage();
    await other.goto("/login");
    await other.getByLabel("Email").fill(email);
    await other.getByLabel("Password").fill(PASSWORD);
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other).toHaveURL("/account");
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("บัญชีของคุณ");
    await expect(other.locator("html")).toHaveAttribute("lang", "th");
    await context.close();
  });
});
