// The optimistic-concurrency condition of every versioned put: a new item must not exist yet, a stored one
// must still be at the version the writer read.
export function versionCondition(expectedVersion: number | undefined) {
  return expectedVersion === undefined
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': expectedVersion },
      };
}
