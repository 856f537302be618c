// Digest use case: read the round, render, send once per period and audience.
import { buildDigest, renderDigest } from '../shared/digest-render';
import type { Lang } from '../shared/i18n';
import type { RoundConfig } from '../shared/round';
import { joinReviews } from '../shared/round-view';
import { isoWeek } from '../shared/time';
import type { ProposalStore } from './adapters/proposal-store';
import type { ReviewStore } from './adapters/review-store';
import type { Mailer } from './adapters/ses-mailer';

export interface DigestDeps {
  store: ProposalStore & ReviewStore;
  mailer: Mailer;
  round: RoundConfig;
  from: string;
  to: string[];
  now: () => Date;
}

export interface DigestOutcome {
  sent: boolean;
  period: string;
  proposals: number;
  messageId?: string;
}

export async function sendDigest(
  deps: DigestDeps,
  opts: { force?: boolean; lang?: Lang } = {},
): Promise<DigestOutcome> {
  const nowIso = deps.now().toISOString();
  const period = isoWeek(nowIso);
  const { proposals: stored, reviews } = await deps.store.loadRound(deps.round.id);
  const proposals = joinReviews(stored, reviews);
  const model = buildDigest(proposals, deps.round, nowIso);
  const email = renderDigest(model, opts.lang ?? deps.round.languages[0] ?? 'id', deps.round.timeZone);
  // Claim first: a retried run finds the claim and does not send twice. If the send fails, the claim
  // is released so the next run tries again.
  const audience = 'secretariat';
  const claimed = !opts.force && (await deps.store.claimDigest(deps.round.id, period, audience, nowIso));
  if (!opts.force && !claimed) return { sent: false, period, proposals: proposals.length };
  try {
    const { messageId } = await deps.mailer.send({ from: deps.from, to: deps.to, ...email });
    return { sent: true, period, proposals: proposals.length, messageId };
  } catch (e) {
    if (claimed) await deps.store.releaseDigest(deps.round.id, period, audience);
    throw e;
  }
}
