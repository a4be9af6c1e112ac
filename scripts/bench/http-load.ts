// One page or route under load: its latency for one client (sequential requests), then its
// throughput and tail at 10 concurrent clients (autocannon, keep-alive connections), with the
// DynamoDB calls each request makes and the bytes of HTML it answers with.
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { type LoadFigures, summarise } from "./stats";

export interface PageFigures extends LoadFigures {
  htmlBytes: number;
  htmlGzipBytes: number;
  /** The DynamoDB calls of one request, named (the proxy's view). */
  callNames: string[];
}

export interface LoadOptions {
  cookie?: string;
  calls: () => number;
  namedSince?: (since: number) => string[];
  singleRequests?: number;
  loadSeconds?: number;
}

async function once(url: string, cookie: string | undefined): Promise<{ ms: number; body: Buffer }> {
  const started = performance.now();
  const res = await fetch(url, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.toString("utf8", 0, 300)}`);
  return { ms: performance.now() - started, body };
}

/** Requests/s and p95 at `connections` clients for `seconds`, and how many failed. */
export function underLoad(url: string, { cookie, connections = 10, seconds = 8 }: { cookie?: string; connections?: number; seconds?: number }) {
  return new Promise<{ rps: number; p95: number; errors: number }>((resolve, reject) => {
    const latencies: number[] = [];
    let failed = 0;
    const instance = autocannon({ url, connections, duration: seconds, headers: cookie ? { cookie } : {} }, (error, result) => {
      if (error) return reject(error);
      resolve({ rps: latencies.length / seconds, p95: summarise(latencies).p95, errors: failed + result.errors + result.timeouts });
    });
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      if (status !== 200) failed++;
    });
  });
}

export async function measurePage(url: string, { cookie, calls, namedSince, singleRequests = 40, loadSeconds = 8 }: LoadOptions): Promise<PageFigures> {
  for (let i = 0; i < 4; i++) await once(url, cookie); // warm-up: compilation caches, connections
  const mark = calls();
  await once(url, cookie);
  const callNames = namedSince?.(mark) ?? [];
  const before = calls();
  const times: number[] = [];
  let body: Buffer = Buffer.alloc(0);
  for (let i = 0; i < singleRequests; i++) {
    const answer = await once(url, cookie);
    times.push(answer.ms);
    body = answer.body;
  }
  const callsPerRequest = (calls() - before) / singleRequests;
  const single = summarise(times);
  const loaded = await underLoad(url, { cookie, seconds: loadSeconds });
  return { p50: single.p50, p95: single.p95, rps10: loaded.rps, p95at10: loaded.p95, errors: loaded.errors, callsPerRequest, htmlBytes: body.length, htmlGzipBytes: gzipSync(body).length, callNames };
}
