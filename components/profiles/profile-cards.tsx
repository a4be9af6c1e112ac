"use client";
// A user's profiles as cards, with everything done to a profile as a whole: create, rename,
// change type, make default, delete. The actions revalidate the page, so the cards re-render
// from the server after each one.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { StatusBadge } from "@/components/ui/status-badge";
import {
  createProfileAction,
  deleteProfileAction,
  getProfileAction,
  makeDefaultProfileAction,
  updateProfileAction,
} from "@/lib/actions/profiles/profile-actions";
import { ProfileAvatar } from "./profile-avatar";
import { ProfileDetailsFields } from "./profile-details-fields";
import { ActionError, callAction, messageOf } from "@/lib/types/action-result";
import { type ProfileSummary, TYPE_LABELS } from "@/lib/profiles/views";
import { useProfileDetailsForm } from "./use-profile-details-form";

/** An active template a new profile may start from (the page lists them; issue #14). */
export interface TemplateChoice {
  id: string;
  title: string;
  profileType: ProfileSummary["type"];
}

interface ProfileCardsProps {
  ownerId: string;
  profiles: ProfileSummary[];
  templates?: TemplateChoice[];
  /** "/profiles", or "/admin/users/{id}/profiles" when managing someone else's. */
  basePath: string;
}

export function ProfileCards({ ownerId, profiles, basePath, templates = [] }: ProfileCardsProps) {
  return (
    <div className="flex flex-col gap-6">
      <CreateProfileForm ownerId={ownerId} basePath={basePath} templates={templates} />
      {profiles.length === 0 ? (
        <EmptyState title="No profiles yet — create one" description="Give it a name and a type above. The first profile becomes the default." />
      ) : (
        <ul role="list" aria-label="Profiles" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {profiles.map((profile) => (
            <li key={profile.id}>
              <ProfileCard profile={profile} basePath={basePath} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CreateProfileForm({ ownerId, basePath, templates }: { ownerId: string; basePath: string; templates: TemplateChoice[] }) {
  const router = useRouter();
  const headingId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState("");
  const form = useProfileDetailsForm({ name: "", type: "personal" });
  const offered = templates.filter((t) => t.profileType === form.values.type);
  // A template chosen for another type no longer applies once the type changes.
  const chosen = offered.some((t) => t.id === templateId) ? templateId : "";
  const submit = form.handleSubmit((details) =>
    startTransition(async () => {
      try {
        const created = await callAction(() => createProfileAction({ userId: ownerId, ...details, ...(chosen ? { templateId: chosen } : {}) }));
        setError(null);
        form.reset({ name: "", type: details.type });
        setTemplateId("");
        if (chosen) {
          // A template's fields are to be filled in: go straight to them.
          router.push(`${basePath}/${created.id}`);
          return;
        }
        toast.success(`Created “${created.name}”.`, {
          action: { label: "Edit its fields", onClick: () => router.push(`${basePath}/${created.id}`) },
        });
      } catch (failure) {
        // The typed name and type stay in the form.
        const nameError = failure instanceof ActionError ? failure.fieldErrors.name?.[0] : undefined;
        if (nameError) form.setError("name", nameError);
        setError(messageOf(failure));
      }
    }),
  );
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-subtle bg-surface p-5">
      <h2 id={headingId} className="text-lg font-medium">
        New profile
      </h2>
      <form onSubmit={submit} noValidate className="mt-3 flex flex-wrap items-end gap-4">
        <ProfileDetailsFields form={form} className="flex-1" />
        {offered.length ? (
          <SelectField
            label="Start from"
            options={[{ value: "", label: "Blank profile" }, ...offered.map((t) => ({ value: t.id, label: `Template: ${t.title}` }))]}
            value={chosen}
            onChange={(event) => setTemplateId(event.target.value)}
          />
        ) : null}
        <SubmitButton pending={pending} pendingLabel="Creating…" className="mb-px">
          Create profile
        </SubmitButton>
      </form>
      <Alert tone="error" inline className="mt-3">
        {error}
      </Alert>
    </section>
  );
}

type Dialog = "details" | "delete" | null;

function ProfileCard({ profile, basePath }: { profile: ProfileSummary; basePath: string }) {
  const router = useRouter();
  const headingId = useId();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pending, startTransition] = useTransition();

  const makeDefault = () =>
    startTransition(async () => {
      try {
        await callAction(() => makeDefaultProfileAction({ id: profile.id }));
        toast.success(`“${profile.name}” is now the default profile.`);
      } catch (failure) {
        toast.error(messageOf(failure));
      }
    });

  const remove = () =>
    startTransition(async () => {
      try {
        const deleted = await callAction(() => deleteProfileAction({ id: profile.id }));
        toast.success(deleted.promoted ? `Deleted “${profile.name}”. Another profile is now the default.` : `Deleted “${profile.name}”.`);
      } catch (failure) {
        toast.error(messageOf(failure));
        router.refresh();
      } finally {
        setDialog(null);
      }
    });

  return (
    <article
      aria-labelledby={headingId}
      className="flex h-full flex-col gap-4 overflow-hidden rounded-xl border border-subtle bg-surface p-5"
    >
      {/* The background as a banner above the text (never behind it, so the text keeps the
          card's own contrast in light and dark); the avatar overlaps its lower edge. */}
      <div aria-hidden="true" data-profile-banner={profile.backgroundUrl ? "image" : "none"} className="-mx-5 -mt-5 h-20 bg-inset">
        {profile.backgroundUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- a presigned URL: nothing for the image optimiser to cache
          <img src={profile.backgroundUrl} alt="" width={640} height={160} className="size-full object-cover" />
        ) : null}
      </div>
      <div className="-mt-10 flex items-end gap-3">
        <span className="rounded-full bg-surface p-1">
          <ProfileAvatar name={profile.name} src={profile.avatarUrl} size="md" />
        </span>
      </div>
      <div className="-mt-2 flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="text-base font-semibold break-words">
            <Link href={`${basePath}/${profile.id}`} className="hover:underline focus-visible:underline">
              {profile.name}
            </Link>
          </h2>
          <p className="text-sm text-muted">
            {TYPE_LABELS[profile.type]} · {profile.fieldCount} {profile.fieldCount === 1 ? "field" : "fields"}
          </p>
        </div>
        {profile.isDefault ? (
          <StatusBadge tone="accent">Default</StatusBadge>
        ) : null}
      </div>
      <div className="mt-auto flex flex-wrap gap-2">
        <Link href={`${basePath}/${profile.id}`} className="inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium text-link hover:bg-accent-soft">
          Edit fields<span className="sr-only"> of {profile.name}</span>
        </Link>
        <Button variant="ghost" className="px-3 py-1.5" onClick={() => setDialog("details")}>
          Rename<span className="sr-only"> or change the type of {profile.name}</span>
        </Button>
        {profile.isDefault ? null : (
          <Button variant="ghost" className="px-3 py-1.5" onClick={makeDefault} disabled={pending}>
            Make default<span className="sr-only"> for {profile.name}</span>
          </Button>
        )}
        <Button variant="danger-ghost" className="px-3 py-1.5" onClick={() => setDialog("delete")}>
          Delete<span className="sr-only"> {profile.name}</span>
        </Button>
      </div>

      {/* Mounted only while open, so it starts from the card's current name and type. */}
      {dialog === "details" ? <DetailsDialog profile={profile} onClose={() => setDialog(null)} /> : null}
      <ConfirmDialog
        open={dialog === "delete"}
        title={`Delete “${profile.name}”?`}
        confirmLabel="Delete profile"
        destructive
        pending={pending}
        onConfirm={remove}
        onCancel={() => setDialog(null)}
      >
        {profile.hasImages ? "Its custom fields, avatar and background are deleted with it." : "Its custom fields are deleted with it."} This cannot be undone.
        {profile.isDefault ? " It is the default profile: the most recently updated of the others becomes the default." : ""}
      </ConfirmDialog>
    </article>
  );
}

/** Rename or change type. Saves on top of the version the card shows, or reports that it changed. */
function DetailsDialog({ profile, onClose }: { profile: ProfileSummary; onClose: () => void }) {
  const router = useRouter();
  const formId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const form = useProfileDetailsForm({ name: profile.name, type: profile.type });
  const submit = form.handleSubmit((details) =>
    startTransition(async () => {
      try {
        // The update carries the custom fields too: read them now, and refuse if the profile moved on.
        const current = await callAction(() => getProfileAction({ id: profile.id }));
        if (current.version !== profile.version) {
          setError("This profile was changed by someone else since this page loaded. The page now shows the latest version; check it and try again.");
          router.refresh();
          return;
        }
        const saved = await callAction(() => updateProfileAction({ id: profile.id, version: profile.version, ...details, customFields: current.customFields }));
        setError(null);
        onClose();
        toast.success(`Saved “${saved.name}”.`);
      } catch (failure) {
        // The dialog stays open with what was typed.
        const refusal = failure instanceof ActionError ? failure : null;
        const nameError = refusal?.fieldErrors.name?.[0];
        if (nameError) form.setError("name", nameError);
        setError(refusal?.conflict ? "This profile was changed by someone else meanwhile. The page now shows the latest version; try again." : messageOf(failure));
        if (refusal) router.refresh();
      }
    }),
  );
  return (
    <ConfirmDialog open title={`Rename or change type of “${profile.name}”`} confirmLabel="Save" pending={pending} onConfirm={() => submit()} onCancel={onClose}>
      <form id={formId} onSubmit={submit} noValidate className="mt-2 flex flex-col gap-4">
        <ProfileDetailsFields form={form} className="flex-col items-stretch" />
        <Alert tone="error" inline>
          {error}
        </Alert>
      </form>
    </ConfirmDialog>
  );
}
