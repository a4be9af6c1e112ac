/** The tag on temp upload objects that the bucket's lifecycle rule expires (lib/infra/media-bucket.ts). */
export const TEMP_UPLOAD_TAG = { Key: "prework-upload", Value: "temp" } as const;
