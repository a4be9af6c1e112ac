"use client";
// Editing one profile: name, type and custom fields, then a review of exactly what will change,
// then a save that names the version it was read at. A stale save shows what the other person
// changed and offers to load theirs or to re-apply these edits on top; nothing is overwritten
// without the person having seen it.
import Link from "next/link";
import { type FormEvent, useEffect, useId, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { FieldsEditor } from "@/components/custom-fields/fields-editor";
import { treeFromJson } from "@/lib/custom-fields/model";
import { snapshotOf } from "@/lib/custom-fields/snapshot";
import { type FieldHint, FieldsStore } from "@/components/custom-fields/store";
import { Alert, AlertPanel } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LeaveGuard } from "@/components/ui/leave-guard";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { clockTime } from "@/components/ui/format-date";
import { updateProfileAction } from "@/lib/actions/profiles/profile-actions";
import { draftTimeLabel, type StoredDraft } from "@/lib/profiles/local-draft";
import { type ProfileDraft, rebase } from "@/lib/profiles/rebase";
import { ActionError, callAction, messageOf } from "@/lib/types/action-result";
import { isProfileType, type ProfileDetails } from "@/lib/validation/profile-details";
import { ChangeList, changeCount, type ProfileChanges, profileChanges } from "./change-list";
import { routeFieldErrors } from "./field-errors";
import { ProfileDetailsFields } from "./profile-details-fields";
import { draftOf, isProfileData, type ProfileData, TYPE_LABELS } from "@/lib/profiles/views";
import { useProfileDetailsForm } from "./use-profile-details-form";
import { useProfileDraft } from "./use-profile-draft";

interface Review {
  draft: ProfileDraft;
  changes: ProfileChanges;
  /** Paths the other person also changed (after re-applying on top of their version). */
  overlaps: string[];
}

interface Conflict {
  latest: ProfileData;
  mine: ProfileDraft;
}

interface ProfileEditorProps {
  profile: ProfileData;
  /** Who is editing: their unsaved drafts are kept apart from anyone else's on this browser. */
  viewerId: string;
  backHref: string;
  /** Whose profile this is, when it is not the viewer's own. */
  ownerName?: string;
  /** The fields of the template the profile was made from: labels, help, required marks, choices. */
  hints?: FieldHint[];
}

export function ProfileEditor({ profile, viewerId, backHref, ownerName, hints }: ProfileEditorProps) {
  const domPrefix = useId();
  const [store] = useState(() => new FieldsStore(treeFromJson(profile.customFields), domPrefix, new Map((hints ?? []).map((hint) => [hint.key, hint]))));
  const [base, setBase] = useState<ProfileData>(profile);
  const [review, setReview] = useState<Review | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  /** The changes a save could not deliver (no answer, or the service down): "Try again" sends them. */
  const [retryable, setRetryable] = useState<ProfileDraft | null>(null);
  const [saving, startSaving] = useTransition();
  const conflictRef = useRef<HTMLElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  /** The result of the last save, where the sticky bar says it: focus goes there after it. */
  const savedRef = useRef<HTMLParagraphElement>(null);
  const [lastSave, setLastSave] = useState<{ version: number; at: string } | null>(null);
  const conflictHeadingId = useId();
  const form = useProfileDetailsForm({ name: profile.name, type: profile.type });
  const localDraft = useProfileDraft({ viewerId, base, store, details: form.values });

  const showError = (message: string) => {
    setFormError(message);
    requestAnimationFrame(() => errorRef.current?.focus());
  };

  const focusFirstProblem = () => {
    const row = store.firstProblemRow();
    if (row) store.focusLater(row, "key", "value", "kind");
  };

  // After a save the review dialog closes, and closing a modal dialog returns focus to what
  // opened it. That happens in the dialog's effect; this parent effect runs after it, so focus
  // requested by the save's outcome is moved here, last.
  const focusAfterSave = useRef<"saved" | "conflict" | "error" | "problem" | null>(null);
  useEffect(() => {
    const request = focusAfterSave.current;
    if (!request) return;
    focusAfterSave.current = null;
    if (request === "saved") savedRef.current?.focus();
    else if (request === "conflict") conflictRef.current?.focus();
    else if (request === "error") errorRef.current?.focus();
    else focusFirstProblem();
  });

  const reviewDetails = (details: ProfileDetails) => {
    const current = store.current();
    if (!current.ok) {
      showError(current.reason);
      return;
    }
    if (current.problems > 0) {
      setFormError(`Fix the custom fields marked in red first (${current.problems} ${current.problems === 1 ? "problem" : "problems"}).`);
      focusFirstProblem();
      return;
    }
    setFormError(null);
    const draft: ProfileDraft = { name: details.name, type: details.type, customFields: current.value };
    setReview({ draft, changes: profileChanges(draftOf(base), draft), overlaps: [] });
  };
  const openReview = (event: FormEvent<HTMLFormElement>) => form.handleSubmit(reviewDetails, () => setFormError("Check the profile name and type."))(event);

  const loadInto = (latest: ProfileData, draft: ProfileDraft = draftOf(latest)) => {
    setBase(latest);
    store.replace(draft.customFields);
    form.reset({ name: draft.name, type: draft.type });
  };

  const save = (draft: ProfileDraft) =>
    startSaving(async () => {
      try {
        const saved = await callAction(() => updateProfileAction({ id: base.id, version: base.version, ...draft }));
        setReview(null);
        localDraft.forget();
        loadInto({ ...base, ...saved });
        setFormError(null);
        setRetryable(null);
        // Said where the person is (the focused bar), not in a toast that would say it twice.
        setLastSave({ version: saved.version, at: saved.updatedAt });
        focusAfterSave.current = "saved";
      } catch (failure) {
        // Whatever went wrong, the edits stay in the editor; saving again is the retry.
        setReview(null);
        const refusal = failure instanceof ActionError ? failure : null;
        if (refusal?.conflict && isProfileData(refusal.latest)) {
          setConflict({ latest: refusal.latest, mine: draft });
          focusAfterSave.current = "conflict";
          return;
        }
        const routed = routeFieldErrors(refusal?.fieldErrors ?? {});
        if (routed.name) form.setError("name", routed.name);
        if (routed.type) form.setError("type", routed.type);
        store.setServerProblems(routed.fields);
        // Focus goes to the first row the server refused, else to the message (an alert either way).
        setFormError([messageOf(failure), ...routed.other].join(" "));
        // Nothing was refused, so the same changes can simply be sent again.
        const transient = !refusal || refusal.offline || (!refusal.sessionEnded && !refusal.throttled && Object.keys(refusal.fieldErrors).length === 0);
        setRetryable(transient ? draft : null);
        focusAfterSave.current = store.firstProblemRow() ? "problem" : "error";
      }
    });

  const reapply = () => {
    if (!conflict) return;
    const { draft, overlaps } = rebase(draftOf(base), conflict.mine, draftOf(conflict.latest));
    loadInto(conflict.latest, draft);
    setConflict(null);
    setReview({ draft, changes: profileChanges(draftOf(conflict.latest), draft), overlaps });
  };

  const discardMine = () => {
    if (!conflict) return;
    localDraft.forget();
    loadInto(conflict.latest);
    setConflict(null);
    toast.info("Loaded the latest version; your changes were discarded.");
  };

  const restoreDraft = (stored: StoredDraft) => {
    localDraft.answerOffer(true);
    const details = { name: stored.name, type: stored.type } as ProfileDetails;
    const typed = snapshotOf(stored.tree);
    if (stored.version < base.version && typed.faithful && isProfileType(stored.type)) {
      // Typed against an older version: someone saved since. Their work is kept and these edits
      // are re-applied on top, then reviewed, exactly as after a stale save.
      const { draft: rebased, overlaps } = rebase(stored.base, { ...details, type: stored.type, customFields: typed.value }, draftOf(base));
      loadInto(base, rebased);
      setReview({ draft: rebased, changes: profileChanges(draftOf(base), rebased), overlaps });
      return;
    }
    store.restoreDraft(stored);
    form.reset(details);
    toast.success(stored.version < base.version ? "Restored your unsaved changes. This profile was saved since: review them before saving." : "Restored your unsaved changes.");
  };

  const nothingToSave = review !== null && changeCount(review.changes) === 0;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={base.name}
        back={
          <Link href={backHref} className="text-sm font-medium text-link underline hover:no-underline">
            ← {ownerName ? `${ownerName}'s profiles` : "My profiles"}
          </Link>
        }
        description={
          <>
            {TYPE_LABELS[base.type]} profile{base.isDefault ? " · default" : ""}
            {ownerName ? ` · of ${ownerName}` : ""} · version {base.version}
          </>
        }
      />

      {conflict ? (
        <section
          ref={conflictRef}
          tabIndex={-1}
          aria-labelledby={conflictHeadingId}
          className="rounded-xl border border-warning-line bg-warning-soft p-5 text-warning-ink focus:outline-2 focus:outline-amber-600"
        >
          <h2 id={conflictHeadingId} className="text-lg font-semibold">
            Someone else saved this profile while you were editing
          </h2>
          <p className="mt-1 text-sm">Your changes are not saved yet, and theirs are kept. This is what they changed:</p>
          <div className="mt-3 rounded-lg bg-surface p-3 text-sm text-strong">
            <ChangeList changes={profileChanges(draftOf(base), draftOf(conflict.latest))} />
          </div>
          <div className="mt-4 flex flex-wrap gap-2">
            <Button onClick={reapply}>Re-apply my changes on top</Button>
            <Button variant="secondary" onClick={discardMine}>
              Discard mine and load theirs
            </Button>
          </div>
        </section>
      ) : null}

      {localDraft.offer ? (
        <AlertPanel tone="info" className="p-4">
          <p className="text-sm font-medium">Restore your unsaved changes from {draftTimeLabel(localDraft.offer.savedAt)}?</p>
          <p className="mt-1 text-sm">
            {localDraft.offer.version < base.version
              ? `They were made on version ${localDraft.offer.version}; this profile has been saved since, so they will be re-applied on top of version ${base.version} for you to review.`
              : "They were kept in this browser when the page was left before saving."}
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button onClick={() => localDraft.offer && restoreDraft(localDraft.offer)}>Restore changes</Button>
            <Button variant="secondary" onClick={() => localDraft.answerOffer(false)}>
              Discard them
            </Button>
          </div>
        </AlertPanel>
      ) : null}
      {localDraft.storageFailed ? <Alert tone="warning">This browser is not keeping a draft of your changes (its storage is full or turned off). Save before you leave.</Alert> : null}

      <form onSubmit={openReview} noValidate className="flex flex-col gap-6">
        <Alert ref={errorRef} tabIndex={-1} tone="error">
          {formError}
        </Alert>
        {formError && retryable ? (
          <div>
            <Button variant="secondary" disabled={saving} onClick={() => save(retryable)}>
              Try again
            </Button>
          </div>
        ) : null}
        <div className="rounded-xl border border-subtle bg-surface p-5">
          <ProfileDetailsFields form={form} />
        </div>
        <div className="rounded-xl border border-subtle bg-canvas/50 p-5">
          <FieldsEditor store={store} />
        </div>
        <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center gap-3 border-t border-subtle bg-canvas/95 px-4 py-3">
          <SubmitButton pending={saving} pendingLabel="Saving…" disabled={conflict !== null}>
            Review changes
          </SubmitButton>
          {lastSave && !conflict ? (
            <p ref={savedRef} tabIndex={-1} className="rounded text-sm font-medium text-success focus:outline-2 focus:outline-offset-2 focus:outline-indigo-600">
              Profile saved. Version {lastSave.version} at {clockTime(lastSave.at, "local")}.
            </p>
          ) : (
            <p className="text-sm text-muted">{conflict ? "Resolve the conflict above first." : "You will see every change before it is saved."}</p>
          )}
        </div>
      </form>

      <LeaveGuard isDirty={localDraft.isDirty}>
        <p>Your changes to this profile are not saved. This browser keeps them as a draft and offers them back when you open the profile again.</p>
      </LeaveGuard>

      <ConfirmDialog
        open={review !== null}
        wide
        title={nothingToSave ? "Nothing to save" : `Review ${review ? changeCount(review.changes) : 0} ${review && changeCount(review.changes) === 1 ? "change" : "changes"}`}
        confirmLabel="Save changes"
        cancelLabel="Back to editing"
        confirmDisabled={nothingToSave}
        pending={saving}
        onConfirm={() => review && save(review.draft)}
        onCancel={() => setReview(null)}
      >
        {review ? (
          nothingToSave ? (
            <p>The profile is exactly as it was saved.</p>
          ) : (
            <>
              {review.overlaps.length ? (
                <p className="mb-3 rounded-md bg-warning-soft px-3 py-2 text-warning-ink">
                  Your changes were re-applied on top of the other person&apos;s version. Where you both changed a field, yours is marked.
                </p>
              ) : null}
              <ChangeList changes={review.changes} overlaps={review.overlaps} />
            </>
          )
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
