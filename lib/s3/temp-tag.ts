/** The tag on temp upload objects that the bucket's lifecycle rule expires (see the AWS template). */
export const TEMP_UPLOAD_TAG = { Key: "prework-upload", Value: "temp" } as const;
