import "server-only";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { bucket, s3 } from "./client";
import { TEMP_UPLOAD_TAG } from "./temp-tag";

export const UPLOAD_URL_SECONDS = 5 * 60;
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/**
 * A PUT the browser can make once, for exactly this type and size: Content-Type and
 * Content-Length are signed (the presigner leaves Content-Type unsigned unless told), so S3
 * refuses any other body.
 */
export function presignPut(key: string, contentType: string, contentLength: number, expiresIn = UPLOAD_URL_SECONDS): Promise<string> {
  // The temp tag rides in the URL's query (x-amz-* headers are hoisted there and signed), so
  // the browser sends nothing extra; the bucket's lifecycle rule expires tagged objects.
  const tagging = `${TEMP_UPLOAD_TAG.Key}=${TEMP_UPLOAD_TAG.Value}`;
  return getSignedUrl(s3(), new PutObjectCommand({ Bucket: bucket(), Key: key, ContentType: contentType, ContentLength: contentLength, Tagging: tagging }), {
    expiresIn,
    signableHeaders: new Set(["content-type", "content-length"]),
  });
}

export interface DownloadOptions {
  filename: string;
  /** Raster images may show inline; everything else downloads as an attachment. */
  inline: boolean;
  contentType: string;
  expiresIn?: number;
}

function contentDisposition(filename: string, inline: boolean): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function presignGet(key: string, options: DownloadOptions): Promise<string> {
  return getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: bucket(),
      Key: key,
      ResponseContentDisposition: contentDisposition(options.filename, options.inline),
      ResponseContentType: options.contentType,
    }),
    { expiresIn: options.expiresIn ?? DOWNLOAD_URL_SECONDS },
  );
}
