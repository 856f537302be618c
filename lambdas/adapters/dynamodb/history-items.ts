// History items (audit events, text revisions, meetings, applied-answer markers) written after the versioned
// put of their state succeeded, and read back in pages. Only the writer that saved a version writes them,
// and each is keyed by what it records, so a retry rewrites the same item.
import { type DynamoDBDocumentClient, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { log } from '../../log';

const WRITE_ATTEMPTS = 3; // then the item is left to what the state's own item keeps (a tail)

/** The attribute a versioned history item records its writer's state version in. */
const WRITTEN_BY = 'writtenBy';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Puts each item, 3 tries each. The state is saved already, so a failure is never a 500: it is logged as
 * one `level: "error"` line (the error-log alarm counts it) with `context` and the item's sort key.
 */
export async function writeHistoryItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  what: string,
  context: (item: Record<string, unknown>) => Record<string, unknown>,
  opts: { version?: number } = {},
): Promise<void> {
  // With a version, an item records the state version that wrote it and is never overwritten by an older
  // one (a late retry of a writer another has since overtaken): a refused condition means a newer write.
  const guard =
    opts.version === undefined
      ? {}
      : {
          ConditionExpression: 'attribute_not_exists(pk) OR #w < :w',
          ExpressionAttributeNames: { '#w': WRITTEN_BY },
          ExpressionAttributeValues: { ':w': opts.version },
        };
  await Promise.all(
    items.map(async (item) => {
      const Item = opts.version === undefined ? item : { ...item, [WRITTEN_BY]: opts.version };
      for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
        const put = client.send(new PutCommand({ TableName: tableName, Item, ...guard }));
        const error = await put.then(() => null).catch((e: Error) => e);
        if (!error || error.name === 'ConditionalCheckFailedException') return;
        if (attempt < WRITE_ATTEMPTS) await sleep(20 * 2 ** attempt);
        else log.error(`${what} not written`, { ...context(Item), error: error.name });
      }
    }),
  );
}

/** Every item of a partition (optionally only sort keys starting with `prefix`), in sort-key order, paged. */
export async function queryPartition(
  client: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  prefix?: string,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client },
    {
      TableName: tableName,
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':sk': prefix } : {}) },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) out.push(...(page.Items ?? []));
  return out;
}
