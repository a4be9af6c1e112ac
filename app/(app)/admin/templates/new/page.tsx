import type { Metadata } from "next";
import Link from "next/link";
import { TemplateEditor } from "@/components/templates/template-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/current-user";
import sample from "@/lib/templates/sample-template.json";

export const metadata: Metadata = { title: "New template" };

export default async function NewTemplatePage() {
  await requirePermission("templates.manage");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="New template"
        description="Starts from the sample; change it as a form or as JSON, and create."
        back={
          <Link href="/admin/templates" className="text-sm text-link hover:underline">
            ← Templates
          </Link>
        }
      />
      <TemplateEditor initial={{ ...sample, title: "" }} />
    </div>
  );
}
