import { z } from "zod";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/catalogue";
import type { TimelineFilter } from "@/lib/types/timeline";
import { DAY_FORMAT, DAY_PATTERN, isRealDay, NOT_A_DAY, RANGE_INVERTED, VERIFY_INVERTED, VERIFY_MAX_DAYS, VERIFY_TOO_LONG } from "./audit-range";

const day = z.string().regex(DAY_PATTERN, DAY_FORMAT).refine(isRealDay, NOT_A_DAY);

export { RANGE_INVERTED };

const ids = z.object({ actor: z.uuid().optional().catch(undefined), target: z.uuid().optional().catch(undefined) });
const actionList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).filter((a): a is AuditAction => (AUDIT_ACTIONS as string[]).includes(a)))
  .optional()
  .catch(undefined);
const firstOf = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** Messages for the date filters, on the field they are about. */
export type TimelineSearchProblems = Partial<Record<"from" | "to", string>>;

/**
 * Timeline filters as they appear in the URL (actor, target, action repeated, from/to days).
 * Ids and actions that cannot be real are dropped, as a tampered link deserves; dates that are
 * not dates, or a range whose start is after its end, come back as problems on their field, and
 * the filter then leaves the dates out so that nothing is read on a range no index can serve.
 */
export function parseTimelineSearch(search: Record<string, unknown>): { filter: TimelineFilter; problems: TimelineSearchProblems } {
  const { actor, target } = ids.parse({ actor: firstOf(search.actor), target: firstOf(search.target) });
  const action = actionList.parse(search.action);
  const problems: TimelineSearchProblems = {};
  const dayOf = (field: "from" | "to") => {
    const raw = firstOf(search[field]);
    if (raw === undefined || raw === "") return undefined;
    const parsed = day.safeParse(raw);
    if (parsed.success) return parsed.data;
    problems[field] = parsed.error.issues[0]?.message ?? "Not a real date.";
    return undefined;
  };
  const from = dayOf("from");
  const to = dayOf("to");
  if (from && to && from > to) problems.to = RANGE_INVERTED;
  const datesOk = !problems.from && !problems.to;
  return {
    filter: {
      ...(actor ? { actorId: actor } : {}),
      ...(target ? { targetUserId: target } : {}),
      ...(action?.length ? { actions: [...new Set(action)].slice(0, 20) } : {}),
      ...(datesOk && from ? { from: `${from}T00:00:00.000Z` } : {}),
      ...(datesOk && to ? { to: `${to}T23:59:59.999Z` } : {}),
    },
    problems,
  };
}

export const timelineSubjectSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("user"), userId: z.uuid() }),
]);

const filterObject = z
  .object({
    actorId: z.uuid().optional(),
    targetUserId: z.uuid().optional(),
    actions: z.array(z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]])).max(20).optional(),
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
  })
  .refine((f) => !(f.from && f.to && f.from > f.to), { message: RANGE_INVERTED, path: ["to"] });

/** A timeline's subject and filter as client components hold them (the actions' input). */
export type TimelineSubjectInput = z.infer<typeof timelineSubjectSchema>;
export type TimelineFilterInput = z.infer<typeof filterObject>;

export const readTimelineSchema = z.object({
  subject: timelineSubjectSchema,
  filter: filterObject,
  cursor: z.string().max(8192).nullish(),
});

export const countNewerSchema = z.object({
  subject: timelineSubjectSchema,
  filter: filterObject,
  since: z.iso.datetime(),
});

export const verifyAuditSchema = z
  .object({ from: day, to: day })
  .refine((v) => v.from <= v.to, { message: VERIFY_INVERTED, path: ["to"] })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= VERIFY_MAX_DAYS * 86_400_000, { message: VERIFY_TOO_LONG, path: ["to"] });

/** The audit page's actor and target pickers: a search over every user (lib/audit/user-picker.ts). */
export const searchAuditUsersSchema = z.object({
  q: z.string().trim().min(1, "Type a name or an email.").max(100),
  role: z.enum(["actor", "target"]),
});
