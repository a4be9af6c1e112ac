import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TemplateEditor } from "@/components/templates/template-editor";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/current-user";
import { getTemplate } from "@/lib/templates/service";
import { thumbnailUrl } from "@/lib/templates/thumbnails";

export const metadata: Metadata = { title: "Edit template" };

const back = (
  <Link href="/admin/templates" className="text-sm text-link hover:underline">
    ← Templates
  </Link>
);

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("templates.manage");
  const { id } = await params;
  // An id that could not be one (too long, odd characters) is as absent as a missing template.
  const read = /^[A-Za-z0-9-]{1,64}$/.test(id) ? await getTemplate(id) : null;
  if (!read) notFound();
  const { metadata } = read;
  if (metadata.status !== "active") {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={`Edit “${metadata.title}”`} back={back} />
        <Alert tone="info">This template is archived: it can be read, not changed.</Alert>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={`Edit “${metadata.title}”`} description={`Version ${metadata.version}. Saving is refused if someone else saved meanwhile; what you typed is kept.`} back={back} />
      {read.ok ? null : <Alert tone="warning">{`${read.problem} Saving a valid template here repairs it.`}</Alert>}
      <TemplateEditor
        // Keyed by the template only: a refresh after a save (a newer version) must not remount the
        // editor and drop what it shows; it keeps the version it saved itself.
        key={metadata.id}
        existing={{ id: metadata.id, version: metadata.version }}
        initial={read.ok ? read.template : { schemaVersion: 1, title: metadata.title, profileType: metadata.profileType, fields: [], checklist: [] }}
        thumbnailUrl={await thumbnailUrl(metadata)}
      />
    </div>
  );
}
