"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import type { BulkResult } from "@/lib/actions/users/bulk-users";
import type { UserCount } from "@/lib/types/user-count";
import type { Role } from "@/lib/validation/users";
import type { BulkOperation } from "./users-list-state";
import type { UsersListSelection } from "./use-users-list";


interface BulkBarProps {
  selection: UsersListSelection;
  /** Roles the viewer may give; empty hides the role change (managers may not change roles). */
  grantableRoles: Role[];
  onRequest: (operation: BulkOperation) => void;
}

const roleLabel = (role: Role) => `${role[0]!.toUpperCase()}${role.slice(1)}`;

/** "1,234 users", "1 user", or "over 1,000 users" when a search count stopped at its bound. */
export function usersCountLabel(count: UserCount): string {
  const figure = count.n.toLocaleString("en");
  if (!count.exact) return `Over ${figure} users`;
  return `${figure} ${count.n === 1 ? "user" : "users"}`;
}

/** "all 1,234 matching users" once counted. */
function allMatchingLabel(count: UserCount | undefined): string {
  if (!count) return "all matching users";
  return count.exact ? `all ${count.n.toLocaleString("en")} matching ${count.n === 1 ? "user" : "users"}` : `all of over ${count.n.toLocaleString("en")} matching users`;
}

export function BulkBar({ selection, grantableRoles, onRequest }: BulkBarProps) {
  const { count, allMatching, allMatchingCount, canSelectAllMatching } = selection;
  const [role, setRole] = useState<Role | undefined>(grantableRoles[grantableRoles.length - 1]);
  return (
    <section
      aria-label="Bulk actions"
      className="flex flex-wrap items-end gap-3 rounded-xl border border-accent-line bg-accent-soft px-4 py-3"
    >
      <div className="mr-auto flex flex-col gap-1 text-sm">
        <p className="font-medium text-accent-ink">
          {allMatching ? `${capitalise(allMatchingLabel(allMatchingCount))} are selected` : `${count.toLocaleString("en")} selected`}
        </p>
        {canSelectAllMatching && !allMatching ? (
          <button type="button" onClick={selection.selectAllMatching} className="self-start text-accent-ink underline hover:no-underline focus-visible:outline-2 focus-visible:outline-indigo-600">
            {allMatchingCount ? `Select ${allMatchingLabel(allMatchingCount)}` : "Select all users matching this filter"}
          </button>
        ) : null}
        {allMatching ? <p className="text-xs text-accent-ink">Up to 1,000 users are changed at a time.</p> : null}
      </div>
      <Button variant="secondary" onClick={() => onRequest({ operation: "deactivate" })}>
        Deactivate
      </Button>
      <Button variant="secondary" onClick={() => onRequest({ operation: "reactivate" })}>
        Reactivate
      </Button>
      {grantableRoles.length && role ? (
        <div className="flex items-end gap-2">
          <SelectField
            label="New role"
            options={grantableRoles.map((r) => ({ value: r, label: roleLabel(r) }))}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          />
          <Button variant="secondary" onClick={() => onRequest({ operation: "set_role", role })}>
            Change role
          </Button>
        </div>
      ) : null}
      <Button variant="ghost" onClick={selection.clear}>
        Clear selection
      </Button>
    </section>
  );
}

const capitalise = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

export function bulkTitle(operation: BulkOperation, count: number | UserCount | "all"): string {
  const who = typeof count === "number" ? `${count} ${count === 1 ? "user" : "users"}` : allMatchingLabel(count === "all" ? undefined : count);
  switch (operation.operation) {
    case "deactivate":
      return `Deactivate ${who}?`;
    case "reactivate":
      return `Reactivate ${who}?`;
    case "set_role":
      return `Make ${who} ${operation.role === "admin" ? "an admin" : `a ${operation.role}`}?`;
  }
}

export function bulkDescription(operation: BulkOperation): string {
  switch (operation.operation) {
    case "deactivate":
      return "They can no longer sign in, and their open sessions end on their next request. Their data stays and they can be reactivated.";
    case "reactivate":
      return "They can sign in again with their existing password.";
    case "set_role":
      return "Their permissions change on their next request. Each change is recorded in the audit log.";
  }
}

export function bulkConfirmLabel(operation: BulkOperation): string {
  return operation.operation === "deactivate" ? "Deactivate" : operation.operation === "reactivate" ? "Reactivate" : "Change role";
}

/** What a bulk change did: how many succeeded, and each refusal with its reason. */
export function BulkResultPanel({ result, onDismiss }: { result: BulkResult; onDismiss: () => void }) {
  const failed = result.failed.length;
  const ref = useRef<HTMLDivElement>(null);
  // The bar that held focus is gone once the selection clears: focus moves to the outcome.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={
        failed
          ? "rounded-xl border border-warning-line bg-warning-soft px-4 py-3 text-sm text-warning-ink outline-indigo-600 focus-visible:outline-2"
          : "rounded-xl border border-success-line bg-success-soft px-4 py-3 text-sm text-success-ink outline-indigo-600 focus-visible:outline-2"
      }
    >
      <div className="flex items-start justify-between gap-4">
        <p className="font-medium">
          {result.succeeded.toLocaleString("en")} updated{failed ? `, ${failed.toLocaleString("en")} failed` : ""}
        </p>
        <Button variant="ghost" className="-my-1 px-2 py-1 text-xs" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
      {failed ? (
        <ul aria-label="Failed changes" className="mt-2 list-disc space-y-1 pl-5">
          {result.failed.map((f) => (
            <li key={f.id}>
              <bdi className="font-medium">{f.name}</bdi>: {f.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
