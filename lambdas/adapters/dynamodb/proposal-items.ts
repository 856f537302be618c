// How a proposal or review is stored as a table item: its keys added (toItem, historyItem) or stripped
// (fromItem, stripKeys), and the sort-key ranges a round read is split into.
import { keys, TABLE } from '../../../shared/definitions/table';
import type { StoredProposal } from '../../../shared/ingest/ingest';
import { organisationKey } from '../../../shared/ingest/validation';

const HIGHEST = '\uffff';

/**
 * Inclusive sort-key ranges covering every key that starts with `prefix`: the first range also takes
 * ids that are not "p_<hex>" and sort lower, the last everything above.
 */
export function segmentRanges(prefix: string, starts: readonly string[]): [string, string][] {
  return starts.map((start, i) => {
    const next = starts[i + 1];
    const from = i === 0 ? prefix : `${prefix}p_${start}`;
    const to =
      next === undefined
        ? `${prefix}${HIGHEST}`
        : `${prefix}p_${String.fromCharCode(next.charCodeAt(0) - 1)}${HIGHEST}`;
    return [from, to];
  });
}

const KEY_ATTRS = [
  TABLE.partitionKey,
  TABLE.sortKey,
  ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
];

/** Index keys of indexes since dropped (gsi1, by working group), still on items written before. */
const LEGACY_KEY_ATTRS = ['gsi1pk', 'gsi1sk'];

export function stripKeys(item: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...item };
  for (const k of KEY_ATTRS) delete copy[k];
  for (const k of LEGACY_KEY_ATTRS) delete copy[k];
  return copy;
}

/** Strips table keys from an item, leaving the domain record. */
export function fromItem(item: Record<string, unknown>): StoredProposal {
  return stripKeys(item) as unknown as StoredProposal;
}

export function toItem(record: StoredProposal): Record<string, unknown> {
  const org = organisationKey(record.organisation);
  const key = keys.proposal(record.roundId, record.id);
  const summary = keys.summaryIndex(key);
  // Key attributes first, the record spread last (one literal, so V8 keeps the item a fast object; see
  // planIngest). A record never carries key attributes: fromItem strips them.
  if (!org) return { pk: key.pk, sk: key.sk, gsi3pk: summary.gsi3pk, gsi3sk: summary.gsi3sk, ...record };
  const byOrg = keys.organisationIndex(record.roundId, org, record.id);
  return {
    pk: key.pk,
    sk: key.sk,
    gsi3pk: summary.gsi3pk,
    gsi3sk: summary.gsi3sk,
    gsi2pk: byOrg.gsi2pk,
    gsi2sk: byOrg.gsi2sk,
    ...record,
  };
}

export function historyItem(previous: StoredProposal): Record<string, unknown> {
  return { ...previous, ...keys.revision(previous.roundId, previous.id, previous.revision) };
}
