// Runs in each integration test worker before the test file: points lib/env at the local stack
// started by scripts/vitest-global-setup.ts. NODE_ENV stays "test".
import { inject } from "vitest";

process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
process.env.S3_ENDPOINT = inject("s3Endpoint");
process.env.TABLE_PREFIX = inject("tablePrefix");
process.env.S3_BUCKET = inject("bucket");
process.env.AWS_REGION = "us-east-1";
// A fixed 40-character value: integration tests need a valid secret, never a real one.
process.env.AUTH_SECRET = "integration-test-secret-0123456789abcdef";
