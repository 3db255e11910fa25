import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";

// The server binary and site built by `cargo leptos build` (scripts/test sets both).
const serverBin = process.env.E2E_SERVER_BIN ?? path.resolve(__dirname, "../target/debug/server");
const siteRoot = process.env.E2E_SITE_ROOT ?? path.resolve(__dirname, "../target/site");
const port = Number(process.env.E2E_PORT ?? 3900);
// Shared with tests/support.ts, which reads the mail folder.
export const dataDir = path.join(os.tmpdir(), `dropslot-e2e-${port}`);

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    // Debian's Chromium: Playwright's own browser download cannot be reached from here.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    // A fresh SQLite database for every run.
    command: `rm -rf '${dataDir}' && exec '${serverBin}' serve`,
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DROPSLOT_SERVER__ADDR: `127.0.0.1:${port}`,
      DROPSLOT_SERVER__SITE_ROOT: siteRoot,
      DROPSLOT_DATABASE__URL: `sqlite://${dataDir}/e2e.db`,
      DROPSLOT_MAIL__FILE_DIR: `${dataDir}/mail`,
      DROPSLOT_MEDIA__DIR: `${dataDir}/media`,
      DROPSLOT_IDENTITY__JWT_SECRET_FILE: `${dataDir}/jwt-secret`,
      DROPSLOT_IDENTITY__PUBLIC_URL: `http://127.0.0.1:${port}`,
      DROPSLOT_IDENTITY__PASSWORD_HASH: "insecure_fast_for_tests",
      DROPSLOT_LOG__FILTER: "warn",
      // Every browser here comes from one address and registers and signs in far more often
      // than a person does; the limits themselves are tested over HTTP.
      DROPSLOT_LIMITS__ANY__PER_ADDRESS: "1000000",
      DROPSLOT_LIMITS__SIGN_IN__PER_ADDRESS: "1000000",
      DROPSLOT_LIMITS__REGISTER__PER_ADDRESS: "1000000",
      DROPSLOT_LIMITS__PASSWORD_RESET__PER_ADDRESS: "1000000",
    },
  },
});
