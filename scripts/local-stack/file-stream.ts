// The files table's stream, handled locally as a Lambda handles it on AWS: the poller reads
// DynamoDB Local's stream and calls lib/storage/file-stream.ts, which deletes the S3 objects of
// items TTL removed (expired files, abandoned uploads) and audits them. DynamoDB Local runs TTL
// itself (it deletes expired items within seconds), so nothing else has to sweep the table.
// The caller passes the handler (lib/storage/file-stream.ts handleFileStreamRecords), imported
// its own way, and calls this once process.env points lib/ at the local services.
import type { _Record } from "@aws-sdk/client-dynamodb-streams";
import { tableName } from "../../lib/db/tables";
import { dynamoClient } from "./dynamodb-local";
import { type StreamPoller, startStreamPoller } from "./stream-poller";

export async function startFileStream(dynamoEndpoint: string, tablePrefix: string, handle: (records: _Record[]) => Promise<unknown>): Promise<StreamPoller> {
  const client = dynamoClient(dynamoEndpoint);
  const poller = await startStreamPoller({ client, endpoint: dynamoEndpoint, tableName: tableName(tablePrefix, "files"), handle });
  return {
    async stop() {
      await poller.stop();
      client.destroy();
    },
  };
}
