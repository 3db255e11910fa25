import { expect, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";

/** Waits until the WASM bundle has hydrated the page (the frontend marks <body>). */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}

/** Saves a full-page screenshot under end2end/screenshots (kept out of git). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(__dirname, "..", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** A name no earlier test in this run has used. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}`;
}
