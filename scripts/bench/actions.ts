// Server actions timed as the browser calls them (a POST with the action's id in Next-Action,
// the arguments as the body): a profile save, an upload's presign and completion (the PUT to
// S3 between them is the browser's, not the app's, and is left out), and a password sign-in.
// One client first (latency, DynamoDB calls per call), then 10 clients, each with its own
// subject so that they measure the work and not each other's version conflicts.
import { actionResult, findAction } from "../../e2e/fixtures/server-actions";
import { type LoadFigures, summarise } from "./stats";

export type ActionFigures = LoadFigures;

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

/** Calls a server action over HTTP and returns its data, or throws with its refusal. */
export async function callAction<T>(base: string, cookie: string, file: string, name: string, args: unknown): Promise<T> {
  const { id, route } = findAction(file, name);
  const res = await fetch(`${base}${route}`, {
    method: "POST",
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: base, Cookie: cookie },
    body: JSON.stringify([args]),
    redirect: "manual",
  });
  const result = actionResult<Result<T>>(await res.text(), res.status);
  if (!result.ok) throw new Error(`${name}: ${result.error}`);
  return result.data;
}

/**
 * One call of the work: returns the milliseconds to count (work the app does not do, such as
 * the browser's PUT to S3, is left out by the caller).
 */
export type Work = () => Promise<number>;

export async function measureAction(oneClient: Work, perClient: (client: number) => Work, calls: () => number, { n = 30, seconds = 8 } = {}): Promise<ActionFigures> {
  for (let i = 0; i < 3; i++) await oneClient();
  const before = calls();
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await oneClient());
  const callsPerRequest = (calls() - before) / n;
  const single = summarise(times);

  const loaded: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 10 }, async (_, client) => {
      const work = perClient(client);
      while (performance.now() < until) {
        try {
          loaded.push(await work());
        } catch {
          errors++;
        }
      }
    }),
  );
  return { p50: single.p50, p95: single.p95, rps10: loaded.length / seconds, p95at10: summarise(loaded).p95, errors, callsPerRequest };
}

const timed = async (run: () => Promise<unknown>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

/** Saves of one profile, each from the version the previous one returned. */
export function profileSaves(base: string, cookie: string, profile: { id: string; version: number; name: string; type: string; customFields: unknown }): Work {
  let version = profile.version;
  let n = 0;
  return () =>
    timed(async () => {
      const fields = { ...(profile.customFields as object), benchNote: `save ${n++}` };
      const saved = await callAction<{ version: number }>(base, cookie, "lib/actions/profiles/profile-actions.ts", "updateProfileAction", { id: profile.id, version, name: profile.name, type: profile.type, customFields: fields });
      version = saved.version;
    });
}

const PDF = Buffer.from("%PDF-1.7\nbench\n%%EOF\n");

/** An upload: presign (timed), the browser's PUT (not), completion (timed). */
export function uploads(base: string, cookie: string): Work {
  return async () => {
    let ms = 0;
    const started = performance.now();
    const { fileId, uploadUrl } = await callAction<{ fileId: string; uploadUrl: string }>(base, cookie, "lib/actions/files/file-actions.ts", "startUploadAction", { purpose: "document", name: "bench.pdf", type: "application/pdf", size: PDF.length });
    ms += performance.now() - started;
    const put = await fetch(uploadUrl, { method: "PUT", headers: { "Content-Type": "application/pdf" }, body: new Uint8Array(PDF) });
    if (put.status !== 200) throw new Error(`PUT answered ${put.status}`);
    return ms + (await timed(() => callAction(base, cookie, "lib/actions/files/file-actions.ts", "completeUploadAction", { id: fileId })));
  };
}

/** A password sign-in through Auth.js's credentials callback, as the sign-in form posts it. */
export function signIns(base: string, email: string, password: string): Work {
  return () =>
    timed(async () => {
      if (!(await signInCookie(base, email, password))) throw new Error("sign-in refused");
    });
}

export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.includes("session-token"));
  if (!session) throw new Error(`sign-in failed (${res.status})`);
  return `${jar}; ${session}`;
}
