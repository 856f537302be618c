// The digest's negotiation section and the agency reminders against dynalite and the SES sink.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listEmails, type SentEmail } from '../../../infra/local-stack/mail-inbox';
import { sesOptions } from '../../../lambdas/adapters/aws-clients';
import { DynamoNegotiationStore } from '../../../lambdas/adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from '../../../lambdas/adapters/dynamodb-proposal-store';
import { SesMailer } from '../../../lambdas/adapters/ses-mailer';
import { type DigestDeps, sendDigest } from '../../../lambdas/services/digest-service';
import { applyNegotiationEdits } from '../../../lambdas/services/negotiations-service';
import { DEFAULT_ROUND, type RoundConfig } from '../../../shared/definitions/round';
import { acceptSampleProposals } from '../../support/accepted-commitments';
import { startDynamo, startMailSink } from '../../support/local-servers';

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let mail: Awaited<ReturnType<typeof startMailSink>>;
let proposals: DynamoProposalStore;
let negotiations: DynamoNegotiationStore;
let deps: DigestDeps;
const GROUP = 'akb@cocreate.example';
const ROUND: RoundConfig = {
  ...DEFAULT_ROUND,
  agencyResponseDays: 10,
  workingGroups: DEFAULT_ROUND.workingGroups.map((g) =>
    g.id === 'anti-corruption-budget' ? { ...g, contacts: [GROUP] } : g,
  ),
};
const START = new Date('2022-09-01T01:00:00Z');
const week = (n: number) => () => new Date(START.getTime() + n * 7 * 86_400_000);
const FOCAL = { name: 'Narahubung Fiktif Keuangan', email: 'fokal.keuangan@agency.example.org' };
let ids: string[] = [];
let leads: string[] = [];

async function sentDuring(run: () => Promise<unknown>): Promise<SentEmail[]> {
  const before = (await listEmails(mail.url)).length;
  await run();
  return (await listEmails(mail.url)).slice(before);
}

beforeAll(async () => {
  dynamo = await startDynamo();
  mail = await startMailSink(0);
  proposals = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  negotiations = new DynamoNegotiationStore(dynamo.doc, dynamo.tableName);
  const now = week(0);
  ({ commitmentIds: ids, leads } = await acceptSampleProposals(proposals, ROUND, now, 3));
  // Commitment 0: agreed with a narrower action; 1: its lead supports, still in discussion; 2: untouched.
  const neg = { negotiations, rounds: proposals, round: ROUND, now };
  await applyNegotiationEdits(neg, [
    {
      commitmentId: ids[0] as string,
      agency: leads[0] as string,
      expectedVersion: 1,
      actor: 'Sekretariat',
      changes: [
        { field: 'position', to: 'supports_with_changes' },
        { field: 'text.action', to: 'Portal anggaran di 10 kementerian percontohan.' },
      ],
    },
    {
      commitmentId: ids[1] as string,
      agency: leads[1] as string,
      expectedVersion: 1,
      actor: 'Sekretariat',
      changes: [{ field: 'position', to: 'supports' }],
    },
  ]);
  await applyNegotiationEdits(neg, [
    {
      commitmentId: ids[0] as string,
      expectedVersion: 2,
      actor: 'Sekretariat',
      changes: [
        { field: 'status', to: 'agreed_with_changes' },
        {
          field: 'reasonedResponse',
          to: 'Disepakati untuk 10 kementerian percontohan lebih dulu (ilustrasi).',
        },
      ],
    },
  ]);
  await negotiations.saveFocalPoints(ROUND.id, [{ agency: leads[2] as string, ...FOCAL }]);
  deps = {
    store: proposals,
    negotiations,
    mailer: new SesMailer(sesOptions({ sesEndpoint: mail.url })),
    round: ROUND,
    from: 'sekretariat@cocreate.example',
    to: ['tim@cocreate.example'],
    agencyFormLink:
      'https://docs.google.com/forms/d/e/FAKE/viewform?usp=pp_url&entry.1=%7BcommitmentId%7D&entry.2=%7Bagency%7D',
    now: week(3),
  };
});
afterAll(async () => {
  await mail.close();
  await dynamo.close();
});

describe('the digest negotiation section', () => {
  it('shows each commitment’s status and lead, the silent agencies, and what changed from the CSO text', async () => {
    const emails = await sentDuring(() => sendDigest(deps));
    const secretariat = emails.find((e) => e.destination.to.includes('tim@cocreate.example'));
    const text = secretariat?.body.text ?? '';
    expect(text).toContain('== Negosiasi dengan K/L (3) ==');
    expect(text).toContain('Disepakati dengan perubahan: 1');
    expect(text).toContain('Dalam pembahasan: 1');
    expect(text).toContain('Belum dimulai: 1');
    // The untouched commitment's lead has waited three weeks (> 10 days).
    expect(text).toMatch(
      new RegExp(`== Instansi belum menjawab lebih dari 10 hari \\(1\\) ==\\n- ${leads[2]} \\(Utama\\)`),
    );
    expect(text).toContain('{+Portal anggaran di 10 kementerian percontohan+}');
    const html = secretariat?.body.html ?? '';
    expect(html).toContain('<ins style');
    expect(html).toContain('<del style');
    // The working group's digest has the section too, without any focal point.
    const group = emails.find((e) => e.destination.to.includes(GROUP));
    expect(group?.body.text).toContain('Negosiasi dengan K/L');
    for (const e of emails.filter((x) => !x.destination.to.includes(FOCAL.email))) {
      expect(JSON.stringify(e.body)).not.toContain(FOCAL.email);
      expect(JSON.stringify(e.body)).not.toContain(FOCAL.name);
    }
  });
});

describe('agency reminders', () => {
  it('email each agency with focal points the commitments waiting for its position, once per period', async () => {
    const first = await sentDuring(() => sendDigest({ ...deps, now: week(4) }));
    const reminders = first.filter((e) => e.destination.to.includes(FOCAL.email));
    expect(reminders).toHaveLength(1);
    const r = reminders[0] as SentEmail;
    expect(r.subject).toContain(`Menunggu posisi ${leads[2]}: 1 komitmen`);
    expect(r.body.text).toContain(ids[2]);
    expect(r.body.text).not.toContain(ids[0]); // agreed: nothing to wait for
    expect(r.body.text).toContain(`entry.1=${ids[2]}&entry.2=${encodeURIComponent(leads[2] as string)}`);
    // Forced again in the same week: the digest goes, the reminder does not.
    const again = await sentDuring(() => sendDigest({ ...deps, now: week(4) }, { force: true }));
    expect(again.some((e) => e.destination.to.includes('tim@cocreate.example'))).toBe(true);
    expect(again.filter((e) => e.destination.to.includes(FOCAL.email))).toHaveLength(0);
    // Next week it comes again, since the agency is still silent.
    const next = await sentDuring(() => sendDigest({ ...deps, now: week(5) }));
    expect(next.filter((e) => e.destination.to.includes(FOCAL.email))).toHaveLength(1);
  });

  it('reports a reminder without the focal point’s address', async () => {
    const outcome = await sendDigest({ ...deps, now: week(6) });
    const reminder = outcome.deliveries.find((d) => d.audience.startsWith('agency:'));
    expect(reminder).toMatchObject({ sent: true, to: [], recipients: 1 });
    expect(JSON.stringify(outcome)).not.toContain(FOCAL.email);
  });
});
