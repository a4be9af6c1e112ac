// How long one keystroke in the custom-fields editor takes to reach the screen, on the largest
// object the rules allow: 200 keys, nested 5 deep. A measurement, not a test: it prints p50 /
// p95 / max and says whether p95 is within the 50 ms budget.
//
//   npx next build && npm run measure:editor          (KEYSTROKES=200 for a longer run)
//
// It starts the same local stack and production server as the e2e tests (e2e/global-setup.ts),
// creates a user with one such profile through the data layer, signs in with Chromium, opens
// the editor with every group expanded, and types into a text value at depth 5. Each keystroke
// is timed from the keydown event's timestamp (when the browser received the key) to the end of
// the next frame: a requestAnimationFrame callback, then a message posted from it, which runs
// right after that frame is painted. Chromium's Event Timing entries (input to next paint, for
// events of 16 ms and more) are reported alongside as a cross-check.
import { cpus, loadavg } from "node:os";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "../e2e/chromium";
import { generateFields } from "./large-custom-fields";

const KEYSTROKES = Number(process.env.KEYSTROKES ?? 100);
const WARM_UP = 10;
const BUDGET_MS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const { default: globalSetup } = await import("../e2e/global-setup");
  const teardown = await globalSetup();
  try {
    // Imported only now: they read the environment the setup prepared.
    const { makeUser, signIn } = await import("../e2e/fixtures/users");
    const { createProfile } = await import("../lib/db/profiles");
    const { customFieldProblems } = await import("../lib/custom-fields/validation");
    const { fields, target } = generateFields();
    const problems = customFieldProblems(fields);
    if (problems.length) throw new Error(`the generated object breaks the rules: ${JSON.stringify(problems)}`);

    const user = await makeUser("user");
    const profile = await createProfile(user.id, { name: "Large profile", type: "custom", customFields: fields }, { actorId: "measure-editor" });
    const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
    try {
      const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await signIn(page, user);
      await page.goto(`/profiles/${profile.id}`);
      const input = page.getByRole("group", { name: `Field ${target}`, exact: true }).getByLabel("Value", { exact: true });
      await input.waitFor();
      const rows = await page.locator('[role="group"][aria-label^="Field "], [role="group"][aria-label^="Item "]').count();

      await page.evaluate(() => {
        const w = window as unknown as { __samples: number[]; __scripts: number[]; __events: Array<{ name: string; duration: number }> };
        w.__samples = [];
        w.__scripts = [];
        w.__events = [];
        document.addEventListener(
          "keydown",
          (event) => {
            const start = event.timeStamp;
            // After React's own listeners (it renders a keystroke synchronously): the script part.
            window.addEventListener("input", () => w.__scripts.push(performance.now() - start), { once: true });
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => w.__samples.push(performance.now() - start);
              channel.port2.postMessage(null);
            });
          },
          { capture: true },
        );
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__events.push({ name: entry.name, duration: entry.duration });
        }).observe({ type: "event", durationThreshold: 16, buffered: false } as PerformanceObserverInit);
      });

      await input.click();
      await input.press("End");
      const type = async (count: number) => {
        for (let i = 0; i < count; i++) {
          const expected = (await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples.length)) + 1;
          await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
          await page.waitForFunction((n) => (window as unknown as { __samples: number[] }).__samples.length >= n, expected);
        }
      };
      await type(WARM_UP);
      await page.evaluate(() => {
        const w = window as unknown as { __samples: number[]; __scripts: number[]; __events: unknown[] };
        w.__samples = [];
        w.__scripts = [];
        w.__events = [];
      });
      await type(KEYSTROKES);
      const typed = await input.inputValue();
      if (typed.length !== "Type here: ".length + WARM_UP + KEYSTROKES) throw new Error(`the input holds ${typed.length} characters: keystrokes were lost`);

      const { samples, scripts, events } = await page.evaluate(() => {
        const w = window as unknown as { __samples: number[]; __scripts: number[]; __events: Array<{ name: string; duration: number }> };
        return { samples: w.__samples, scripts: w.__scripts, events: w.__events.filter((e) => e.name.startsWith("key") || e.name === "input" || e.name === "beforeinput") };
      });
      const sorted = [...samples].sort((a, b) => a - b);
      const sortedScripts = [...scripts].sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
      console.log(`\nCustom-fields editor: ${rows} rows in the form (200 keys, depth 5), ${samples.length} keystrokes into ${target}`);
      console.log(`  keydown → next frame painted:  p50 ${fmt(percentile(sorted, 50))}   p95 ${fmt(p95)}   max ${fmt(sorted[sorted.length - 1] ?? NaN)}`);
      console.log(`  keydown → input handled (script, React render and commit):  p50 ${fmt(percentile(sortedScripts, 50))}   p95 ${fmt(percentile(sortedScripts, 95))}`);
      console.log(`  machine load average while measuring: ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores (other work inflates every figure)`);
      console.log(
        `  Event Timing (input to next paint, entries of 16 ms or more): ${events.length}${events.length ? `, longest ${fmt(Math.max(...events.map((e) => e.duration)))}` : ""}`,
      );
      console.log(`  budget p95 < ${BUDGET_MS} ms: ${p95 < BUDGET_MS ? "met" : "NOT met"}\n`);
    } finally {
      await browser.close();
    }
  } finally {
    await teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
