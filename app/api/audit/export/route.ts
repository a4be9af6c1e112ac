import { readTimeline, presentEntries } from "@/lib/audit/timeline";
import { type TimelineSubject } from "@/lib/types/timeline";
import { getCurrentUser } from "@/lib/auth/current-user";
import { csvRow } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { parseTimelineSearch } from "@/lib/validation/audit";
import { z } from "zod";

export const dynamic = "force-dynamic";

const MAX_ENTRIES = 100_000;
const HEADER = ["id", "timestamp", "action", "sentence", "actorId", "actorName", "targetUserId", "targetName", "ipAddress", "device", "details"];

/**
 * The current timeline filter as CSV or JSON Lines, streamed page by page as it is read (up to
 * 100,000 entries). `user={id}` exports one user's timeline (by and to them).
 */
export async function GET(request: Request) {
  const viewer = await getCurrentUser();
  if (!viewer) return new Response("Sign in first.", { status: 401 });
  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "jsonl" ? "jsonl" : "csv";
  const { filter, problems } = parseTimelineSearch({ ...Object.fromEntries(params), action: params.getAll("action") });
  const refused = Object.entries(problems).map(([field, message]) => `${field}: ${message}`);
  const userId = params.get("user");
  if (userId !== null && !z.uuid().safeParse(userId).success) refused.push("user: Not a user id.");
  // A file of everything is not what a wrong filter asked for: say what is wrong instead.
  if (refused.length) return new Response(`${refused.join("\n")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const subject: TimelineSubject = userId ? { kind: "user", userId } : { kind: "all" };

  // Fails before any byte is sent when the viewer may not read this timeline.
  let first;
  try {
    first = await readTimeline(viewer, subject, filter, { limit: 100 });
  } catch (error) {
    if (error instanceof AppError) return new Response(error.message, { status: 403 });
    throw error;
  }

  const encoder = new TextEncoder();
  let page: typeof first | null = first;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "csv") controller.enqueue(encoder.encode(csvRow(HEADER)));
    },
    async pull(controller) {
      try {
        if (!page || sent >= MAX_ENTRIES) {
          controller.close();
          return;
        }
        const views = (await presentEntries(page.entries)).slice(0, MAX_ENTRIES - sent);
        sent += views.length;
        const lines = views.map((v) =>
          format === "jsonl"
            ? `${JSON.stringify(v)}\n`
            : csvRow([v.id, v.timestamp, v.action, v.sentence, v.actor.id, v.actor.name, v.target?.id, v.target?.name, v.ipAddress, v.device, v.details]),
        );
        controller.enqueue(encoder.encode(lines.join("")));
        page = page.nextCursor ? await readTimeline(viewer, subject, filter, { limit: 100, cursor: page.nextCursor }) : null;
      } catch (error) {
        console.error("audit export failed", error);
        controller.error(error);
      }
    },
  });

  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${date}.${format === "csv" ? "csv" : "jsonl"}"`,
      "Cache-Control": "no-store",
    },
  });
}
