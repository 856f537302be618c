// DynamoDB's item and key limits, checked on every item a store sends (dynalite enforces only the item
// size, not the key or index-key lengths). Size rule: docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
// ("the sum of the lengths of the attribute names and values"; numbers ~ up to 21 bytes).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  itemBytes,
  MAX_ITEM_BYTES,
  MAX_PARTITION_KEY_BYTES,
  MAX_SORT_KEY_BYTES,
  TABLE,
} from '../../shared/definitions/table';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** An upper bound of an item's DynamoDB size (names + values, nested maps and lists included). */
export const itemSize = itemBytes;
export { MAX_ITEM_BYTES };

export interface LimitViolation {
  what: string;
  bytes: number;
}

/** Why an item breaks a limit, or null: item size, primary key and index key lengths. */
export function limitViolation(item: Record<string, unknown>): LimitViolation | null {
  const size = itemSize(item);
  if (size > MAX_ITEM_BYTES) return { what: 'item', bytes: size };
  const pkNames = [TABLE.partitionKey, ...TABLE.indexes.map((i) => i.partitionKey)];
  const skNames = [TABLE.sortKey, ...TABLE.indexes.map((i) => i.sortKey)];
  for (const k of pkNames) {
    const v = item[k];
    if (typeof v === 'string' && bytes(v) > MAX_PARTITION_KEY_BYTES) return { what: k, bytes: bytes(v) };
  }
  for (const k of skNames) {
    const v = item[k];
    if (typeof v === 'string' && bytes(v) > MAX_SORT_KEY_BYTES) return { what: k, bytes: bytes(v) };
  }
  return null;
}

/**
 * Records every item and key the client sends (Put, BatchWrite, Get/BatchGet keys) with the limit it
 * breaks, if any. Returns the list, filled as requests go out.
 */
export function watchItemLimits(doc: DynamoDBDocumentClient): {
  items: number;
  violations: LimitViolation[];
} {
  const seen = { items: 0, violations: [] as LimitViolation[] };
  const check = (item: unknown) => {
    if (!item || typeof item !== 'object') return;
    seen.items++;
    const v = limitViolation(item as Record<string, unknown>);
    if (v) seen.violations.push(v);
  };
  doc.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Record<string, unknown>;
      check(input.Item);
      check(input.Key);
      const requests = input.RequestItems as Record<string, unknown[] | { Keys?: unknown[] }> | undefined;
      for (const list of Object.values(requests ?? {})) {
        if (Array.isArray(list))
          for (const r of list as { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]) {
            check(r.PutRequest?.Item);
            check(r.DeleteRequest?.Key);
          }
        else for (const k of list.Keys ?? []) check(k);
      }
      return next(args);
    },
    { step: 'initialize', name: 'itemLimitWatch' },
  );
  return seen;
}
