import type { LaunchOptions } from "@playwright/test";

// The browser the e2e run (playwright.config.ts) and the editor measurement
// (scripts/measure-editor.ts) launch: Debian's package, since `npx playwright install` cannot
// download here, without the background work that would disturb timings on a shared machine.
export const CHROMIUM_LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
