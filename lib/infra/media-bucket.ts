// The media bucket: private, encrypted, TLS only, with the CORS rule browser uploads need and
// lifecycle rules that keep it clean by themselves. The local s3rver bucket gets the same CORS
// methods (scripts/local-stack/s3-local.ts).
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, StorageClass } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { TEMP_UPLOAD_TAG } from "@/lib/s3/temp-tag";

/** An upload's temp object lives a day at most (the app moves it within minutes when confirmed). */
export const TEMP_UPLOAD_DAYS = 1;

export interface MediaBucketProps {
  bucketName: string;
  appOrigins: string[];
  versioning: boolean;
}

export class MediaBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, { bucketName, appOrigins, versioning }: MediaBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, "Bucket", {
      bucketName,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      // A bucket policy that denies any request not made over TLS.
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: versioning,
      cors: [
        {
          allowedOrigins: appOrigins,
          // PUT: the presigned upload (components/files/put-object.ts); GET/HEAD: presigned reads.
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD],
          // The upload sets only Content-Type (Content-Length is the browser's own and needs no
          // preflight; the temp tag and signature travel in the URL's query).
          allowedHeaders: ["Content-Type"],
          exposedHeaders: ["ETag"],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          // Temp keys are per user (users/<id>/uploads/temp/, lib/s3/keys.ts), which a prefix
          // filter cannot match, so the presigned PUT tags them (lib/s3/presign.ts) and the copy
          // to the final key drops the tag (lib/uploads/service.ts).
          id: "expire-temp-uploads",
          prefix: "users/",
          tagFilters: { [TEMP_UPLOAD_TAG.Key]: TEMP_UPLOAD_TAG.Value },
          expiration: Duration.days(TEMP_UPLOAD_DAYS),
        },
        { id: "abort-incomplete-multipart", abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          // After a day, so temp objects expire before they would be moved.
          id: "uploads-intelligent-tiering",
          prefix: "users/",
          transitions: [{ storageClass: StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(1) }],
        },
        ...(versioning
          ? [{ id: "expire-old-versions", noncurrentVersionExpiration: Duration.days(30), expiredObjectDeleteMarker: true }]
          : []),
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
