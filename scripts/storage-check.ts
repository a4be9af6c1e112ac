// `npm run storage:check [-- --fix]`: reports objects without metadata (under users/ and
// templates/shared/, where the templates table's s3Key and thumbnailKey name objects), stale temp
// objects and ready files or templates without their object (lib/storage/storage-check.ts), against the running local
// services of `npm run dev`, or AWS when AWS settings are given. With --fix it repairs them.
// Exits 1 when something was found and not fixed, so it can gate a deploy or a test run.
import { pointAtLocalServices } from "./cleanup-uploads";

async function main(): Promise<void> {
  pointAtLocalServices();
  // Imported only now: lib/ reads its configuration from process.env on first use.
  const { checkStorage, describeStorage, isClean, repairStorage } = await import("@/lib/storage/storage-check");
  const report = await checkStorage();
  for (const line of describeStorage(report)) console.log(line);
  for (const key of [...report.orphanObjects, ...report.staleTempObjects, ...report.orphanTemplateObjects]) console.log(`  object ${key}`);
  for (const missing of report.missingObjects) console.log(`  file ${missing.fileId} (${missing.s3Key})`);
  for (const missing of report.missingTemplateObjects) console.log(`  template ${missing.templateId} (${missing.s3Key})`);
  if (isClean(report)) return;
  if (!process.argv.includes("--fix")) {
    console.log("Run with --fix to repair.");
    process.exitCode = 1;
    return;
  }
  const repairs = await repairStorage(report);
  console.log(`Deleted ${repairs.objectsDeleted} objects; removed ${repairs.filesRemoved} file items (audited as file.lost).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
