// Calls a server action the way a hand-crafted request would: a POST with the action's id in
// the Next-Action header and its arguments as the body, carrying the page's session cookie.
// Used to show that actions check authorization themselves, whatever the UI hides.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

function findAction(file: string, exportName: string): { id: string; route: string } {
  const manifestPath = path.join(__dirname, "..", ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { node: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportName);
  if (!found) throw new Error(`server action ${exportName} of ${file} is not in the build's manifest`);
  const [id, entry] = found;
  // A page that imports the action, as a URL path: route groups dropped, static routes first,
  // dynamic segments filled with an id that names nothing (the action does not read them).
  const routes = Object.keys(entry.workers)
    .filter((worker) => worker.endsWith("/page"))
    .sort((a, b) => Number(a.includes("[")) - Number(b.includes("[")))
    .map((worker) =>
      worker
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace(/\/\([^)]+\)/g, "")
        .replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000") || "/",
    );
  if (!routes[0]) throw new Error(`no page imports ${exportName}`);
  return { id, route: routes[0] };
}

/** The action's return value, parsed from the RSC response (its row referenced by "a"). */
export async function callServerAction<T>(page: Page, file: string, exportName: string, ...args: unknown[]): Promise<T> {
  const { id, route } = findAction(file, exportName);
  const origin = new URL(page.url().startsWith("http") ? page.url() : (process.env.E2E_BASE_URL ?? "")).origin;
  const response = await page.request.post(`${origin}${route}`, {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: origin },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const text = await response.text();
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const head = JSON.parse(rows.get("0") ?? "null") as { a?: string } | null;
  const ref = head?.a?.replace(/^\$@/, "");
  if (!ref || !rows.has(ref)) throw new Error(`unexpected server action response (${response.status()}): ${text.slice(0, 500)}`);
  return JSON.parse(rows.get(ref)!) as T;
}
