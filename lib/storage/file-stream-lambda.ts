import "server-only";
import { type FileStreamRecord, handleFileStreamRecords, type StreamOutcome } from "./file-stream";

// The Lambda that the files table's stream drives on AWS (deployed by lib/infra/stream-lambda.ts,
// bundled from this file by esbuild). Lambda's DynamoDB Streams event already has the shape the
// handler takes (`userIdentity.type`/`principalId`, `dynamodb.OldImage` as attribute values); a
// throw hands the batch back to the event source mapping, which bisects and retries it and
// sends what still fails to the dead-letter queue.

/** The part of Lambda's DynamoDBStreamEvent the handler reads. */
export interface DynamoDBStreamEvent {
  Records: FileStreamRecord[];
}

export async function handler(event: DynamoDBStreamEvent): Promise<StreamOutcome> {
  const outcome = await handleFileStreamRecords(event.Records);
  console.log(JSON.stringify({ records: event.Records.length, ...outcome }));
  return outcome;
}
