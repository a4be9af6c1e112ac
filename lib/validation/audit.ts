import { z } from "zod";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/catalogue";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.").refine((d) => !Number.isNaN(Date.parse(d)), "Not a real date.");

/** Timeline filters as they appear in the URL: actor, target, actions (repeatable), from/to days. */
export const timelineFilterSchema = z
  .object({
    actor: z.uuid().optional().catch(undefined),
    target: z.uuid().optional().catch(undefined),
    action: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : [v]).filter((a): a is AuditAction => (AUDIT_ACTIONS as string[]).includes(a)))
      .optional()
      .catch(undefined),
    from: day.optional().catch(undefined),
    to: day.optional().catch(undefined),
  })
  .transform(({ actor, target, action, from, to }) => ({
    ...(actor ? { actorId: actor } : {}),
    ...(target ? { targetUserId: target } : {}),
    ...(action?.length ? { actions: [...new Set(action)].slice(0, 20) } : {}),
    ...(from ? { from: `${from}T00:00:00.000Z` } : {}),
    ...(to ? { to: `${to}T23:59:59.999Z` } : {}),
  }));

export const timelineSubjectSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("user"), userId: z.uuid() }),
]);

const filterObject = z.object({
  actorId: z.uuid().optional(),
  targetUserId: z.uuid().optional(),
  actions: z.array(z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]])).max(20).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});

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
  .refine((v) => v.from <= v.to, { message: "The start must not be after the end.", path: ["to"] })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 366 * 86_400_000, { message: "Verify at most a year at a time.", path: ["to"] });
