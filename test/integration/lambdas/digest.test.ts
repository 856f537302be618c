import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listEmails } from '../../../infra/mail-inbox';
import { SAMPLE_PROPOSALS } from '../../../infra/sample-round';
import { makeSesClient } from '../../../lambdas/adapters/aws-clients';
import { DynamoProposalStore } from '../../../lambdas/adapters/dynamodb-proposal-store';
import { SesMailer } from '../../../lambdas/adapters/ses-mailer';
import { sendDigest } from '../../../lambdas/digest-service';
import { ingestSubmission } from '../../../lambdas/ingest-service';
import { formSpec } from '../../../shared/form-spec';
import { DEFAULT_ROUND } from '../../../shared/round';
import { startDynamo, startMailSink } from '../../support/local-servers';

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let mail: Awaited<ReturnType<typeof startMailSink>>;
let deps: Parameters<typeof sendDigest>[0];
const now = () => new Date('2022-08-08T01:00:00Z');

beforeAll(async () => {
  dynamo = await startDynamo();
  mail = await startMailSink(0);
  const store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  const spec = formSpec(DEFAULT_ROUND);
  for (const s of SAMPLE_PROPOSALS.slice(0, 5)) {
    await ingestSubmission(
      { store, spec, round: DEFAULT_ROUND, now },
      { responseId: s.responseId, submittedAt: s.submittedAt, answers: s.answers },
    );
  }
  await ingestSubmission(
    { store, spec, round: DEFAULT_ROUND, now },
    {
      responseId: 'bad',
      submittedAt: '2022-08-02T00:00:00Z',
      answers: { title: '<script>alert(1)</script>' },
    },
  );
  deps = {
    store,
    mailer: new SesMailer(makeSesClient({ sesEndpoint: mail.url })),
    round: DEFAULT_ROUND,
    from: 'sekretariat@cocreate.example',
    to: ['tim@cocreate.example'],
    now,
  };
});
afterAll(async () => {
  await mail.close();
  await dynamo.close();
});

describe('digest through the SES sink', () => {
  it('sends the round status once per week, however often the schedule fires', async () => {
    const first = await sendDigest(deps);
    const second = await sendDigest(deps);
    expect(first).toMatchObject({ sent: true, proposals: 6, period: '2022-W32' });
    expect(second.sent).toBe(false);
    const emails = await listEmails(mail.url);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email?.destination.to).toEqual(['tim@cocreate.example']);
    expect(email?.subject).toContain('Status usulan komitmen');
    expect(email?.body.text).toContain('Total usulan: 6');
  });

  it('escapes user text in the HTML part', async () => {
    await sendDigest(deps, { force: true });
    const html = (await listEmails(mail.url)).at(-1)?.body.html ?? '';
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('refuses an invalid recipient before calling SES (the sink would accept it)', async () => {
    await expect(sendDigest({ ...deps, to: ['bukan alamat'] }, { force: true })).rejects.toThrow(
      /Invalid email/,
    );
  });
});
