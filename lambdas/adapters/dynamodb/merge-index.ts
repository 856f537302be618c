// The merge index (gsi2, partition ROUND#r#MERGED, "<target>#<source>"): who was merged into a proposal,
// read by an export page for its merge trees, and written into review items saved before it existed.
import { type DynamoDBDocumentClient, GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../../shared/definitions/table';
import { versionCondition } from './version-condition';

/** Merged proposals whose target is in one of these inclusive id ranges. */
export async function mergeSources(
  client: DynamoDBDocumentClient,
  tableName: string,
  roundId: string,
  targets: readonly { from: string; to: string }[],
): Promise<{ source: string; target: string }[]> {
  // '#' sorts below every id character ([\w-]), so a range of targets is "<from>#" to "<to>#\uffff".
  const ranges = await Promise.all(
    targets.map(async ({ from, to }) => {
      const out: { source: string; target: string }[] = [];
      const pages = paginateQuery(
        { client },
        {
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': keys.mergeIndex(roundId, '', '').gsi2pk,
            ':from': `${from}#`,
            ':to': `${to}#\uffff`,
          },
          ProjectionExpression: 'gsi2sk',
        },
      );
      for await (const page of pages)
        for (const item of page.Items ?? []) {
          const [target = '', source = ''] = String(item.gsi2sk).split('#');
          out.push({ source, target });
        }
      return out;
    }),
  );
  return ranges.flat();
}

/**
 * Once per round (a marker item says it ran): every merged review item without its merge-index entry
 * (saved before the index existed) is written again with it, if still at the version read; one saved
 * since wrote its own entry. Answers how many were written.
 */
export async function indexMergesWrittenBefore(
  client: DynamoDBDocumentClient,
  tableName: string,
  roundId: string,
): Promise<number> {
  const marker = keys.migration(roundId, 'merge-index');
  if ((await client.send(new GetCommand({ TableName: tableName, Key: marker, ConsistentRead: true }))).Item)
    return 0;
  let written = 0;
  const pages = paginateQuery(
    { client },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: '#status = :merged AND attribute_not_exists(gsi2pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pk': keys.roundPk(roundId),
        ':prefix': keys.reviewPrefix,
        ':merged': 'merged',
      },
      ConsistentRead: true,
    },
  );
  for await (const page of pages)
    for (const item of page.Items ?? []) {
      if (typeof item.mergeTarget !== 'string' || !item.mergeTarget) continue;
      const put = new PutCommand({
        TableName: tableName,
        Item: { ...item, ...keys.mergeIndex(roundId, item.mergeTarget, String(item.proposalId)) },
        ...versionCondition(Number(item.version)),
      });
      const error = await client.send(put).then(
        () => null,
        (e: Error) => e,
      );
      if (!error) written++;
      else if (error.name !== 'ConditionalCheckFailedException') throw error;
    }
  await client.send(new PutCommand({ TableName: tableName, Item: { ...marker, written } }));
  return written;
}
