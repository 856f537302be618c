// Notify use case: read the round (with the contacts: this runs where the secretariat's data lives), work
// out which decision and negotiation emails the current state calls for, and send each one exactly once:
// claim in the ledger, send, release the claim if the send fails. What the ledger already holds is read once
// a run and skipped, so a run every 15 minutes does not pay a refused conditional write per sent email.
import type { RoundConfig } from '../../shared/definitions/round';
import { type ProposerNotice, proposerNotices } from '../../shared/publishing/notifications';
import { assertAddresses, type Mailer } from '../ports/mailer';
import type { NegotiationStore } from '../ports/negotiation-store';
import type { NotificationLedger } from '../ports/notification-ledger';
import type { ReviewStore } from '../ports/review-store';
import { loadPublicRound } from './public-round-service';

export interface NotifyDeps {
  store: Pick<ReviewStore, 'loadRound'>;
  ledger: NotificationLedger;
  mailer: Mailer;
  round: RoundConfig;
  from: string;
  /** The public site's address: each email links to the proposal's page there. */
  siteUrl: string;
  now: () => Date;
  /** With it, proposers also hear when the negotiation of the commitment their proposal fed ends. */
  negotiations?: Pick<NegotiationStore, 'listNegotiations'>;
}

export interface NotifyOutcome {
  due: number;
  sent: { key: string; messageId: string }[];
  alreadySent: number;
  /** Events that could not be sent (no valid contact address, or the send failed: retried next run). */
  failed: { key: string; error: string }[];
}

export async function notifyProposers(deps: NotifyDeps): Promise<NotifyOutcome> {
  const nowIso = deps.now().toISOString();
  const { model, joined } = await loadPublicRound(deps, nowIso);
  const emailOf = new Map(joined.map((p) => [p.id, p.email.trim()]));
  const notices: ProposerNotice[] = proposerNotices(model, deps.siteUrl);
  const outcome: NotifyOutcome = { due: notices.length, sent: [], alreadySent: 0, failed: [] };
  const claimed = notices.length ? await deps.ledger.claimedKeys(deps.round.id) : new Set<string>();
  for (const n of notices) {
    if (claimed.has(n.key)) {
      outcome.alreadySent++;
      continue;
    }
    const to = emailOf.get(n.proposalId) ?? '';
    try {
      assertAddresses([to]);
    } catch {
      // Not claimed: once the secretariat fixes the address, the next run sends it.
      outcome.failed.push({ key: n.key, error: 'no valid contact address' });
      continue;
    }
    if (!(await deps.ledger.claim(deps.round.id, n.key, nowIso))) {
      outcome.alreadySent++;
      continue;
    }
    try {
      const { messageId } = await deps.mailer.send({
        from: deps.from,
        to: [to],
        subject: n.subject,
        html: n.html,
        text: n.text,
      });
      outcome.sent.push({ key: n.key, messageId });
    } catch (e) {
      await deps.ledger.release(deps.round.id, n.key);
      outcome.failed.push({ key: n.key, error: (e as Error).message ?? String(e) });
    }
  }
  return outcome;
}
