// In-memory ProposalStore with the same conditional semantics as the DynamoDB one.
import type { StoredProposal } from '../../shared/submission';
import { conflict, type ProposalStore } from './proposal-store';

export class MemoryProposalStore implements ProposalStore {
  readonly proposals = new Map<string, StoredProposal>();
  readonly history = new Map<string, StoredProposal>();
  readonly nonces = new Set<string>();
  readonly digests = new Set<string>();

  async get(roundId: string, id: string) {
    const p = this.proposals.get(`${roundId}|${id}`);
    return p ? structuredClone(p) : undefined;
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

  async listRound(roundId: string) {
    return [...this.proposals.values()].filter((p) => p.roundId === roundId).map((p) => structuredClone(p));
  }

  async claimNonce(signature: string) {
    if (this.nonces.has(signature)) return false;
    this.nonces.add(signature);
    return true;
  }

  async claimDigest(roundId: string, period: string, audience: string) {
    const key = `${roundId}|${period}|${audience}`;
    if (this.digests.has(key)) return false;
    this.digests.add(key);
    return true;
  }

  async releaseDigest(roundId: string, period: string, audience: string) {
    this.digests.delete(`${roundId}|${period}|${audience}`);
  }
}
