// The digest for 10,000 proposals: read the round (paged Query) plus build and render, counting the
// DynamoDB requests (they must grow with pages, not with proposals).
import { makeDocumentClient } from '../lambdas/adapters/aws-clients';
import { DynamoProposalStore } from '../lambdas/adapters/dynamodb-proposal-store';
import type { Mailer, OutgoingEmail } from '../lambdas/adapters/ses-mailer';
import { ingestMany } from '../lambdas/services/bulk-ingest';
import { sendDigest } from '../lambdas/services/digest-service';
import { formSpec } from '../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../shared/definitions/round';
import { createTable, dynaliteProcess, type Result, syntheticAnswers, time } from './support';

export async function benchDigestQuery(log: (s: string) => void): Promise<Result[]> {
  const N = 10_000;
  const db = await dynaliteProcess();
  try {
    await createTable(db.url, 'bench-digest');
    const doc = makeDocumentClient({ dynamodbEndpoint: db.url });
    const store = new DynamoProposalStore(doc, 'bench-digest');
    const spec = formSpec(DEFAULT_ROUND);
    const now = () => new Date('2022-09-01T00:00:00Z');
    const rows = syntheticAnswers(N).map((answers, i) => ({
      line: i + 2,
      submission: {
        responseId: `bench-${i}`,
        submittedAt: new Date(Date.UTC(2022, 7, 1) + i * 1000).toISOString(),
        answers,
      },
    }));
    await ingestMany({ store, spec, round: DEFAULT_ROUND, now }, rows);
    let requests = 0;
    doc.middlewareStack.add(
      (next) => async (args) => {
        requests++;
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const sent: OutgoingEmail[] = [];
    const mailer: Mailer = {
      send: async (e) => {
        sent.push(e);
        return { messageId: 'bench' };
      },
    };
    const run = await time(() =>
      sendDigest(
        { store, mailer, round: DEFAULT_ROUND, from: 'a@cocreate.example', to: ['b@cocreate.example'], now },
        { force: true },
      ),
    );
    doc.destroy();
    const htmlKb = (sent[0]?.html.length ?? 0) / 1024;
    log(
      `  digest: ${N} proposals, query + render in ${run.ms.toFixed(0)} ms, ${requests} DynamoDB requests, HTML ${htmlKb.toFixed(0)} KB`,
    );
    return [
      { name: 'digest.10k_query_and_render', value: Math.round(run.ms), unit: 'ms', target: '< 1000 ms' },
      {
        name: 'digest.10k_dynamodb_requests',
        value: requests,
        unit: 'requests',
        target: 'O(pages), not O(proposals)',
      },
    ];
  } finally {
    db.stop();
  }
}
