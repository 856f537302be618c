// Real local servers for integration tests: dynalite and the SES sink on free ports, plus a table.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynalite, startMailSink } from '../../infra/local-stack/local-stack';
import { ensureTable } from '../../infra/local-stack/tables';
import { makeDocumentClient } from '../../lambdas/adapters/aws-clients';

export async function startDynamo(tableName = `cocreate-test-${process.pid}`) {
  const db = await startDynalite(0);
  const raw = new DynamoDBClient({
    endpoint: db.url,
    region: 'local',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  await ensureTable(raw, tableName);
  const doc = makeDocumentClient({ dynamodbEndpoint: db.url });
  return {
    url: db.url,
    tableName,
    raw,
    doc,
    close: async () => {
      raw.destroy();
      doc.destroy();
      await db.close();
    },
  };
}

export { startMailSink };
