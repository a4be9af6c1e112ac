import type { Metadata } from "next";
import Link from "next/link";
import { RawTemplateForm } from "@/components/templates/raw-template-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/current-user";
import sample from "@/lib/templates/sample-template.json";

export const metadata: Metadata = { title: "New template" };

export default async function NewTemplatePage() {
  await requirePermission("templates.manage");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="New template from JSON"
        description="Starts from the sample; change it and create."
        back={
          <Link href="/admin/templates" className="text-sm text-link hover:underline">
            ← Templates
          </Link>
        }
      />
      <RawTemplateForm initial={JSON.stringify({ ...sample, title: "" }, null, 2)} />
    </div>
  );
}
