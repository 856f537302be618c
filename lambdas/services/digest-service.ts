// Digest use case: read the round once, build one digest per audience (the secretariat, and each working
// group that has contacts), and send each exactly once per period: claim first (with the summary the next
// digest compares against), send, release the claim if the send fails.

import { commitmentsOf, joinReviews } from '../../shared/consolidation/round-view';
import type { RoundConfig } from '../../shared/definitions/round';
import {
  audienceKey,
  buildDigestModel,
  type DigestAudience,
  type DigestModel,
  SECRETARIAT,
} from '../../shared/digest/digest-model';
import { type RenderedDigest, renderDigest } from '../../shared/digest/digest-render';
import { agencyReminders, renderReminder } from '../../shared/negotiation/agency-reminder';
import type { CsoSource } from '../../shared/negotiation/commitment-text';
import type { NegotiationState } from '../../shared/negotiation/negotiation';
import { roundNegotiations } from '../../shared/negotiation/round-negotiations';
import type { Lang, Text } from '../../shared/platform/i18n';
import { isoWeek } from '../../shared/platform/time';
import { irmCheck } from '../../shared/publishing/irm-check';
import type { DigestLedger } from '../ports/digest-ledger';
import type { Mailer } from '../ports/mailer';
import type { NegotiationStore } from '../ports/negotiation-store';
import type { ProposalStore } from '../ports/proposal-store';
import type { ReviewStore } from '../ports/review-store';

export interface DigestDeps {
  store: DigestLedger & Pick<ReviewStore, 'loadRound'> & Partial<Pick<ProposalStore, 'getMany'>>;
  /** With it, the digest has its negotiation section and agencies get their reminders. */
  negotiations?: Pick<NegotiationStore, 'listNegotiations' | 'listFocalPoints'>;
  /** The agency-response form's pre-filled link template ({commitmentId}, {agency}), for reminders. */
  agencyFormLink?: string;
  mailer: Mailer;
  round: RoundConfig;
  from: string;
  /** The secretariat list. Working-group recipients come from round.workingGroups[].contacts. */
  to: string[];
  now: () => Date;
}

export interface DigestOptions {
  /** Send even if this period's digest was already sent (the "send now" path); records no claim. */
  force?: boolean;
  lang?: Lang;
}

export interface PreparedDigest {
  audience: DigestAudience;
  /** As stored with the claim: `secretariat` or `group:<id>`. */
  key: string;
  to: string[];
  model: DigestModel;
  email: RenderedDigest;
}

export interface DigestDelivery {
  audience: string;
  /** Empty for agency reminders: focal points' addresses are personal data and stay out of logs. */
  to: string[];
  /** How many addresses it went to. */
  recipients?: number;
  sent: boolean;
  proposals: number;
  messageId?: string;
  /** Why nothing was sent: already sent this period, or the send failed. */
  skipped?: 'already_sent';
  error?: string;
}

export interface DigestOutcome {
  /** True when at least one digest went out. */
  sent: boolean;
  period: string;
  /** Proposals in the round. */
  proposals: number;
  /** The secretariat digest's message id. */
  messageId?: string;
  deliveries: DigestDelivery[];
}

/** Some sends failed (their claims were released, so the next run retries only those). */
export class DigestSendError extends Error {
  constructor(
    readonly outcome: DigestOutcome,
    readonly failures: unknown[],
  ) {
    super(
      `Digest send failed for ${outcome.deliveries
        .filter((d) => d.error)
        .map((d) => `${d.audience}: ${d.error}`)
        .join('; ')}`,
    );
    this.name = 'DigestSendError';
  }
}

/** Who gets a digest: the secretariat list, then every working group with contacts. */
export function digestAudiences(
  round: RoundConfig,
  secretariat: string[],
): { audience: DigestAudience; to: string[] }[] {
  const out: { audience: DigestAudience; to: string[] }[] = [];
  if (secretariat.length) out.push({ audience: SECRETARIAT, to: secretariat });
  for (const g of round.workingGroups) {
    const to = (g.contacts ?? []).map((c) => c.trim()).filter(Boolean);
    if (to.length) out.push({ audience: { kind: 'working_group', groupId: g.id }, to });
  }
  return out;
}

/** Builds and renders this period's digests (no sending, no claims): also what `cocreate digest` previews. */
export async function prepareDigests(
  deps: Pick<DigestDeps, 'store' | 'round' | 'to' | 'now' | 'negotiations'>,
  opts: { lang?: Lang; audiences?: { audience: DigestAudience; to: string[] }[] } = {},
): Promise<{
  period: string;
  nowIso: string;
  proposals: number;
  digests: PreparedDigest[];
  negotiations?: NegotiationState[];
}> {
  const nowIso = deps.now().toISOString();
  const period = isoWeek(nowIso);
  const lang = opts.lang ?? deps.round.languages[0] ?? 'id';
  const { proposals, reviews } = await deps.store.loadRound(deps.round.id, { summary: true });
  const negotiations = deps.negotiations
    ? await loadNegotiations(
        deps as Pick<DigestDeps, 'store' | 'round'>,
        deps.negotiations,
        proposals,
        reviews,
      )
    : undefined;
  const digests: PreparedDigest[] = [];
  const irmByProposal = new Map<string, Text[]>();
  for (const { audience, to } of opts.audiences ?? digestAudiences(deps.round, deps.to)) {
    const key = audienceKey(audience);
    const previous = await deps.store.lastDigestSummary(deps.round.id, key);
    const model = buildDigestModel({
      proposals,
      reviews,
      round: deps.round,
      now: nowIso,
      period,
      audience,
      ...(previous ? { previous } : {}),
      ...(negotiations ? { negotiations } : {}),
    });
    await flagCommitments(model, deps, irmByProposal);
    digests.push({ audience, key, to, model, email: renderDigest(model, { lang }) });
  }
  return { period, nowIso, proposals: proposals.length, digests, ...(negotiations ? { negotiations } : {}) };
}

/**
 * Every commitment's negotiation. The summary read has no proposal texts: the CSO text of a commitment
 * never negotiated comes from its primary proposal, read in one batch (BatchGetItem).
 */
async function loadNegotiations(
  deps: Pick<DigestDeps, 'store' | 'round'>,
  store: NonNullable<DigestDeps['negotiations']>,
  proposals: Parameters<typeof joinReviews>[0],
  reviews: Parameters<typeof joinReviews>[1],
): Promise<NegotiationState[]> {
  const stored = await store.listNegotiations(deps.round.id);
  const commitments = commitmentsOf(joinReviews(proposals, reviews));
  const missing = commitments.filter((c) => !stored.has(c.id)).map((c) => c.sourceProposalIds[0] ?? '');
  const sources: Map<string, CsoSource> =
    missing.length && deps.store.getMany ? await deps.store.getMany(deps.round.id, missing) : new Map();
  return roundNegotiations(commitments, sources, stored);
}

export async function sendDigest(deps: DigestDeps, opts: DigestOptions = {}): Promise<DigestOutcome> {
  const { period, nowIso, proposals, digests, negotiations } = await prepareDigests(deps, {
    ...(opts.lang ? { lang: opts.lang } : {}),
  });
  const roundId = deps.round.id;
  const deliveries: DigestDelivery[] = [];
  const failures: unknown[] = [];
  for (const d of digests) {
    const base = { audience: d.key, to: d.to, proposals: d.model.summary.total };
    // Claim first: a retried run finds the claim and does not send twice. If the send fails, the claim
    // is released so the next run tries this audience again.
    const claimed =
      !opts.force && (await deps.store.claimDigest(roundId, period, d.key, nowIso, d.model.summary));
    if (!opts.force && !claimed) {
      deliveries.push({ ...base, sent: false, skipped: 'already_sent' });
      continue;
    }
    try {
      const { messageId } = await deps.mailer.send({ from: deps.from, to: d.to, ...d.email });
      deliveries.push({ ...base, sent: true, messageId });
    } catch (e) {
      if (claimed) await deps.store.releaseDigest(roundId, period, d.key);
      failures.push(e);
      deliveries.push({ ...base, sent: false, error: (e as Error).message ?? String(e) });
    }
  }
  if (negotiations && deps.negotiations) {
    const lang = opts.lang ?? deps.round.languages[0] ?? 'id';
    const reminders = agencyReminders(negotiations, await deps.negotiations.listFocalPoints(roundId), {
      ...(deps.agencyFormLink ? { formLinkTemplate: deps.agencyFormLink } : {}),
    });
    for (const r of reminders) {
      // Exactly once per period even when the digest itself is forced: agencies are not spammed.
      const base = { audience: r.key, to: [], recipients: r.to.length, proposals: r.items.length };
      if (!(await deps.store.claimDigest(roundId, period, r.key, nowIso))) {
        deliveries.push({ ...base, sent: false, skipped: 'already_sent' });
        continue;
      }
      try {
        const { messageId } = await deps.mailer.send({
          from: deps.from,
          to: r.to,
          ...renderReminder(r, deps.round, lang),
        });
        deliveries.push({ ...base, sent: true, messageId });
      } catch (e) {
        await deps.store.releaseDigest(roundId, period, r.key);
        failures.push(e);
        // The mailer's message may quote an address: keep only its first line, without addresses.
        deliveries.push({
          ...base,
          sent: false,
          error: String((e as Error).message ?? e).replace(/\S+@\S+/g, '[address]'),
        });
      }
    }
  }
  const secretariat = deliveries.find((d) => d.audience === audienceKey(SECRETARIAT));
  const outcome: DigestOutcome = {
    sent: deliveries.some((d) => d.sent),
    period,
    proposals,
    ...(secretariat?.messageId ? { messageId: secretariat.messageId } : {}),
    deliveries,
  };
  if (failures.length) throw new DigestSendError(outcome, failures);
  return outcome;
}

/**
 * Marks the commitments whose text the IRM pre-check still flags. The digest reads a narrow summary of the
 * round, without the texts the check needs: the commitments' primary proposals are read whole, in one
 * BatchGetItem round per run for all audiences (the cache lives for one run).
 */
async function flagCommitments(
  model: DigestModel,
  deps: Pick<DigestDeps, 'store' | 'round'>,
  cache: Map<string, Text[]>,
): Promise<void> {
  const getMany = deps.store.getMany?.bind(deps.store);
  if (!getMany) return;
  const primaries = model.commitments.flatMap((c) => (c.sources[0] ? [c.sources[0].id] : []));
  // One BatchGetItem for every primary not read for an earlier audience (was one GetItem each, in turn).
  const unread = [...new Set(primaries.filter((id) => !cache.has(id)))];
  if (unread.length) {
    const read = await getMany(deps.round.id, unread);
    for (const id of unread) {
      const p = read.get(id);
      cache.set(id, p ? irmCheck(p, deps.round).flags.map((f) => f.label) : []);
    }
  }
  for (const c of model.commitments) {
    const found = c.sources[0] ? cache.get(c.sources[0].id) : undefined;
    if (found?.length) c.irmFlags = found;
  }
}
