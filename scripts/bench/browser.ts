// The browser side: JavaScript a first visit to each route loads (compressed, as a CDN serves
// it), and Lighthouse's desktop audit of each page (performance and accessibility scores,
// Largest Contentful Paint, Total Blocking Time), run offline with Debian's Chromium and the
// flags ../shared/STACK.md gives.
import { gzipSync } from "node:zlib";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { CHROMIUM_LAUNCH_OPTIONS } from "../../e2e/chromium";

/** The scripts a route's HTML names (Next's chunks for it), each gzipped. */
export async function routeJavaScript(base: string, route: string, cookie?: string): Promise<{ kib: number; scripts: number }> {
  const html = await (await fetch(`${base}${route}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" })).text();
  // Scripts marked nomodule (the legacy polyfills) are never fetched by a browser that runs modules.
  const tags = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+\.js)"([^>]*)>/g)].filter((m) => !/\bnomodule\b/i.test(`${m[1]} ${m[3]}`));
  const sources = [...new Set(tags.map((m) => m[2]!))];
  let bytes = 0;
  for (const src of sources) bytes += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()), { level: 9 }).length;
  return { kib: bytes / 1024, scripts: sources.length };
}

export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
}

const LIGHTHOUSE = path.resolve(__dirname, "../../node_modules/lighthouse/cli/index.js");

/**
 * Lighthouse's desktop audit of one page, in its own Node process: the bench runs under tsx,
 * whose transform adds helpers to functions that Lighthouse serialises into the page.
 */
export function lighthouse(url: string, cookie?: string): LighthouseFigures {
  const flags = [...(CHROMIUM_LAUNCH_OPTIONS.args ?? []), "--headless=new", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"];
  const run = spawnSync(
    process.execPath,
    [LIGHTHOUSE, url, "--quiet", "--output=json", "--output-path=stdout", "--preset=desktop", "--only-categories=performance,accessibility", `--chrome-flags=${flags.join(" ")}`, ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : [])],
    // A page that never settles must not stall the whole run (seen once on the users list).
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 120_000, env: { ...process.env, CHROME_PATH: CHROMIUM_LAUNCH_OPTIONS.executablePath, NODE_OPTIONS: "" } },
  );
  if (run.error) throw new Error(`Lighthouse did not finish for ${url}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`Lighthouse failed for ${url}: ${run.stderr.slice(-800)}`);
  const lhr = JSON.parse(run.stdout) as {
    runtimeError?: { code: string; message: string };
    categories: Record<string, { score: number | null } | undefined>;
    audits: Record<string, { numericValue?: number } | undefined>;
  };
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? NaN,
    tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? NaN,
  };
}
