// How long one keystroke in the custom-fields editor takes to reach the screen. Each keystroke
// is timed from the keydown event's timestamp (when the browser received the key) to the end of
// the next frame: a requestAnimationFrame callback, then a message posted from it, which runs
// right after that frame is painted. Used by the bench and by `npm run measure:editor`.
import type { Page } from "@playwright/test";
import { summarise } from "./stats";

export interface KeystrokeFigures {
  p50: number;
  p95: number;
  max: number;
  /** keydown → input handled: the script part (React's render and commit). */
  scriptP50: number;
  scriptP95: number;
  /** Event Timing entries of 16 ms or more (input to next paint), as a cross-check. */
  slowEvents: number;
  rows: number;
  keystrokes: number;
}

type Probe = { __samples: number[]; __scripts: number[]; __events: Array<{ name: string; duration: number }> };

/** Types `count` keys at the end of `input` (after `warmUp` untimed ones) and times each. */
export async function measureKeystrokes(page: Page, input: ReturnType<Page["locator"]>, { count = 100, warmUp = 10 } = {}): Promise<KeystrokeFigures> {
  const rows = await page.locator('[role="group"][aria-label^="Field "], [role="group"][aria-label^="Item "]').count();
  await page.evaluate(() => {
    const w = window as unknown as Probe;
    w.__samples = [];
    w.__scripts = [];
    w.__events = [];
    document.addEventListener(
      "keydown",
      (event) => {
        const start = event.timeStamp;
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
  const before = (await input.inputValue()).length;
  const type = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const expected = (await page.evaluate(() => (window as unknown as Probe).__samples.length)) + 1;
      await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
      await page.waitForFunction((k) => (window as unknown as Probe).__samples.length >= k, expected);
    }
  };
  await type(warmUp);
  await page.evaluate(() => {
    const w = window as unknown as Probe;
    w.__samples = [];
    w.__scripts = [];
    w.__events = [];
  });
  await type(count);
  const typed = (await input.inputValue()).length;
  if (typed !== before + warmUp + count) throw new Error(`the input holds ${typed - before} new characters, not ${warmUp + count}: keystrokes were lost`);
  const { samples, scripts, events } = await page.evaluate(() => {
    const w = window as unknown as Probe;
    return { samples: w.__samples, scripts: w.__scripts, events: w.__events.filter((e) => e.name.startsWith("key") || e.name === "input" || e.name === "beforeinput") };
  });
  const painted = summarise(samples);
  const script = summarise(scripts);
  return { p50: painted.p50, p95: painted.p95, max: painted.max, scriptP50: script.p50, scriptP95: script.p95, slowEvents: events.length, rows, keystrokes: samples.length };
}
