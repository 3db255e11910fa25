import { expect, type APIRequestContext, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const PASSWORD = "violet-harbour-42";
const mailDir = path.join(os.tmpdir(), `dropslot-e2e-${Number(process.env.E2E_PORT ?? 3900)}`, "mail");

/** Waits until the WASM has hydrated the page and every island on it: the frontend marks <body>,
 * and each island counts itself in `data-islands` once it runs (lazy ones load their code first). */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  await page.waitForFunction(
    () => Number(document.body.dataset.islands ?? 0) >= document.querySelectorAll("leptos-island").length,
  );
}

/** Saves a full-page screenshot under end2end/screenshots (kept out of git). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(__dirname, "..", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** A name no earlier test in this run has used. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

export function uniqueEmail(who: string): string {
  return `${who}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}@example.com`;
}

/** Quoted-printable bodies (long lines, such as links) back to text. */
function decodeQuotedPrintable(raw: string): string {
  const bytes = Buffer.from(raw.replace(/=\r?\n/g, ""), "latin1");
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const hex = bytes.subarray(i + 1, i + 3).toString("latin1");
    if (bytes[i] === 0x3d && /^[0-9A-F]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(bytes[i]);
    }
  }
  return Buffer.from(out).toString("utf8");
}

/** The path (with token) of the newest link to `linkPath` mailed to `to`, from the dev mail folder. */
export async function mailedLink(to: string, linkPath: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.endsWith(".eml")) : [];
    for (const file of files) {
      const mail = decodeQuotedPrintable(fs.readFileSync(path.join(mailDir, file), "latin1"));
      if (!mail.includes(`To: ${to}`)) continue;
      const match = mail.match(new RegExp(`https?://[^\\s]*(${linkPath.replace("/", "\\/")}\\?token=[A-Za-z0-9_-]+)`));
      if (match) return match[1];
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to} with a ${linkPath} link in ${mailDir}`);
}

/** The mail to `to` whose subject starts with `subject`: its headers as sent, its body decoded to text. */
export async function mailedText(to: string, subject: string): Promise<string> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.endsWith(".eml")) : [];
    for (const file of files) {
      const raw = fs.readFileSync(path.join(mailDir, file), "latin1");
      const end = raw.indexOf("\r\n\r\n");
      const headers = raw.slice(0, end);
      if (headers.includes(`To: ${to}`) && headers.includes(`Subject: ${subject}`)) {
        return headers + decodeQuotedPrintable(raw.slice(end));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to} about "${subject}" in ${mailDir}`);
}

/** The newest file mailed to `to` whose subject starts with `subject`, by its Content-ID. */
export async function mailedPart(to: string, subject: string, contentId: string): Promise<Buffer> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.endsWith(".eml")) : [];
    for (const file of files) {
      const mail = fs.readFileSync(path.join(mailDir, file), "latin1");
      if (!mail.includes(`To: ${to}`) || !mail.includes(`Subject: ${subject}`)) continue;
      const header = mail.indexOf(`Content-ID: <${contentId}>`);
      if (header < 0) continue;
      const body = mail.indexOf("\r\n\r\n", header) + 4;
      const end = mail.indexOf("\r\n--", body);
      return Buffer.from(mail.slice(body, end).replace(/\s+/g, ""), "base64");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to} about "${subject}" with a part ${contentId} in ${mailDir}`);
}

/**
 * Registers through the form, opens the mailed confirmation link (drops ask for a confirmed
 * email to book) unless `confirm` is false, and signs in; ends on the account page.
 */
export async function registerAndSignIn(
  page: Page,
  email: string,
  name = "Test Person",
  { confirm = true }: { confirm?: boolean } = {},
): Promise<void> {
  await page.goto("/register");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText("we sent a confirmation link");
  if (confirm) {
    await page.goto(await mailedLink(email, "/verify-email"));
    await expect(page.getByRole("status")).toContainText("Your email is confirmed");
  }
  await signIn(page, email);
}

export async function signIn(page: Page, email: string, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(next ?? "/account");
}

/** Wall-clock text on Bangkok's clock (UTC+7 all year) for `ms` from now. */
export function bangkok(ms: number): string {
  return new Date(Date.now() + ms + 7 * 3600_000).toISOString().slice(0, 19);
}

/** A store with one product and one branch, made over the REST API as the signed-up owner. */
export async function shop(request: APIRequestContext, email: string, name: string): Promise<string> {
  const token = await request.post("/api/v1/auth/token", { data: { email, password: PASSWORD } });
  expect(token.ok()).toBeTruthy();
  const headers = { authorization: `Bearer ${(await token.json()).access_token}` };
  const store = await request.post("/api/v1/stores", { headers, data: { name } });
  expect(store.status()).toBe(201);
  const slug = (await store.json()).slug;
  const product = await request.post(`/api/v1/stores/${slug}/products`, {
    headers,
    data: { sku: "CRO-1", name: "Butter croissant", description: "", price: "65", currency: "THB" },
  });
  expect(product.status()).toBe(201);
  const branch = await request.post(`/api/v1/stores/${slug}/branches`, {
    headers,
    data: {
      name: "Siam", street: "991 Rama I Rd", city: "Bangkok", postcode: "10330", country: "TH",
      latitude: "13.7462", longitude: "100.5347", time_zone: "Asia/Bangkok",
      opens: Array(7).fill("08:00"), closes: Array(7).fill("20:00"), exceptions: "",
    },
  });
  expect(branch.status()).toBe(201);
  return slug;
}


/** One day's slots on the branch's clock. */
interface Schedule { day: string; from: string; until: string; capacity: number; slotMinutes?: number }

/** Publishes a drop named `name` that opens at `opensIn` ms from now (a minute ago unless it says) with `schedule`'s slots (30 minutes unless it says). */
async function publishDrop(request: APIRequestContext, email: string, slug: string, name: string, rules: object, schedule: Schedule, opensIn = -60_000): Promise<string> {
  const token = await request.post("/api/v1/auth/token", { data: { email, password: PASSWORD } });
  const headers = { authorization: `Bearer ${(await token.json()).access_token}` };
  const products = await (await request.get(`/api/v1/stores/${slug}/products`, { headers })).json();
  const branches = await (await request.get(`/api/v1/stores/${slug}/branches`, { headers })).json();
  const drop = await request.post(`/api/v1/stores/${slug}/drops`, {
    headers,
    data: {
      name, time_zone: "Asia/Bangkok", opens_at: bangkok(opensIn), closes_at: bangkok(opensIn + 3600_000),
      products: [products.items[0].id], rules,
    },
  });
  expect(drop.status()).toBe(201);
  const id = (await drop.json()).drop.id;
  const slots = await request.post(`/api/v1/drops/${id}/slots`, {
    headers,
    data: {
      branch_id: branches[0].branch.id, first_day: schedule.day, last_day: schedule.day,
      daily_from: schedule.from, daily_until: schedule.until, slot_minutes: String(schedule.slotMinutes ?? 30), capacity: String(schedule.capacity),
    },
  });
  expect(slots.status()).toBe(201);
  expect((await request.post(`/api/v1/drops/${id}/publish`, { headers })).status()).toBe(200);
  return id;
}

/** Publishes a drop opening in `minutes` with two 30-minute slots of 10 places tomorrow. */
export async function dropOpeningIn(request: APIRequestContext, email: string, slug: string, minutes: number): Promise<string> {
  const day = bangkok(24 * 3600_000).slice(0, 10);
  return publishDrop(request, email, slug, "Croissant Sunday", {}, { day, from: "10:00", until: "11:00", capacity: 10 }, minutes * 60_000);
}

/** Publishes a drop that opened a minute ago with two 30-minute slots of `capacity` places tomorrow. */
export async function openDrop(request: APIRequestContext, email: string, slug: string, capacity: number): Promise<string> {
  const day = bangkok(24 * 3600_000).slice(0, 10);
  return publishDrop(request, email, slug, "Croissant Saturday", { units_per_reservation: "2" }, { day, from: "10:00", until: "11:00", capacity });
}

/**
 * Publishes an open drop ("Door test") with one 30-minute slot of `capacity` places starting
 * within minutes, so its door is open now.
 */
export async function dropAtTheDoorNow(request: APIRequestContext, email: string, slug: string, capacity: number): Promise<string> {
  // The next five-minute mark at least two minutes ahead, on Bangkok's clock.
  const step = 5 * 60_000;
  let startsIn = Math.ceil((Date.now() + 120_000) / step) * step - Date.now();
  // A day's slots end by midnight: late in the evening the slot is shorter, and in the last
  // minutes it starts at midnight (still within the door's grace before a slot).
  const minuteOfDay = (at: string) => Number(at.slice(11, 13)) * 60 + Number(at.slice(14, 16));
  let untilMidnight = 24 * 60 - minuteOfDay(bangkok(startsIn));
  if (untilMidnight <= 5) {
    startsIn += untilMidnight * 60_000;
    untilMidnight = 24 * 60;
  }
  const slotMinutes = Math.min(30, 5 * Math.floor((untilMidnight - 1) / 5));
  const from = bangkok(startsIn);
  const until = bangkok(startsIn + slotMinutes * 60_000);
  return publishDrop(request, email, slug, "Door test", {}, { day: from.slice(0, 10), from: from.slice(11, 16), until: until.slice(11, 16), capacity, slotMinutes });
}

/** Books the drop's first slot through its page; ends on My reservations. */
export async function bookFirstSlot(page: Page, dropId: string): Promise<void> {
  await page.goto(`/d/${dropId}`);
  await hydrated(page);
  await page.locator(".slot").first().getByRole("button", { name: /^Book / }).click();
  await expect(page).toHaveURL(/\/reservations(\?booked=[0-9a-f-]+)?$/);
  await hydrated(page);
}
