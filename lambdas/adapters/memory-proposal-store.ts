// In memory, the same four ports as the DynamoDB store (proposals, reviews, replay guard, digest ledger), with
// the same conditional semantics: for fast service tests.
import type { DigestSummary, PreviousDigest } from '../../shared/digest/digest-model';
import type { StoredProposal } from '../../shared/ingest/ingest';
import { organisationKey } from '../../shared/ingest/validation';
import { type AuditEvent, auditTail, type ReviewState } from '../../shared/review/review';
import type { DigestLedger } from '../ports/digest-ledger';
import { conflict, type ProposalStore } from '../ports/proposal-store';
import type { ReplayGuard } from '../ports/replay-guard';
import type { ReviewStore, RoundSnapshot } from '../ports/review-store';

export class MemoryProposalStore implements ProposalStore, ReviewStore, ReplayGuard, DigestLedger {
  readonly reviews = new Map<string, ReviewState>();
  readonly audits = new Map<string, AuditEvent[]>();
  readonly proposals = new Map<string, StoredProposal>();
  readonly history = new Map<string, StoredProposal>();
  readonly nonces = new Set<string>();
  /** Digest claims by `round|period|audience`. */
  readonly digests = new Map<
    string,
    { period: string; audience: string; sentAt: string; summary?: DigestSummary }
  >();

  async get(roundId: string, id: string) {
    const p = this.proposals.get(`${roundId}|${id}`);
    return p ? structuredClone(p) : undefined;
  }

  async getMany(roundId: string, ids: string[]) {
    const out = new Map<string, StoredProposal>();
    for (const id of ids) {
      const p = await this.get(roundId, id);
      if (p) out.set(id, p);
    }
    return out;
  }

  async save(record: StoredProposal, expectedVersion?: number) {
    const key = `${record.roundId}|${record.id}`;
    const current = this.proposals.get(key);
    if (expectedVersion === undefined ? current : current?.version !== expectedVersion) {
      throw conflict(record.id, expectedVersion);
    }
    this.proposals.set(key, structuredClone(record));
  }

  async putMany(records: StoredProposal[], onBatch?: (written: number) => void) {
    for (const r of records) this.proposals.set(`${r.roundId}|${r.id}`, structuredClone(r));
    onBatch?.(records.length);
  }

  async saveHistory(previous: StoredProposal) {
    this.history.set(`${previous.roundId}|${previous.id}|${previous.revision}`, structuredClone(previous));
  }

  async saveHistoryMany(previous: StoredProposal[]) {
    for (const p of previous) await this.saveHistory(p);
  }

  async sameOrganisation(roundId: string, organisation: string) {
    const key = organisationKey(organisation);
    return [...this.proposals.values()]
      .filter((p) => p.roundId === roundId && key && organisationKey(p.organisation) === key)
      .map(({ id, organisation: org, title }) => ({ id, organisation: org, title }));
  }

  async listRound(roundId: string) {
    return [...this.proposals.values()].filter((p) => p.roundId === roundId).map((p) => structuredClone(p));
  }

  async getReviews(roundId: string, proposalIds: string[]) {
    const out = new Map<string, ReviewState>();
    for (const id of proposalIds) {
      const r = this.reviews.get(`${roundId}|${id}`);
      if (r) out.set(id, structuredClone(r));
    }
    return out;
  }

  async saveReview(roundId: string, state: ReviewState, expectedVersion: number) {
    const key = `${roundId}|${state.proposalId}`;
    const current = this.reviews.get(key);
    if (expectedVersion <= 1 ? current : current?.version !== expectedVersion)
      throw conflict(state.proposalId, expectedVersion);
    this.reviews.set(key, structuredClone({ ...state, audit: auditTail(state.audit) }));
    const trail = this.audits.get(key) ?? [];
    for (const e of state.audit) if (e.version > expectedVersion) trail.push(structuredClone(e));
    this.audits.set(key, trail);
  }

  async auditTrail(roundId: string, proposalId: string) {
    return structuredClone(this.audits.get(`${roundId}|${proposalId}`) ?? []);
  }

  async existingProposalIds(roundId: string, proposalIds: string[]) {
    return new Set(proposalIds.filter((id) => this.proposals.has(`${roundId}|${id}`)));
  }

  async loadRound(roundId: string): Promise<RoundSnapshot> {
    return {
      proposals: await this.listRound(roundId),
      reviews: await this.getReviews(
        roundId,
        [...this.proposals.values()].map((p) => p.id),
      ),
    };
  }

  async proposalPage(roundId: string, afterId: string | null, limit: number) {
    return [...this.proposals.values()]
      .filter((p) => p.roundId === roundId && (afterId === null || p.id > afterId))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit)
      .map((p) => structuredClone(p));
  }

  async mergeSources(roundId: string, targets: readonly { from: string; to: string }[]) {
    return [...this.reviews.entries()]
      .filter(([key, r]) => key.startsWith(`${roundId}|`) && r.status === 'merged' && r.mergeTarget)
      .map(([, r]) => ({ source: r.proposalId, target: r.mergeTarget as string }))
      .filter(({ target }) => targets.some((t) => target >= t.from && target <= t.to));
  }

  /** Nothing to index: mergeSources reads the reviews themselves. */
  async indexMerges() {
    return 0;
  }

  async claimNonce(signature: string) {
    if (this.nonces.has(signature)) return false;
    this.nonces.add(signature);
    return true;
  }

  async claimDigest(
    roundId: string,
    period: string,
    audience: string,
    atIso: string,
    summary?: DigestSummary,
  ) {
    const key = `${roundId}|${period}|${audience}`;
    if (this.digests.has(key)) return false;
    this.digests.set(key, {
      period,
      audience,
      sentAt: atIso,
      ...(summary ? { summary: structuredClone(summary) } : {}),
    });
    return true;
  }

  async lastDigestSummary(roundId: string, audience: string): Promise<PreviousDigest | undefined> {
    let last: PreviousDigest | undefined;
    for (const [key, d] of this.digests) {
      if (!key.startsWith(`${roundId}|`) || d.audience !== audience || !d.summary) continue;
      if (!last || d.period > last.period)
        last = { period: d.period, sentAt: d.sentAt, summary: structuredClone(d.summary) };
    }
    return last;
  }

  async releaseDigest(roundId: string, period: string, audience: string) {
    this.digests.delete(`${roundId}|${period}|${audience}`);
  }
}
