import { describe, expect, it } from '@jest/globals';
import {
  confirmationJob,
  MAIL_PREFIX,
  MAX_LISTED_ISSUES,
  renderConfirmation,
  sendConfirmation,
  sendDeferredConfirmations,
} from '../../../../apps-script/src/ingest/confirmation-mail';
import { handleFormSubmit, type SubmitDeps } from '../../../../apps-script/src/ingest/ingest';
import { retryOutbox } from '../../../../apps-script/src/outbox/retry';
import type { FormSubmitEventLike } from '../../../../apps-script/src/ports';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { answersToTitles } from '../../../../shared/ingest/answers';
import type { Issue } from '../../../../shared/ingest/validation';
import {
  configured,
  counterId,
  MemoryHttp,
  MemoryLock,
  MemoryLog,
  MemoryMail,
  MemorySpreadsheets,
  nodeHmac,
  type Responder,
  TestClock,
} from '../in-memory-ports';

const issue = (id: string, en: string): Issue => ({ code: 'required', field: 'x', message: { id, en } });

const job = (extra: Partial<Parameters<typeof confirmationJob>[0]> = {}) =>
  confirmationJob({
    responseId: 'resp-1',
    to: 'ana@example.org',
    title: 'Anggaran <b>desa</b> & "terbuka"',
    issues: [],
    editUrl: 'https://docs.google.com/forms/d/e/x/viewform?edit2=a&b=<c>',
    queued: false,
    ...extra,
  });

describe('renderConfirmation', () => {
  it('writes subject and body in Bahasa Indonesia first, then English', () => {
    const m = renderConfirmation(job());
    expect(m.subject).toBe(
      'Usulan diterima: Anggaran <b>desa</b> & "terbuka" / Proposal received: Anggaran <b>desa</b> & "terbuka"',
    );
    const [id, en] = m.body.split('\n\n---\n\n');
    expect(id).toMatch(/^Terima kasih\. .*\nUsulan Anda lengkap/);
    expect(en).toMatch(/^Thank you\. .*\nYour proposal is complete/);
    expect(m.body).toContain('Ubah jawaban Anda: https://docs.google.com/forms/d/e/x/viewform?edit2=a&b=<c>');
  });

  it('escapes the submitter text and the link in the HTML body', () => {
    const { htmlBody } = renderConfirmation(job());
    expect(htmlBody).toContain('Anggaran &lt;b&gt;desa&lt;/b&gt; &amp; &quot;terbuka&quot;');
    expect(htmlBody).not.toContain('<b>desa');
    expect(htmlBody).toContain('href="https://docs.google.com/forms/d/e/x/viewform?edit2=a&amp;b=&lt;c&gt;"');
  });

  it('lists what to fix in each language, and says how many more when the list is cut', () => {
    const many = Array.from({ length: MAX_LISTED_ISSUES + 3 }, (_, i) =>
      issue(`Wajib ${i}`, `Required ${i}`),
    );
    const m = renderConfirmation(job({ issues: many }));
    expect(m.body).toContain(
      `Usulan Anda perlu perbaikan (${MAX_LISTED_ISSUES + 3}) sebelum dapat ditinjau:\n- Wajib 0`,
    );
    expect(m.body).toContain('- … dan 3 lainnya');
    expect(m.body).toContain(
      `Your proposal needs fixes (${MAX_LISTED_ISSUES + 3}) before it can be reviewed:\n- Required 0`,
    );
    expect(m.htmlBody).toContain('<li>Required 1</li>');
  });

  it('says when the check was made by the form because the server did not answer', () => {
    expect(renderConfirmation(job({ queued: true })).body).toContain('server sedang tidak terjangkau');
    expect(renderConfirmation(job()).body).not.toContain('tidak terjangkau');
  });

  it('leaves out an edit link that is not https', () => {
    const m = renderConfirmation(job({ editUrl: 'javascript:alert(1)' }));
    expect(m.htmlBody).not.toContain('href');
    expect(m.body).not.toContain('javascript');
  });
});

describe('sendConfirmation', () => {
  const deps = (mail = new MemoryMail()) => ({ mail, props: configured(), log: new MemoryLog() });

  it('sends while the quota stays above the reserve', () => {
    const d = deps(new MemoryMail(11));
    expect(sendConfirmation(d, job(), 10)).toBe('sent');
    expect(d.mail.sent.map((m) => m.to)).toEqual(['ana@example.org']);
  });

  it('keeps the email for later when sending would use the reserve, and sends it once quota is back', () => {
    const d = deps(new MemoryMail(10));
    expect(sendConfirmation(d, job(), 10)).toBe('deferred');
    expect(d.mail.sent).toEqual([]);
    expect(d.props.keys()).toContain(`${MAIL_PREFIX}resp-1`);
    expect(sendDeferredConfirmations(d, 10)).toBe(0);
    d.mail.quota = 50;
    expect(sendDeferredConfirmations(d, 10)).toBe(1);
    expect(d.props.keys()).not.toContain(`${MAIL_PREFIX}resp-1`);
    expect(d.mail.sent[0]?.subject).toMatch(/^Usulan diterima/);
  });

  it('keeps the email for later when MailApp throws', () => {
    const d = deps();
    d.mail.failNext = new Error('Service unavailable: Gmail');
    expect(sendConfirmation(d, job(), 0)).toBe('deferred');
  });

  it('does not try an address that is not an email', () => {
    const d = deps();
    expect(sendConfirmation(d, job({ to: 'bukan email' }), 0)).toBe('skipped');
    expect(d.mail.sent).toEqual([]);
  });
});

describe('onFormSubmit sends the confirmation', () => {
  const spec = formSpec(DEFAULT_ROUND);
  const event = (answers: Record<string, string>): FormSubmitEventLike => ({
    response: {
      getId: () => 'resp-7',
      getTimestamp: () => new Date('2026-11-26T03:15:00Z'),
      getEditResponseUrl: () => 'https://docs.google.com/forms/d/e/x/viewform?edit2=7',
      getItemResponses: () =>
        Object.entries(answersToTitles(spec, answers)).map(([t, a]) => ({
          getItem: () => ({ getTitle: () => t }),
          getResponse: () => a,
        })),
    },
  });
  const answers = { title: 'Data terbuka', email: 'Ana@Example.org', working_group: 'gedsi' };

  function setup(responder: Responder, mail = new MemoryMail()) {
    const d: SubmitDeps = {
      props: configured(),
      http: new MemoryHttp(responder),
      hmac: nodeHmac,
      newId: counterId,
      now: new TestClock().now,
      log: new MemoryLog(),
      sheets: new MemorySpreadsheets(),
      lock: new MemoryLock(),
      mail,
    };
    return { d, mail };
  }

  it('with the issues the API found', () => {
    const reply = {
      id: 'p_1',
      result: 'create',
      issues: [issue('Wajib diisi: Masalah', 'Required: Problem')],
    };
    const { d, mail } = setup(() => ({ status: 201, body: JSON.stringify(reply) }));
    expect(handleFormSubmit(d, event(answers))).toMatchObject({ mail: 'sent' });
    expect(mail.sent[0]?.to).toBe('ana@example.org');
    expect(mail.sent[0]?.body).toContain(
      'Usulan Anda perlu perbaikan (1) sebelum dapat ditinjau:\n- Wajib diisi: Masalah',
    );
    expect(mail.sent[0]?.body).toContain('https://docs.google.com/forms/d/e/x/viewform?edit2=7');
  });

  it('with the issues found locally when the API is down', () => {
    const { d, mail } = setup(() => ({ status: 503, body: '' }));
    expect(handleFormSubmit(d, event(answers))).toMatchObject({ outcome: 'queued', mail: 'sent' });
    expect(mail.sent[0]?.body).toMatch(/Usulan Anda perlu perbaikan \(\d+\)/);
    expect(mail.sent[0]?.body).toContain('Wajib diisi: Kementerian/Lembaga (K/L) pelaksana utama');
  });

  it('not for a duplicate firing the API recognised', () => {
    const { d, mail } = setup(() => ({ status: 200, body: '{"result":"unchanged"}' }));
    expect(handleFormSubmit(d, event(answers)).mail).toBeUndefined();
    expect(mail.sent).toEqual([]);
  });

  it('later, from retryOutbox, when the quota was short', () => {
    const mail = new MemoryMail(5);
    const { d } = setup(() => ({ status: 201, body: '{"result":"create","issues":[]}' }), mail);
    expect(handleFormSubmit(d, event(answers)).mail).toBe('deferred');
    mail.quota = 100;
    expect(retryOutbox({ ...d, lock: new MemoryLock() }, { force: true })).toMatchObject({ mailsSent: 1 });
    expect(mail.sent).toHaveLength(1);
  });
});
