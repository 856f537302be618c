// Creates the product's table on a DynamoDB endpoint from the one shared definition (idempotent).
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { tableSchema } from '../shared/table';

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  try {
    await client.send(new CreateTableCommand({ TableName: tableName, ...tableSchema() }));
  } catch (e) {
    if (e instanceof ResourceInUseException || (e as Error).name === 'ResourceInUseException')
      return 'exists';
    throw e;
  }
  for (let i = 0; i < 100; i++) {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (out.Table?.TableStatus === 'ACTIVE') return 'created';
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
}
