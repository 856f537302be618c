// Creates the product's table on a DynamoDB endpoint from the one shared definition (idempotent).
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { tableSchema } from '../../shared/definitions/table';

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  try {
    await client.send(new CreateTableCommand({ TableName: tableName, ...tableSchema() }));
  } catch (e) {
    if (!(e instanceof ResourceInUseException || (e as Error).name === 'ResourceInUseException')) throw e;
    // An existing table must have every index the code queries (an older local store may not).
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const have = new Set((out.Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
    const missing = tableSchema()
      .GlobalSecondaryIndexes.map((g) => g.IndexName)
      .filter((n) => !have.has(n));
    if (missing.length) {
      throw new Error(
        `Tabel ${tableName} dibuat oleh versi lama (indeks hilang: ${missing.join(', ')}); pindahkan folder datanya ` +
          `(mis. .cocreate/dynamodb) lalu impor ulang / Table ${tableName} was created by an older version ` +
          `(missing indexes: ${missing.join(', ')}); move its data folder (e.g. .cocreate/dynamodb) away and import again`,
      );
    }
    return 'exists';
  }
  for (let i = 0; i < 100; i++) {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (out.Table?.TableStatus === 'ACTIVE') return 'created';
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
}
