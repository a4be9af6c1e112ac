"use server";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { visibleUsers } from "@/lib/auth/subjects";
import { can, grantableRoles } from "@/lib/auth/permissions";
import type { AuditContext } from "@/lib/db/audit";
import { iterateUsers } from "@/lib/db/user-directory";
import { changeableFilter } from "@/lib/users/changeable-filter";
import { setUserActive, updateUser } from "@/lib/db/users";
import { type User } from "@/lib/validation/users";
import { AppError } from "@/lib/errors";
import { type BulkUsersInput, bulkUsersSchema, MAX_BULK_IDS } from "@/lib/validation/users";
import { action } from "../safe-action";

export interface BulkFailure {
  id: string;
  name: string;
  reason: string;
}

export interface BulkResult {
  batchId: string;
  succeeded: number;
  failed: BulkFailure[];
}

// Each user is its own transaction (the change and its audit entry), so one refusal does not
// undo the rest; a few run at once to stay well inside DynamoDB's request rates.
const CONCURRENCY = 8;

async function targets(actor: User, input: BulkUsersInput): Promise<User[]> {
  // Read fresh: each change names the version it read, and a stale read would fail as a conflict.
  if (input.ids) return visibleUsers(actor, input.ids);
  // "All matching" means all the actor may change: a manager's never reaches an admin's account.
  const filter = changeableFilter(actor, input.filter ?? {});
  if (!filter) throw new AppError("You may not change any of the users this filter matches.");
  const all: User[] = [];
  for await (const page of iterateUsers(filter)) {
    all.push(...page);
    if (all.length > MAX_BULK_IDS) throw new AppError(`That filter matches more than ${MAX_BULK_IDS} users: narrow it first.`);
  }
  return all;
}

async function apply(actor: User, subject: User, input: BulkUsersInput, audit: AuditContext, batchId: string): Promise<void> {
  // "All matching" can include the person acting: they may not lock themselves out this way.
  if (subject.id === actor.id && input.operation !== "reactivate") throw new AppError("You cannot change your own account in a bulk action.");
  if (input.operation === "set_role") {
    const role = input.role!;
    if (!can(actor, "users.change_role", subject) || !grantableRoles(actor).includes(role)) throw new AppError("You may not change this user's role.");
    await updateUser(subject.id, subject.version, { role }, audit, { batchId });
    return;
  }
  if (!can(actor, "users.deactivate", subject)) throw new AppError("You may not change this user's status.");
  await setUserActive(subject.id, subject.version, input.operation === "reactivate", audit, { batchId });
}

export const bulkUsersAction = action(
  bulkUsersSchema,
  async (input, { user, audit }): Promise<BulkResult> => {
    const batchId = randomUUID();
    const queue = await targets(user, input);
    const missing = input.ids ? input.ids.filter((id) => !queue.some((u) => u.id === id)) : [];
    const failed: BulkFailure[] = missing.map((id) => ({ id, name: "Unknown user", reason: "This user does not exist." }));
    let succeeded = 0;
    const worker = async () => {
      for (let subject = queue.shift(); subject; subject = queue.shift()) {
        try {
          await apply(user, subject, input, audit, batchId);
          succeeded++;
        } catch (error) {
          const reason = error instanceof AppError ? error.message : "Something went wrong; try this one again.";
          if (!(error instanceof AppError)) console.error("bulk user change failed", error);
          failed.push({ id: subject.id, name: subject.name, reason });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    revalidatePath("/admin/users");
    return { batchId, succeeded, failed };
  },
  { permission: "users.list" },
);
