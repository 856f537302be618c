// Fault injection: each case ends with exactly-once results in DynamoDB.
// - a proxy that throttles, drops requests and loses answers after the write took effect;
// - the embedded DynamoDB stopped and restarted (same files) in the middle of an import;
// - the API down for several form submissions, then back (Apps Script outbox + retryOutbox).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from '@jest/globals';
import { formSubmitEvent } from '../../infra/apps-script-sim/events';
import { loadAppsScript } from '../../infra/apps-script-sim/load';
import { createAppsScriptServices } from '../../infra/apps-script-sim/services';
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import { startDynalite } from '../../infra/local-stack/local-stack';
import { ensureTable } from '../../infra/local-stack/tables';
import { makeDocumentClient } from '../../lambdas/adapters/aws-clients';
import { DynamoProposalStore } from '../../lambdas/adapters/dynamodb-proposal-store';
import { ingestMany } from '../../lambdas/services/bulk-ingest';
import { ingestSubmission } from '../../lambdas/services/ingest-service';
import { formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { answersToTitles } from '../../shared/ingest/answers';
import type { Answers } from '../../shared/ingest/proposal';
import { startChaosProxy } from '../support/chaos-proxy';
import { ROOT, startDevStack } from '../support/dev-stack';

const spec = formSpec(DEFAULT_ROUND);
const TABLE = 'cocreate-faults';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** n distinct, valid submissions (sample answers with a numbered title and organisation). */
function rows(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const base = SAMPLE_PROPOSALS[i % SAMPLE_PROPOSALS.length]?.answers as Answers;
    return {
      line: i + 2,
      submission: {
        responseId: `fault-${i}`,
        submittedAt: new Date(Date.UTC(2022, 7, 1, 0, i)).toISOString(),
        answers: {
          ...base,
          title: `${String(base.title)} #${i}`,
          organisation: `Organisasi Uji ${i} (fiktif)`,
        },
      },
    };
  });
}

async function createTable(url: string) {
  const raw = new DynamoDBClient({
    endpoint: url,
    region: 'local',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  await ensureTable(raw, TABLE);
  raw.destroy();
}

async function countRound(url: string): Promise<{ total: number; distinct: number }> {
  const doc = makeDocumentClient({ dynamodbEndpoint: url });
  const list = await new DynamoProposalStore(doc, TABLE).listRound(DEFAULT_ROUND.id);
  doc.destroy();
  return { total: list.length, distinct: new Set(list.map((p) => p.responseId)).size };
}

describe('faults', () => {
  it('imports exactly once through a proxy that throttles, drops requests and loses answers', async () => {
    const db = await startDynalite(0);
    await createTable(db.url);
    const proxy = await startChaosProxy(db.url, { throttle: 0.15, drop: 0.05, dropAfter: 0.05 });
    const doc = makeDocumentClient({ dynamodbEndpoint: proxy.url, maxAttempts: 10 });
    const store = new DynamoProposalStore(doc, TABLE);
    const deps = { store, spec, round: DEFAULT_ROUND, now: () => new Date('2022-08-05T00:00:00Z') };
    const summary = await ingestMany(deps, rows(200));
    // Single submissions use conditional writes: a lost answer makes the retry see its own write.
    for (const r of rows(220).slice(200)) await ingestSubmission(deps, r.submission);
    doc.destroy();
    await proxy.close();
    expect(summary.created).toBe(200);
    expect(proxy.stats.throttled + proxy.stats.dropped + proxy.stats.lostAnswers).toBeGreaterThan(10);
    expect(await countRound(db.url)).toEqual({ total: 220, distinct: 220 });
    await db.close();
  });

  it('completes an import after the embedded DynamoDB is stopped and restarted mid-way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cocreate-dynalite-'));
    dirs.push(dir);
    let db = await startDynalite(0, dir);
    const port = Number(new URL(db.url).port);
    await createTable(db.url);
    const all = rows(600);
    // Few retries: the first run is meant to fail fast once the server is gone.
    const doc = makeDocumentClient({ dynamodbEndpoint: db.url, maxAttempts: 2 });
    const deps = {
      store: new DynamoProposalStore(doc, TABLE),
      spec,
      round: DEFAULT_ROUND,
      now: () => new Date('2022-08-05T00:00:00Z'),
    };
    let stopped: Promise<void> | undefined;
    const first = ingestMany(deps, all, {
      onProgress: (done) => {
        if (done > 0 && !stopped) stopped = db.close();
      },
    });
    await expect(first).rejects.toThrow();
    await stopped;
    db = await startDynalite(port, dir);
    const before = await countRound(db.url);
    expect(before.total).toBeGreaterThan(0);
    expect(before.total).toBeLessThan(600);
    const resumed = await ingestMany(deps, all);
    expect(resumed.created + resumed.unchanged).toBe(600);
    expect(await countRound(db.url)).toEqual({ total: 600, distinct: 600 });
    doc.destroy();
    await db.close();
  });

  it('keeps form submissions in the outbox while the API is down and delivers each once when it is back', async () => {
    const stack = await startDevStack();
    try {
      const sim = createAppsScriptServices({
        properties: { COCREATE_API_URL: 'http://127.0.0.1:9', COCREATE_SIGNING_SECRET: stack.signingSecret },
        fetchTimeoutMs: 2000,
      });
      const script = loadAppsScript(join(ROOT, 'dist', 'apps-script', 'Code.js'), sim);
      const samples = SAMPLE_PROPOSALS.slice(0, 5);
      for (const s of samples) {
        script.call(
          'onFormSubmit',
          formSubmitEvent({
            responseId: s.responseId,
            timestamp: s.submittedAt,
            answersByTitle: answersToTitles(spec, s.answers),
          }),
        );
      }
      const queued = Object.keys(sim.properties()).filter((k) => k.startsWith('outbox:'));
      expect(queued).toHaveLength(5);
      expect(await countRound(stack.dynamodbUrl).catch(() => ({ total: 0 }))).toMatchObject({ total: 0 });

      (
        sim.globals.PropertiesService as {
          getScriptProperties(): { setProperty(k: string, v: string): void };
        }
      )
        .getScriptProperties()
        .setProperty('COCREATE_API_URL', stack.apiUrl);
      // Run by hand (no trigger event): every queued entry is due.
      expect(script.call('retryOutbox')).toMatchObject({ attempted: 5, delivered: 5, stillQueued: 0 });
      expect(script.call('retryOutbox')).toMatchObject({ attempted: 0 });
      expect(Object.keys(sim.properties()).filter((k) => k.startsWith('outbox:'))).toEqual([]);
      const doc = makeDocumentClient({ dynamodbEndpoint: stack.dynamodbUrl });
      const stored = await new DynamoProposalStore(doc, stack.tableName).listRound(DEFAULT_ROUND.id);
      doc.destroy();
      expect(stored.map((p) => p.responseId).sort()).toEqual(samples.map((s) => s.responseId).sort());
      sim.close();
    } finally {
      await stack.stop();
    }
  });
});
