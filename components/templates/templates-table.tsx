"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatUtc } from "@/components/ui/format-date";
import { StatusBadge } from "@/components/ui/status-badge";
import { type Column, TableHead } from "@/components/ui/table-head";
import { archiveTemplateAction } from "@/lib/actions/templates/template-actions";
import { TYPE_LABELS } from "@/lib/profiles/views";
import { callAction, messageOf } from "@/lib/types/action-result";

/** What a row shows: the metadata only, no document is read for a list. */
export interface TemplateRow {
  id: string;
  title: string;
  profileType: keyof typeof TYPE_LABELS;
  fieldCount: number;
  checklistCount: number;
  status: "active" | "archived";
  updatedAt: string;
  version: number;
  /** A short-lived presigned GET of the thumbnail, or null for the placeholder. */
  thumbnailUrl: string | null;
}

/** Phones show the thumbnail, title, status and actions; the counts and dates from md up. */
const WIDE = "hidden md:table-cell";
const COLUMNS: Column[] = ["Thumbnail", "Title", { label: "Profile type", className: WIDE }, { label: "Fields", className: WIDE }, { label: "Checklist", className: WIDE }, "Status", { label: "Updated", className: WIDE }];

export function TemplatesTable({ templates }: { templates: TemplateRow[] }) {
  const router = useRouter();
  const [archiving, setArchiving] = useState<TemplateRow | null>(null);
  const [pending, startTransition] = useTransition();

  const archive = (template: TemplateRow) =>
    startTransition(async () => {
      try {
        await callAction(() => archiveTemplateAction({ id: template.id, version: template.version }));
        toast.success(`Archived “${template.title}”.`);
      } catch (failure) {
        toast.error(messageOf(failure));
        router.refresh();
      } finally {
        setArchiving(null);
      }
    });

  return (
    // `relative`: screen-reader-only text is positioned, and would otherwise escape the scroll box.
    <div className="relative overflow-x-auto rounded-xl border border-subtle bg-surface">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Templates</caption>
        <TableHead columns={COLUMNS} />
        <tbody className="divide-y divide-subtle">
          {templates.map((template) => (
            <tr key={template.id}>
              <td className="px-4 py-2">
                {template.thumbnailUrl ? (
                  // eslint-disable-next-line @next/next/no-img-element -- a presigned URL, not an optimisable asset
                  <img src={template.thumbnailUrl} alt={`Thumbnail of ${template.title}`} className="h-10 w-15 rounded border border-subtle object-cover" />
                ) : (
                  <span role="img" aria-label="No thumbnail" className="flex h-10 w-15 items-center justify-center rounded border border-dashed border-control text-xs text-muted">
                    —
                  </span>
                )}
              </td>
              <th scope="row" className="px-4 py-3 font-medium wrap-anywhere">{template.title}</th>
              <td className={`px-4 py-3 ${WIDE}`}>{TYPE_LABELS[template.profileType]}</td>
              <td className={`px-4 py-3 tabular-nums ${WIDE}`}>{template.fieldCount}</td>
              <td className={`px-4 py-3 tabular-nums ${WIDE}`}>{template.checklistCount}</td>
              <td className="px-4 py-3">
                <StatusBadge tone={template.status === "active" ? "success" : "neutral"}>{template.status === "active" ? "Active" : "Archived"}</StatusBadge>
              </td>
              <td className={`px-4 py-3 whitespace-nowrap ${WIDE}`}>{formatUtc(template.updatedAt)}</td>
              <td className="px-4 py-3 text-right">
                <div className="flex flex-col items-end gap-1 md:flex-row md:items-center md:justify-end md:gap-0 md:whitespace-nowrap">
                <Link href={`/admin/templates/${encodeURIComponent(template.id)}/progress`} className="px-3 py-1.5 text-sm font-medium text-link hover:underline">
                  Progress<span className="sr-only"> of {template.title}</span>
                </Link>
                {template.status === "active" ? (
                  <Link href={`/admin/templates/${template.id}/edit`} className="mr-2 text-sm font-medium text-link hover:underline">
                    Edit<span className="sr-only"> {template.title}</span>
                  </Link>
                ) : null}
                {template.status === "active" ? (
                  <Button variant="danger-ghost" className="px-3 py-1.5" onClick={() => setArchiving(template)}>
                    Archive<span className="sr-only"> {template.title}</span>
                  </Button>
                ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={archiving !== null}
        title={`Archive “${archiving?.title ?? ""}”?`}
        confirmLabel="Archive template"
        destructive
        pending={pending}
        onConfirm={() => archiving && archive(archiving)}
        onCancel={() => setArchiving(null)}
      >
        It leaves the list of active templates, so nobody can start from it any more. Its document and history are kept.
      </ConfirmDialog>
    </div>
  );
}
