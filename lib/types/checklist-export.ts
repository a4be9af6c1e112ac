// What "Export checklist" answers the browser (lib/exports/checklist-export.ts makes it).

export interface ChecklistExportResult {
  fileId: string;
  /** `checklist-{date}.pdf`, the name the download is saved under. */
  fileName: string;
  /** A presigned GET of a few minutes (lib/s3/presign.ts DOWNLOAD_URL_SECONDS) that downloads the PDF. */
  url: string;
  /** That day's export was there and this one replaced it. */
  replaced: boolean;
  exportedAt: string;
}
