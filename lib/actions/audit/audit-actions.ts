"use server";
import { countNewer, readTimelineView } from "@/lib/audit/timeline";
import { searchAuditUsers } from "@/lib/audit/user-picker";
import { can } from "@/lib/auth/permissions";
import { verifyAuditRange } from "@/lib/db/audit";
import { ForbiddenError } from "@/lib/errors";
import { countNewerSchema, readTimelineSchema, searchAuditUsersSchema, verifyAuditSchema } from "@/lib/validation/audit";
import { action } from "../safe-action";

/** A page of a timeline as sentences; who may read which timeline is checked inside. */
export const readTimelineAction = action(readTimelineSchema, async ({ subject, filter, cursor }, { user }) =>
  readTimelineView(user, subject, filter, cursor ?? null),
);

export const countNewerAction = action(countNewerSchema, async ({ subject, filter, since }, { user }) => ({
  count: await countNewer(user, subject, filter, since),
}));

/** Admins only: re-computes the HMAC of every entry in a date range. */
export const verifyAuditAction = action(verifyAuditSchema, async ({ from, to }, { user }) => {
  if (!can(user, "audit.verify")) throw new ForbiddenError("Only admins can verify the audit log.");
  return verifyAuditRange(`${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`);
});

/** The audit page's actor and target pickers: people by any word of their name or email. */
export const searchAuditUsersAction = action(searchAuditUsersSchema, async (input, { user }) => searchAuditUsers(user, input), { permission: "audit.view_all" });
