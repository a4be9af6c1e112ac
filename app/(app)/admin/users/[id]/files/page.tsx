import type { Metadata } from "next";
import Link from "next/link";
import { FileBrowser } from "@/components/files/file-browser";
import { Uploader } from "@/components/files/uploader";
import { requireUser } from "@/lib/auth/current-user";
import { forPage, userSubject } from "@/lib/auth/subjects";
import { listFileViews } from "@/lib/uploads/file-list";
import { fileFilterFrom } from "@/lib/validation/file-filter";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "User's files" };

type Search = { q?: string | string[]; tag?: string | string[]; kind?: string | string[]; purpose?: string | string[] };

/**
 * A managed user's files. Anyone the viewer may not manage looks like nobody at all. (The
 * answer is the not-found page with status 200: the users list's loading boundary above has
 * already streamed.)
 */
export default async function UserFilesPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const viewer = await requireUser();
  const { id } = await params;
  const owner = await forPage(userSubject(viewer, id, "files.manage"));
  const filter = fileFilterFrom(await searchParams);
  const firstPage = await listFileViews(owner.id, filter);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={<>Files of {owner.name}</>} back={<Link href="/admin/users" className="text-sm font-medium text-link underline hover:no-underline">Back to users</Link>} description={<>{owner.email}. Files you upload here go to this user&apos;s space.</>} />
      <section aria-labelledby="upload-heading" className="flex flex-col gap-3">
        <h2 id="upload-heading" className="text-lg font-medium">
          Upload
        </h2>
        <Uploader purpose="document" ownerId={owner.id} multiple label={`Upload documents for ${owner.name}`} />
      </section>
      <section aria-labelledby="files-heading" className="flex flex-col gap-3">
        <h2 id="files-heading" className="text-lg font-medium">
          Their files
        </h2>
        <FileBrowser ownerId={owner.id} initialPage={firstPage} initialFilter={filter} caption={`Files of ${owner.name}`} />
      </section>
    </div>
  );
}
