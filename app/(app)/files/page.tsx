import type { Metadata } from "next";
import { FileBrowser } from "@/components/files/file-browser";
import { Uploader } from "@/components/files/uploader";
import { requireUser } from "@/lib/auth/current-user";
import { listFileViews } from "@/lib/uploads/file-list";
import { fileFilterFrom } from "@/lib/validation/file-filter";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "My files" };

type Search = { q?: string | string[]; tag?: string | string[]; kind?: string | string[]; purpose?: string | string[] };

export default async function FilesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const filter = fileFilterFrom(await searchParams);
  const firstPage = await listFileViews(user.id, filter);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title="My files" description="Documents and images you uploaded, newest first. Only you can see them unless you make one public." />
      <section aria-labelledby="upload-heading" className="flex flex-col gap-3">
        <h2 id="upload-heading" className="text-lg font-medium">
          Upload
        </h2>
        <Uploader purpose="document" multiple label="Upload documents" />
      </section>
      <section aria-labelledby="files-heading" className="flex flex-col gap-3">
        <h2 id="files-heading" className="text-lg font-medium">
          Your files
        </h2>
        <FileBrowser ownerId={user.id} initialPage={firstPage} initialFilter={filter} caption="Your files" />
      </section>
    </div>
  );
}
