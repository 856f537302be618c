import { describe, expect, it } from '@jest/globals';
import {
  handleFormSubmit,
  type SubmitDeps,
  submissionFromEvent,
} from '../../../../apps-script/src/ingest/ingest';
import { enqueue } from '../../../../apps-script/src/outbox/outbox';
import { PropertyQueue } from '../../../../apps-script/src/outbox/property-queue';
import type { FormSubmitEventLike } from '../../../../apps-script/src/ports';
import { allQuestions, formSpec, questionTitle } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { parseSubmission } from '../../../../shared/ingest/ingest';
import { verifyRequest } from '../../../../shared/platform/signing';
import {
  configured,
  MemoryHttp,
  MemoryProperties,
  memoryScriptDeps,
  nodeHmac,
  SECRET,
} from '../in-memory-ports';

const spec = formSpec(DEFAULT_ROUND);
function title(id: string): string {
  const question = allQuestions(spec).find((q) => q.id === id);
  if (!question) throw new Error(`no question ${id}`);
  return questionTitle(question);
}

function formEvent(
  answers: Record<string, string | string[]>,
  extra: { email?: string } = {},
): FormSubmitEventLike {
  return {
    response: {
      getId: () => 'resp-1',
      getTimestamp: () => new Date('2026-11-26T03:15:00Z'),
      getEditResponseUrl: () => 'https://docs.google.com/forms/d/e/abc/viewform?edit2=resp-1',
      getRespondentEmail: () => extra.email ?? '',
      getItemResponses: () =>
        Object.entries(answers).map(([t, a]) => ({
          getItem: () => ({ getTitle: () => t }),
          getResponse: () => a,
        })),
    },
  };
}

const sample = () =>
  formEvent({
    [title('organisation')]: 'Yayasan Contoh',
    [title('email')]: 'Ana@Example.org',
    [title('ogp_values')]: ['Transparansi / Transparency', 'Akuntabilitas / Accountability'],
    'A question the spec does not have': 'x',
  });

function deps(props: MemoryProperties = configured(), http = new MemoryHttp()) {
  const { deps: d, clock, log } = memoryScriptDeps({ props, http });
  return { d: d as SubmitDeps, props, http, clock, log };
}

describe('submissionFromEvent', () => {
  it('builds the body from e.response: id, ISO time, edit link and answers keyed by question id', () => {
    const { body, unknownTitles } = submissionFromEvent(sample(), spec, new Date());
    expect(body).toEqual({
      responseId: 'resp-1',
      submittedAt: '2026-11-26T03:15:00.000Z',
      source: 'form',
      editUrl: 'https://docs.google.com/forms/d/e/abc/viewform?edit2=resp-1',
      answers: {
        organisation: 'Yayasan Contoh',
        email: 'Ana@Example.org',
        ogp_values: ['Transparansi / Transparency', 'Akuntabilitas / Accountability'],
      },
    });
    expect(unknownTitles).toEqual(['A question the spec does not have']);
  });

  it('takes the respondent email when the form collects addresses instead of asking for one', () => {
    const { body } = submissionFromEvent(
      formEvent({ [title('title')]: 'Data terbuka' }, { email: 'cso@example.org' }),
      spec,
      new Date(),
    );
    expect(body.answers.email).toBe('cso@example.org');
  });

  it('falls back to e.namedValues when the trigger sits on the response spreadsheet', () => {
    const e: FormSubmitEventLike = {
      namedValues: {
        Timestamp: ['26/11/2026 10:15:00'],
        [title('organisation')]: ['Yayasan Contoh'],
        [title('email')]: ['ana@example.org'],
        [title('ogp_values')]: ['Transparansi / Transparency, Akuntabilitas / Accountability'],
      },
      values: ['26/11/2026 10:15:00', 'Yayasan Contoh', 'ana@example.org', '...'],
    };
    const { body, unknownTitles } = submissionFromEvent(e, spec, new Date());
    expect(body.submittedAt).toBe('2026-11-26T03:15:00.000Z');
    expect(body.responseId).toMatch(/^sheet_[0-9a-f]{16}$/);
    expect(body.answers.organisation).toBe('Yayasan Contoh');
    expect(body.answers.ogp_values).toBe('Transparansi / Transparency, Akuntabilitas / Accountability');
    expect(unknownTitles).toEqual([]);
    // The same row always gets the same id, so a resend is recognised by the API.
    expect(submissionFromEvent(e, spec, new Date()).body.responseId).toBe(body.responseId);
  });

  it('refuses an event with neither a response nor named values', () => {
    expect(() => submissionFromEvent({}, spec, new Date())).toThrow(/neither/);
  });
});

describe('handleFormSubmit', () => {
  it('posts a body signed with the current time that the API verifier accepts', () => {
    const { d, http, clock } = deps();
    expect(handleFormSubmit(d, sample()).outcome).toBe('delivered');
    const [req] = http.requests;
    expect(req?.url).toBe('https://api.example.org/v1/proposals');
    expect(req?.method).toBe('post');
    expect(req?.contentType).toMatch(/^application\/json/);
    const verdict = verifyRequest({
      headers: req?.headers ?? {},
      rawBody: req?.payload ?? '',
      nowSeconds: clock.ms / 1000,
      secrets: [SECRET],
      hmac: nodeHmac,
      target: { method: 'POST', path: '/v1/proposals' },
      v1AcceptedUntil: 0, // only a v2 signature (method and path covered) passes
    });
    expect(verdict).toMatchObject({ ok: true, timestamp: Math.floor(clock.ms / 1000) });
    expect(parseSubmission(req?.payload ?? '').responseId).toBe('resp-1');
  });

  it('gives every attempt its own requestId, so two firings in the same second are not a replay', () => {
    const { d, http } = deps();
    handleFormSubmit(d, sample());
    handleFormSubmit(d, sample());
    const [a, b] = http.requests.map((r) => parseSubmission(r.payload ?? ''));
    expect(a?.requestId).toMatch(/^[\w-]+$/);
    expect(a?.requestId).not.toBe(b?.requestId);
    const signatures = http.requests.map((r) => r.headers['X-Cocreate-Signature']);
    expect(signatures[0]).not.toBe(signatures[1]);
  });

  it('queues nothing once the API has stored the submission', () => {
    const { d, props } = deps();
    handleFormSubmit(d, sample());
    expect(new PropertyQueue(props, 'outbox').size()).toBe(0);
  });

  it('does not resend a 422: the API stored it, just not valid yet', () => {
    const { d, props, log } = deps(
      configured(),
      new MemoryHttp(() => ({ status: 422, body: '{"error":{}}' })),
    );
    expect(handleFormSubmit(d, sample())).toMatchObject({ outcome: 'invalid', status: 422 });
    expect(props.keys().filter((k) => k.startsWith('outbox') || k.startsWith('failed'))).toEqual([]);
    expect(log.lines.some((l) => l.level === 'warn' && l.message.includes('422'))).toBe(true);
  });

  it.each([400, 413])(
    'keeps a submission refused with %i in the failed list, never in the outbox',
    (status) => {
      const { d, props } = deps(
        configured(),
        new MemoryHttp(() => ({ status, body: '{"error":{"code":"malformed"}}' })),
      );
      expect(handleFormSubmit(d, sample())).toMatchObject({ outcome: 'failed', status });
      expect(new PropertyQueue(props, 'outbox').size()).toBe(0);
      const kept = new PropertyQueue(props, 'failed').read('resp-1');
      expect(kept && 'body' in kept && JSON.parse(kept.body).responseId).toBe('resp-1');
      expect(kept).toMatchObject({ lastStatus: status });
    },
  );

  it.each([401, 408, 429, 500, 503, 404])(
    'queues the submission for retry when the API answers %i',
    (status) => {
      const { d, props, clock } = deps(configured(), new MemoryHttp(() => ({ status, body: 'busy' })));
      expect(handleFormSubmit(d, sample())).toMatchObject({ outcome: 'queued', status });
      const [head] = new PropertyQueue(props, 'outbox').heads();
      expect(head).toMatchObject({ id: 'resp-1', attempts: 1, lastStatus: status });
      expect(Date.parse(head?.nextAttemptAt ?? '')).toBe(clock.ms + 60_000);
    },
  );

  it('queues the submission when the API cannot be reached at all', () => {
    const http = new MemoryHttp(() => {
      throw new Error('Exception: Address unavailable: https://api.example.org/v1/proposals');
    });
    const { d, props } = deps(configured(), http);
    expect(handleFormSubmit(d, sample()).outcome).toBe('queued');
    expect(new PropertyQueue(props, 'outbox').heads()[0]?.lastError).toMatch(/Address unavailable/);
  });

  it('queues without calling the API while the Script Properties are incomplete', () => {
    const { d, props, http } = deps(new MemoryProperties());
    expect(handleFormSubmit(d, sample()).outcome).toBe('queued');
    expect(http.requests).toHaveLength(0);
    expect(new PropertyQueue(props, 'outbox').heads()[0]?.lastError).toMatch(/COCREATE_API_URL/);
  });

  it('replaces a queued older copy when the same response is edited and still cannot be sent', () => {
    const { d, props } = deps(configured(), new MemoryHttp(() => ({ status: 503, body: '' })));
    enqueue(d, 'resp-1', '{"old":true}', { error: 'earlier' });
    handleFormSubmit(d, sample());
    const q = new PropertyQueue(props, 'outbox');
    expect(q.size()).toBe(1);
    const entry = q.read('resp-1');
    expect(entry && 'body' in entry && JSON.parse(entry.body).responseId).toBe('resp-1');
  });

  it('writes the body to the log and throws when not even the outbox can keep it', () => {
    const props = new MemoryProperties({
      COCREATE_API_URL: 'https://api.example.org',
      COCREATE_SIGNING_SECRET: SECRET,
    });
    props.failOn = (op) => op === 'set';
    const { d, log } = deps(props, new MemoryHttp(() => ({ status: 503, body: '' })));
    expect(() => handleFormSubmit(d, sample())).toThrow(/killed/);
    const logged = log.lines.find((l) => l.level === 'error');
    expect(JSON.stringify(logged?.data)).toContain('Yayasan Contoh');
  });
});
