"use client";
// Everything on a user's page that changes them: the edit form, deactivate / reactivate and a
// fresh password link. They share one notion of "the version this page was loaded with", so a
// change made by someone else in the meantime is shown as a conflict instead of overwritten.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { placeServerErrors } from "@/components/ui/server-errors";
import { useHydrated } from "@/components/ui/use-hydrated";
import { issuePasswordResetAction } from "@/lib/actions/users/issue-password-reset";
import { resendInviteAction } from "@/lib/actions/users/resend-invite";
import { setUserActiveAction } from "@/lib/actions/users/set-user-active";
import { updateUserAction } from "@/lib/actions/users/update-user";
import { ActionError, callAction, messageOf } from "@/lib/types/action-result";
import type { User } from "@/lib/validation/users";
import { ROLES, type Role, updateUserSchema } from "@/lib/validation/users";
import type { Delivery } from "./invite-link";
import { ROLE_LABELS } from "./role-labels";
import { UserAccessSection } from "./user-access-section";
import { type ConflictRow, ConflictNotice } from "./user-conflict-notice";
import { UserForm } from "./user-form";

type Input = z.input<typeof updateUserSchema>;
type Output = z.output<typeof updateUserSchema>;
type EditableField = "name" | "email" | "role";

const EDITABLE: readonly EditableField[] = ["name", "email", "role"];
const FIELD_LABELS: Record<EditableField, string> = { name: "Name", email: "Email", role: "Role" };

export interface LastChange {
  /** `updatedAt` of the version that change produced. */
  at: string;
  by: string;
}

interface UserDetailEditorProps {
  user: User;
  /** Roles the viewer may choose from; empty when they may not change this user's role (or it is their own). */
  roles: Role[];
  canDeactivate: boolean;
  isSelf: boolean;
  /** Who made the version the server sees now, when the page could tell. */
  lastChange: LastChange | null;
}

function valuesOf(user: User): Input {
  return { id: user.id, version: user.version, name: user.name, email: user.email, role: user.role };
}

/** The action's `latest` is typed unknown: only use it if it is a user. */
function asUser(value: unknown): User | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const ok =
    typeof v.id === "string" &&
    typeof v.name === "string" &&
    typeof v.email === "string" &&
    ROLES.includes(v.role as Role) &&
    typeof v.isActive === "boolean" &&
    typeof v.version === "number" &&
    typeof v.updatedAt === "string";
  return ok ? (value as User) : null;
}

const statusLabel = (active: boolean) => (active ? "Active" : "Deactivated");

function displayValue(field: EditableField, value: string): string {
  return field === "role" ? (ROLE_LABELS[value as Role] ?? value) : value;
}

export function UserDetailEditor({ user, roles, canDeactivate, isSelf, lastChange }: UserDetailEditorProps) {
  const router = useRouter();
  // The version this page's edits are based on. Only this page's own saves and an explicit
  // reload move it: a refresh showing someone else's change must not.
  const [base, setBase] = useState<User>(user);
  const [conflict, setConflict] = useState<User | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"status" | "reset" | null>(null);
  const [accessPending, setAccessPending] = useState(false);
  const [accessError, setAccessError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ inviteUrl: string; expiresAt: string; emailed?: Delivery; kind: "reset" | "invite" } | null>(null);
  // "Changes saved.": focus moves to it after a save, so a screen reader hears the outcome there.
  const [saved, setSaved] = useState(0);
  const savedRef = useRef<HTMLParagraphElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const hydrated = useHydrated();

  const { register, handleSubmit, setError, reset, setValue, getValues, control, formState } = useForm<Input, unknown, Output>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: valuesOf(user),
  });
  const typed = useWatch({ control });
  // Hidden again once they type: it is about the values as saved.
  const showSaved = saved > 0 && !formState.isDirty;

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  const showConflict = (latest: User) => {
    setConflict(latest);
    // Fetch the page again so it can say who made the change (and shows it above the form).
    router.refresh();
  };

  /** A refusal because someone else changed the user: their version, if the error carries it. */
  const conflictOf = (error: unknown) => (error instanceof ActionError && error.conflict ? asUser(error.latest) : null);

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const updated = await callAction(() => updateUserAction({ ...values, id: base.id, version: base.version }));
      setBase(updated);
      reset(valuesOf(updated));
      setConflict(null);
      setSaved((n) => n + 1);
    } catch (error) {
      // The typed values stay in the form, whatever the failure.
      const latest = conflictOf(error);
      if (latest) showConflict(latest);
      else setServerError(placeServerErrors<Input>(error, EDITABLE, setError));
    }
  });

  /** Their version, discarding this page's edits. */
  const reloadTheirs = () => {
    if (!conflict) return;
    setBase(conflict);
    reset(valuesOf(conflict));
    setConflict(null);
    setServerError(null);
    setAccessError(null);
  };

  /** Their version with this page's edits on top: fields edited here keep the typed value. */
  const keepMine = () => {
    if (!conflict) return;
    const mine = getValues();
    reset(valuesOf(conflict));
    for (const field of EDITABLE) {
      if (mine[field] !== base[field]) setValue(field, mine[field], { shouldDirty: true });
    }
    setBase(conflict);
    setConflict(null);
    setServerError(null);
    setAccessError(null);
  };

  async function changeStatus() {
    setAccessPending(true);
    setAccessError(null);
    const active = !base.isActive;
    try {
      // Typed edits stay; they are now based on this new version (saves send `base.version`).
      const changed = await callAction(() => setUserActiveAction({ id: base.id, version: base.version, active }));
      setBase(changed);
      toast.success(active ? `${changed.name} was reactivated.` : `${changed.name} was deactivated.`);
    } catch (error) {
      const latest = conflictOf(error);
      if (latest) showConflict(latest);
      setAccessError(messageOf(error));
    } finally {
      setAccessPending(false);
      setDialog(null);
    }
  }

  async function issueLink() {
    setAccessPending(true);
    setAccessError(null);
    try {
      setIssued({ ...(await callAction(() => issuePasswordResetAction({ id: base.id }))), kind: "reset" });
      toast.success("A new password link was issued.");
      router.refresh();
    } catch (error) {
      setAccessError(messageOf(error));
    } finally {
      setAccessPending(false);
      setDialog(null);
    }
  }

  async function resendInvite() {
    setAccessPending(true);
    setAccessError(null);
    setIssued(null);
    try {
      setIssued({ ...(await callAction(() => resendInviteAction({ id: base.id }))), kind: "invite" });
      router.refresh();
    } catch (error) {
      setAccessError(messageOf(error));
    } finally {
      setAccessPending(false);
    }
  }

  const conflictRows: ConflictRow[] = conflict
    ? [
        ...EDITABLE.filter((field) => conflict[field] !== base[field]).map((field) => ({
          label: FIELD_LABELS[field],
          theirs: displayValue(field, conflict[field]),
          yours: displayValue(field, String(typed[field] ?? "")),
        })),
        ...(conflict.isActive !== base.isActive ? [{ label: "Status", theirs: statusLabel(conflict.isActive), yours: statusLabel(base.isActive) }] : []),
      ]
    : [];
  const changedBy = conflict && lastChange?.at === conflict.updatedAt ? lastChange.by : "Someone else";

  return (
    <>
      <section aria-labelledby="edit-heading" className="rounded-xl border border-subtle bg-surface p-6">
        <h2 id="edit-heading" className="text-lg font-medium">
          Edit account
        </h2>
        {showSaved ? (
          <p ref={savedRef} tabIndex={-1} role="status" className="mt-3 rounded-md border border-success-line bg-success-soft px-4 py-2 text-sm font-medium text-success-ink outline-indigo-600 focus-visible:outline-2">
            Changes saved.
          </p>
        ) : null}
        {conflict ? (
          <ConflictNotice ref={conflictRef} changedBy={changedBy} rows={conflictRows} onReloadTheirs={reloadTheirs} onKeepMine={keepMine} />
        ) : null}
        <UserForm
          onSubmit={onSubmit}
          className="mt-4 flex max-w-xl flex-col gap-4"
          message={serverError}
          formState={formState}
          idPrefix="edit-user"
          register={register}
          roles={roles}
          currentRole={base.role}
          currentRoleNote={isSelf ? "you cannot change your own role" : "only admins change roles"}
          unsavedMessage="Your changes to this account are not saved yet: they will be lost."
          submitLabel="Save changes"
          pendingLabel="Saving…"
        />
      </section>

      <UserAccessSection
        user={base}
        isSelf={isSelf}
        canDeactivate={canDeactivate}
        hydrated={hydrated}
        error={accessError}
        issued={issued}
        pending={accessPending}
        onIssueLink={() => setDialog("reset")}
        onResendInvite={resendInvite}
        onChangeStatus={() => setDialog("status")}
      />

      <ConfirmDialog
        open={dialog === "status"}
        title={base.isActive ? `Deactivate ${base.name}?` : `Reactivate ${base.name}?`}
        confirmLabel={base.isActive ? "Deactivate" : "Reactivate"}
        destructive={base.isActive}
        pending={accessPending}
        onConfirm={changeStatus}
        onCancel={() => setDialog(null)}
      >
        {base.isActive
          ? "They will be signed out on their next request and cannot sign in until reactivated. Their data is kept."
          : "They will be able to sign in again with their existing password."}
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "reset"}
        title={`Issue a new password link for ${base.name}?`}
        confirmLabel="Issue link"
        pending={accessPending}
        onConfirm={issueLink}
        onCancel={() => setDialog(null)}
      >
        Any earlier link for this user stops working. Their current password keeps working until they set a new one.
      </ConfirmDialog>
    </>
  );
}
