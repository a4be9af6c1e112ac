// A list of what changes between two versions of a profile, grouped as added, removed, changed
// and moved, each by dotted path. Used by the review step and by the conflict notice.
import { type ChangeKind, type FieldChange, fieldChanges, previewValue } from "@/lib/custom-fields/changes";
import type { ProfileDraft } from "@/lib/profiles/rebase";
import { TYPE_LABELS } from "@/lib/profiles/views";

export interface DetailChange {
  label: string;
  /** Path as the rebase reports overlaps ("name", "type"). */
  path: "name" | "type";
  from: string;
  to: string;
}

export interface ProfileChanges {
  details: DetailChange[];
  fields: FieldChange[];
}

export function profileChanges(before: ProfileDraft, after: ProfileDraft): ProfileChanges {
  const details: DetailChange[] = [];
  if (before.name !== after.name) details.push({ label: "Profile name", path: "name", from: before.name, to: after.name });
  if (before.type !== after.type) details.push({ label: "Type", path: "type", from: TYPE_LABELS[before.type], to: TYPE_LABELS[after.type] });
  return { details, fields: fieldChanges(before.customFields, after.customFields) };
}

export const changeCount = (changes: ProfileChanges) => changes.details.length + changes.fields.length;

const HEADINGS: Record<ChangeKind, string> = { added: "Added", removed: "Removed", changed: "Changed", moved: "Moved" };

const code = "rounded bg-inset px-1 font-mono text-[0.8rem] text-fg break-all";

function Overlap() {
  return (
    <span className="ml-2 rounded bg-warning-soft px-1.5 py-0.5 text-xs font-medium text-warning-ink">
      also changed by the other person: yours replaces theirs
    </span>
  );
}

function FieldChangeLine({ change, overlap }: { change: FieldChange; overlap: boolean }) {
  return (
    <li className="py-1">
      <code className={code}>{change.path}</code>
      {change.kind === "added" ? (
        <>
          {" "}= <code className={code}>{previewValue(change.to)}</code>
        </>
      ) : null}
      {change.kind === "removed" ? (
        <>
          {" "}(was <code className={code}>{previewValue(change.from)}</code>)
        </>
      ) : null}
      {change.kind === "changed" ? (
        <>
          : <code className={code}>{previewValue(change.from)}</code> → <code className={code}>{previewValue(change.to)}</code>
        </>
      ) : null}
      {change.kind === "moved" ? (
        <>
          : position {change.fromPosition} → {change.toPosition}
        </>
      ) : null}
      {overlap ? <Overlap /> : null}
    </li>
  );
}

/** `overlaps` are paths both people changed (from the rebase), to be flagged. */
export function ChangeList({ changes, overlaps = [], headingLevel = 3 }: { changes: ProfileChanges; overlaps?: string[]; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const overlapping = (path: string) => overlaps.some((o) => path === o || path.startsWith(`${o}.`) || o.startsWith(`${path}.`));
  const groups = (["added", "removed", "changed", "moved"] as const)
    .map((kind) => ({ kind, items: changes.fields.filter((c) => c.kind === kind) }))
    .filter((g) => g.items.length > 0);
  return (
    <div className="flex flex-col gap-3">
      {changes.details.length ? (
        <section>
          <Heading className="font-medium text-fg">Profile</Heading>
          <ul>
            {changes.details.map((d) => (
              <li key={d.path} className="py-1">
                {d.label}: <code className={code}>{d.from}</code> → <code className={code}>{d.to}</code>
                {overlaps.includes(d.path) ? <Overlap /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {groups.map((group) => (
        <section key={group.kind}>
          <Heading className="font-medium text-fg">
            {HEADINGS[group.kind]} ({group.items.length})
          </Heading>
          <ul>
            {group.items.map((change) => (
              <FieldChangeLine key={`${change.kind}:${change.path}`} change={change} overlap={overlapping(`customFields.${change.path}`)} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
