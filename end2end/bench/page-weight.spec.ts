import { type Browser, test } from "@playwright/test";
import { dropAtTheDoorNow, hydrated, registerAndSignIn, shop, unique, uniqueEmail } from "../tests/support";

type Weight = { requests: number; wasm: number; js: number; css: number; total: number };

// What a phone downloads to make a page interactive: every file under /pkg/ it fetched until
// hydration finished, in bytes on the wire (gzip where scripts/gzip-site made a .gz).
async function weigh(browser: Browser, path: string, storageState?: string): Promise<Weight> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, storageState });
  const page = await context.newPage();
  const sizes: Promise<{ url: string; bytes: number }>[] = [];
  page.on("requestfinished", (request) => {
    if (new URL(request.url()).pathname.startsWith("/pkg/")) {
      sizes.push(request.sizes().then((s) => ({ url: request.url(), bytes: s.responseBodySize })));
    }
  });
  await page.goto(path);
  await hydrated(page);
  await page.waitForLoadState("networkidle");
  const weight: Weight = { requests: 0, wasm: 0, js: 0, css: 0, total: 0 };
  for (const { url, bytes } of await Promise.all(sizes)) {
    const kind = url.endsWith(".wasm") ? "wasm" : url.endsWith(".css") ? "css" : "js";
    weight[kind] += bytes;
    weight.total += bytes;
    weight.requests += 1;
  }
  await context.close();
  return weight;
}

test("page weight", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const owner = uniqueEmail("owner");
  await registerAndSignIn(page, owner, "Weight Owner");
  const slug = await shop(page.request, owner, unique("Weight"));
  const dropId = await dropAtTheDoorNow(page.request, owner, slug, 5);
  const state = `${test.info().outputDir}/owner.json`;
  await page.context().storageState({ path: state });
  const pages = {
    drop: await weigh(browser, `/d/${dropId}`),
    front: await weigh(browser, "/"),
    store: await weigh(browser, `/s/${slug}`),
    login: await weigh(browser, "/login"),
    door: await weigh(browser, `/staff/drops/${dropId}`, state),
    owner_drops: await weigh(browser, `/owner/stores/${slug}/drops`, state),
  };
  console.log(JSON.stringify({ bench: "page-weight", pages }));
});
