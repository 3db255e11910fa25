import { chromium, expect, type Browser, type LaunchOptions, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import config from "../playwright.config";
import { bookFirstSlot, hydrated, registerAndSignIn, signIn, uniqueEmail } from "./support";

export const baseURL = config.use?.baseURL as string;
export const launchOptions: LaunchOptions = config.use?.launchOptions ?? {};

/** A shopper with a booking in the drop's slot; answers their page (signed in, on My reservations). */
export async function bookedShopper(browser: Browser, dropId: string, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await registerAndSignIn(page, uniqueEmail("shopper"), name);
  await bookFirstSlot(page, dropId);
  return page;
}

/**
 * The shopper's ticket PNG as a Y4M video (640x480 grey frames, the code in the middle), which
 * Chromium plays as its camera.
 */
export async function ticketVideo(shopper: Page): Promise<string> {
  const href = await shopper.getByRole("link", { name: "Download the code" }).first().getAttribute("href");
  const png = await shopper.request.get(href ?? "");
  expect(png.headers()["content-type"]).toBe("image/png");
  return pngVideo(shopper, await png.body());
}

/** A PNG (a ticket's QR code) as a Y4M video a fake camera plays, drawn by `page`'s browser. */
export async function pngVideo(page: Page, png: Buffer): Promise<string> {
  const dataUrl = `data:image/png;base64,${png.toString("base64")}`;
  const [width, height] = [640, 480];
  const luma: number[] = await page.evaluate(async ({ dataUrl, width, height }) => {
    const image = new Image();
    image.src = dataUrl;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#fff";
    context.fillRect(0, 0, width, height);
    const side = Math.min(image.width, height);
    context.drawImage(image, (width - side) / 2, (height - side) / 2, side, side);
    const rgba = context.getImageData(0, 0, width, height).data;
    const out = new Array<number>(width * height);
    for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4];
    return out;
  }, { dataUrl, width, height });
  const frame = Buffer.concat([
    Buffer.from("FRAME\n"),
    Buffer.from(luma),
    Buffer.alloc((width / 2) * (height / 2) * 2, 128),
  ]);
  const file = path.join(os.tmpdir(), `dropslot-ticket-${Date.now()}.y4m`);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
  return file;
}

export async function openDoor(page: Page, ownerEmail: string, dropId: string): Promise<void> {
  await signIn(page, ownerEmail, "/staff");
  await hydrated(page);
  await page.getByRole("link", { name: "Door test" }).first().click();
  await expect(page).toHaveURL(`/staff/drops/${dropId}`);
  await hydrated(page);
  await expect(page.locator(".connection")).toContainText("Online");
}

/** A Chromium whose camera plays `video`, with a signed-in owner's phone-sized page on the drop's door. */
export async function scannerWithCamera(video: string, owner: string, dropId: string) {
  const scanner = await chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`],
  });
  const context = await scanner.newContext({ baseURL, viewport: { width: 360, height: 800 }, permissions: ["camera"] });
  const door = await context.newPage();
  await openDoor(door, owner, dropId);
  return { scanner, context, door };
}
