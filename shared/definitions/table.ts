// The one DynamoDB table: keys, indexes and item key builders. serverless.yml, the local stack and the
// adapters all read this definition, so they cannot drift apart.

import { stableHash } from '../platform/hash';
import { utf8Length } from '../platform/utf8';

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** Project only these attributes (besides keys) into the index; all attributes when absent. */
  include?: readonly string[];
}

/**
 * What a round summary (the digest) reads of proposals and reviews: no long texts. Kept in a narrow
 * index so that reading a large round moves a fraction of the bytes.
 */
export const SUMMARY_ATTRIBUTES = [
  'id',
  'roundId',
  'title',
  'organisation',
  'workingGroupId',
  'submittedAt',
  'valid',
  'issues',
  'status',
  'proposalId',
  'version',
  'reviewer',
  'reasonedResponse',
  'mergeTarget',
  'audit',
] as const;

/** What the likely-duplicate check reads of another proposal of the same organisation. */
export const DUPLICATE_CHECK_ATTRIBUTES = ['id', 'organisation', 'title'] as const;

export const TABLE = {
  /** Deployed name is `${baseName}-${stage}`. */
  baseName: 'cocreate',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Items that expire (replay nonces) carry epoch seconds here; DynamoDB TTL deletes them. */
  ttlAttribute: 'expiresAt',
  indexes: [
    /**
     * Proposals of one organisation in a round (the likely-duplicate check): gsi2pk = ROUND#r#ORG#o, with
     * only what that check compares. Every write also writes each index's projection, so an index holds no
     * more than its reader needs. (A working-group index, gsi1, was dropped: nothing queried it.)
     * The same index, partition ROUND#r#MERGED, holds one entry per merged review, sorted by
     * "<target>#<source>": who was merged into a proposal, so an export page reads its merge trees only.
     */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', include: DUPLICATE_CHECK_ATTRIBUTES },
    /** Proposals and reviews of a round with only SUMMARY_ATTRIBUTES: gsi3pk = ROUND#r, gsi3sk = sk. */
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', include: SUMMARY_ATTRIBUTES },
  ] as IndexDefinition[],
} as const;

export function tableName(stage: string): string {
  return `${TABLE.baseName}-${stage}`;
}

/** The CreateTable shape shared by CloudFormation (AWS::DynamoDB::Table) and the local stack. */
export function tableSchema() {
  const keyAttrs = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const ix of TABLE.indexes) {
    keyAttrs.add(ix.partitionKey);
    keyAttrs.add(ix.sortKey);
  }
  return {
    AttributeDefinitions: [...keyAttrs].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: TABLE.indexes.map((ix) => ({
      IndexName: ix.name,
      KeySchema: [
        { AttributeName: ix.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: ix.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: ix.include
        ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...ix.include] }
        : { ProjectionType: 'ALL' as const },
    })),
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}

/** DynamoDB's key limits in bytes (UTF-8): a partition key, a sort key; and an item's (400 KB). */
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;
export const MAX_ITEM_BYTES = 400 * 1024;

/**
 * An upper bound of an item's DynamoDB size: "the sum of the lengths of the attribute names and values"
 * (docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html), numbers ~21 bytes.
 */
export function itemBytes(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'number') return 21;
  if (typeof value === 'string') return utf8Length(value);
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + itemBytes(v), 0);
  if (typeof value === 'object')
    return 3 + Object.entries(value as object).reduce((n, [k, v]) => n + utf8Length(k) + 1 + itemBytes(v), 0);
  return utf8Length(String(value));
}
/** Longest submitted text a key may carry as is; longer text is cut and its hash appended. */
const MAX_KEY_PART_CHARS = 200;

/** Submitted text in a key, bounded: the same text always gives the same key part. */
export function boundedKeyPart(text: string): string {
  return text.length <= MAX_KEY_PART_CHARS
    ? text
    : `${text.slice(0, MAX_KEY_PART_CHARS)}~${stableHash(text)}`;
}

/**
 * An agency name (up to 200 characters) and an address (up to 254) may together pass the 1,024-byte sort
 * key in UTF-8: such a key is the two hashed instead. Keys within the limit stay as they always were.
 */
function focalPointSortKey(agencyKey: string, email: string): string {
  const sk = `FOCAL#${agencyKey}#${email}`;
  return utf8Length(sk) <= MAX_SORT_KEY_BYTES ? sk : `FOCAL#~${stableHash(agencyKey)}#~${stableHash(email)}`;
}

const negotiationHistoryPk = (roundId: string, commitmentId: string) =>
  `NEGHISTORY#${roundId}#${boundedKeyPart(commitmentId)}`;

/** Key builders: every item key in the product is made here. */
export const keys = {
  proposal: (roundId: string, proposalId: string) => ({
    pk: `ROUND#${roundId}`,
    sk: `PROPOSAL#${proposalId}`,
  }),
  proposalPrefix: 'PROPOSAL#',
  /** Review state of a proposal, written only by review edits (so ingest never overwrites it). */
  review: (roundId: string, proposalId: string) => ({ pk: `ROUND#${roundId}`, sk: `REVIEW#${proposalId}` }),
  reviewPrefix: 'REVIEW#',
  /** A commitment's negotiation with government agencies (shared/negotiation), versioned like a review. */
  negotiation: (roundId: string, commitmentId: string) => ({
    pk: `ROUND#${roundId}`,
    sk: `NEGOTIATION#${commitmentId}`,
  }),
  negotiationPrefix: 'NEGOTIATION#',
  /**
   * Agency focal points (personal data): their own partition, read only by the reminder email, so no
   * round read (export, digest) can pick them up.
   */
  focalPoint: (roundId: string, agencyKey: string, email: string) => ({
    pk: `CONTACTS#${roundId}`,
    sk: focalPointSortKey(agencyKey, email),
  }),
  /** One audit event of a proposal's review (its own item, so the trail never bounds the review item). */
  auditEvent: (roundId: string, proposalId: string, version: number) => ({
    pk: `AUDIT#${roundId}#${proposalId}`,
    sk: `V#${String(version).padStart(9, '0')}`,
  }),
  /**
   * A negotiation's history, each part its own item so the negotiation item stays bounded: audit events by
   * version, text revisions by revision, meetings by id, and one marker per applied agency-form answer.
   */
  negotiationEvent: (roundId: string, commitmentId: string, version: number) => ({
    pk: negotiationHistoryPk(roundId, commitmentId),
    sk: `V#${String(version).padStart(9, '0')}`,
  }),
  negotiationText: (roundId: string, commitmentId: string, revision: number) => ({
    pk: negotiationHistoryPk(roundId, commitmentId),
    sk: `T#${String(revision).padStart(9, '0')}`,
  }),
  negotiationMeeting: (roundId: string, commitmentId: string, meetingId: string) => ({
    pk: negotiationHistoryPk(roundId, commitmentId),
    sk: `M#${boundedKeyPart(meetingId)}`,
  }),
  negotiationAnswer: (roundId: string, commitmentId: string, responseId: string) => ({
    pk: negotiationHistoryPk(roundId, commitmentId),
    sk: `R#${boundedKeyPart(responseId)}`,
  }),
  /** Sort-key prefixes of the negotiation history items above. */
  negotiationHistoryPrefix: { event: 'V#', text: 'T#', meeting: 'M#', answer: 'R#' },
  roundPk: (roundId: string) => `ROUND#${roundId}`,
  /** The narrow summary index entry of a proposal or review item (same partition and sort key). */
  summaryIndex: (item: { pk: string; sk: string }) => ({ gsi3pk: item.pk, gsi3sk: item.sk }),
  /** A one-time data change that has run for a round (its own partition, never read with the round). */
  migration: (roundId: string, name: string) => ({ pk: `MIGRATION#${roundId}`, sk: name }),
  /** A merged review in the merge index (gsi2): read by target, or by a range of targets. */
  mergeIndex: (roundId: string, targetId: string, sourceId: string) => ({
    gsi2pk: `ROUND#${roundId}#MERGED`,
    gsi2sk: `${targetId}#${sourceId}`,
  }),
  organisationIndex: (roundId: string, organisationKey: string, proposalId: string) => ({
    gsi2pk: `ROUND#${roundId}#ORG#${boundedKeyPart(organisationKey)}`,
    gsi2sk: `PROPOSAL#${proposalId}`,
  }),
  /** Earlier revisions of an edited form response (history is kept, never overwritten). */
  revision: (roundId: string, proposalId: string, revision: number) => ({
    pk: `HISTORY#${roundId}#${proposalId}`,
    sk: `REV#${String(revision).padStart(6, '0')}`,
  }),
  nonce: (signature: string) => ({ pk: `NONCE#${signature}`, sk: 'NONCE' }),
  digestSend: (roundId: string, period: string, audience: string) => ({
    pk: `DIGEST#${roundId}`,
    sk: `${period}#${audience}`,
  }),
};
