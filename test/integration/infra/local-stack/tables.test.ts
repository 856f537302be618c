import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDynalite } from '../../../../infra/local-stack/local-stack';
import { ensureTable } from '../../../../infra/local-stack/tables';
import { tableSchema } from '../../../../shared/definitions/table';

let db: Awaited<ReturnType<typeof startDynalite>>;
let client: DynamoDBClient;
beforeAll(async () => {
  db = await startDynalite(0);
  client = new DynamoDBClient({
    endpoint: db.url,
    region: 'local',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
});
afterAll(async () => {
  client.destroy();
  await db.close();
});

describe('table creation from the shared definition', () => {
  it('creates the table once and finds it on the next run', async () => {
    expect(await ensureTable(client, 'table-one')).toBe('created');
    expect(await ensureTable(client, 'table-one')).toBe('exists');
  });

  it('refuses a table from an older version that lacks an index, saying which one', async () => {
    const schema = tableSchema();
    await client.send(
      new CreateTableCommand({
        TableName: 'table-old',
        ...schema,
        GlobalSecondaryIndexes: schema.GlobalSecondaryIndexes.filter((g) => g.IndexName !== 'gsi3'),
      }),
    );
    await expect(ensureTable(client, 'table-old')).rejects.toThrow(/missing indexes: gsi3/);
  });
});
