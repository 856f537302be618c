// Proposer notifications against real local servers: dynalite holds the round and the ledger, and
// aws-ses-v2-local receives the mail.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { listEmails, type SentEmail } from '../../../../infra/local-stack/mail-inbox';
import { sesOptions } from '../../../../lambdas/adapters/aws-clients';
import { DynamoProposalStore } from '../../../../lambdas/adapters/dynamodb-proposal-store';
import { DynamoNotificationLedger } from '../../../../lambdas/adapters/notification-ledger';
import { type Mailer, SesMailer } from '../../../../lambdas/adapters/ses-mailer';
import { type NotifyDeps, notifyProposers } from '../../../../lambdas/services/notify-service';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { csoText } from '../../../../shared/negotiation/commitment-text';
import {
  type NegotiationState,
  type NegotiationStatus,
  startNegotiation,
} from '../../../../shared/negotiation/negotiation';
import { startDynamo, startMailSink } from '../../../support/local-servers';
import {
  reviewedSampleRound,
  sampleContacts,
  storeReviewedSampleRound,
} from '../../../support/reviewed-sample-round';

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let mail: Awaited<ReturnType<typeof startMailSink>>;
let deps: NotifyDeps;
const SITE = 'https://ogi.example/site';
const NOW = () => new Date('2022-09-01T02:00:00Z');

/** A stored negotiation of a sample commitment that ended with this status (as the negotiation store holds it). */
function ended(primaryIndex: number, status: NegotiationStatus, reason?: string): NegotiationState {
  const { proposals, commitments } = reviewedSampleRound();
  const primary = proposals[primaryIndex];
  const c = commitments.find((x) => x.sourceProposalIds[0] === primary?.id);
  if (!primary || !c) throw new Error('no such commitment');
  const started = startNegotiation(
    { commitmentId: c.id, title: c.title, sourceProposalIds: c.sourceProposalIds, csoText: csoText(primary) },
    'sekretariat',
    '2022-09-10T00:00:00Z',
  );
  if (!started.ok) throw new Error(started.message.en);
  return {
    ...started.state,
    status,
    ...(reason ? { reasonedResponse: reason } : {}),
    updatedAt: '2022-09-20T00:00:00Z',
  };
}
const storeOf = (...states: NegotiationState[]) => ({
  listNegotiations: async () => new Map(states.map((n) => [n.commitmentId, n])),
});

async function sentDuring(run: () => Promise<unknown>): Promise<SentEmail[]> {
  const before = (await listEmails(mail.url)).length;
  await run();
  return (await listEmails(mail.url)).slice(before);
}

beforeAll(async () => {
  dynamo = await startDynamo();
  mail = await startMailSink(0);
  const store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  await storeReviewedSampleRound(store);
  deps = {
    store,
    ledger: new DynamoNotificationLedger(dynamo.doc, dynamo.tableName),
    mailer: new SesMailer(sesOptions({ sesEndpoint: mail.url })),
    round: DEFAULT_ROUND,
    from: 'sekretariat@cocreate.example',
    siteUrl: SITE,
    now: NOW,
  };
});
afterAll(async () => {
  await mail.close();
  await dynamo.close();
});

describe('telling proposers where their idea went', () => {
  it('emails each proposer once when its proposal is decided, even when the trigger fires twice at once', async () => {
    const emails = await sentDuring(async () => {
      const [a, b] = await Promise.all([notifyProposers(deps), notifyProposers(deps)]);
      expect((a?.sent.length ?? 0) + (b?.sent.length ?? 0)).toBe(22);
      expect((a?.alreadySent ?? 0) + (b?.alreadySent ?? 0)).toBe(22);
    });
    expect(emails).toHaveLength(22);
    const recipients = emails.map((e) => e.destination.to.join(','));
    expect(new Set(recipients).size).toBe(22);
    expect(recipients.sort()).toEqual(SAMPLE_PROPOSALS.map((s) => String(s.answers.email)).sort());
    const again = await sentDuring(() => notifyProposers(deps));
    expect(again).toEqual([]);
  });

  it('skips what was sent before with one read of the ledger, not one refused conditional write per email', async () => {
    const commands: string[] = [];
    const counted = new Proxy(dynamo.doc, {
      get: (target, prop, receiver) =>
        prop === 'send'
          ? (command: { constructor: { name: string } }) => {
              commands.push(command.constructor.name);
              return target.send(command as never);
            }
          : Reflect.get(target, prop, receiver),
    });
    const ledger = new DynamoNotificationLedger(counted, dynamo.tableName);
    expect((await ledger.claimedKeys(DEFAULT_ROUND.id)).size).toBe(22);
    commands.length = 0;
    const emails = await sentDuring(async () => {
      const outcome = await notifyProposers({ ...deps, ledger });
      expect(outcome).toMatchObject({ due: 22, alreadySent: 22, sent: [], failed: [] });
    });
    expect(emails).toEqual([]);
    expect(commands).toEqual(['QueryCommand']);
  });

  it('says the decision, the reason and the commitment it fed, in both languages, linking the public page', async () => {
    const emails = await listEmails(mail.url);
    const merged = emails.find((e) => e.destination.to[0] === String(SAMPLE_PROPOSALS[16]?.answers.email));
    expect(merged?.subject).toMatch(/^Keputusan atas usulan Anda: .* \/ The decision on your proposal: /);
    const text = merged?.body.text ?? '';
    expect(text).toContain('Keputusan: Digabung');
    expect(text).toContain('Decision: Merged');
    expect(text).toMatch(
      /Where it went: Merged into commitment \d+ \(Transparansi Data Anggaran Kementerian\/Lembaga\) with co-authors: /,
    );
    expect(text).toMatch(new RegExp(`${SITE}/proposals/p_\\w+\\.html`));
    expect(merged?.body.html).toContain(`href="${SITE}/proposals/`);
    // The recipient's own address is only in the envelope; other contacts nowhere.
    for (const e of emails) {
      for (const c of sampleContacts()) expect(`${e.subject}${e.body.text}${e.body.html}`).not.toContain(c);
    }
  });

  it('emails the proposers of a commitment once when its negotiation ends', async () => {
    // Theme 2, with demo-17 merged in: both proposers hear of it.
    const withNegotiation: NotifyDeps = {
      ...deps,
      negotiations: storeOf(ended(1, 'agreed_with_changes', 'Tonggak 2 dipersempit agar terukur.')),
    };
    const emails = await sentDuring(async () => {
      await notifyProposers(withNegotiation);
      await notifyProposers(withNegotiation);
    });
    expect(emails.map((e) => e.destination.to[0]).sort()).toEqual(
      [String(SAMPLE_PROPOSALS[1]?.answers.email), String(SAMPLE_PROPOSALS[16]?.answers.email)].sort(),
    );
    expect(emails[0]?.body.text).toContain('Outcome of negotiation: Agreed with changes');
    expect(emails[0]?.body.text).toContain('Reason: Tonggak 2 dipersempit agar terukur.');
    // Adoption after the agreement is not a second end of the negotiation.
    const adopted = await sentDuring(() =>
      notifyProposers({
        ...deps,
        negotiations: storeOf(ended(1, 'adopted', 'Diadopsi dalam rencana aksi.')),
      }),
    );
    expect(adopted).toEqual([]);
  });

  it('releases the claim when a send fails, so the next run sends it', async () => {
    const dynamoStore = deps.store;
    const ledger = deps.ledger;
    let fail = true;
    const flaky: Mailer = {
      send: async (email) => {
        if (fail) throw new Error('SES down');
        return deps.mailer.send(email);
      },
    };
    const reopened: NotifyDeps = {
      ...deps,
      store: dynamoStore,
      ledger,
      mailer: flaky,
      // A new event: one proposal's negotiation ends (nobody has been told yet).
      negotiations: storeOf(ended(0, 'declined', 'Kementerian belum dapat mendanai tahun ini.')),
    };
    const first = await notifyProposers(reopened);
    expect(first.failed.map((f) => f.error)).toEqual(['SES down']);
    fail = false;
    const emails = await sentDuring(() => notifyProposers(reopened));
    expect(emails).toHaveLength(1);
    expect(emails[0]?.destination.to).toEqual([String(SAMPLE_PROPOSALS[0]?.answers.email)]);
  });
});
