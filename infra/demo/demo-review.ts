// The demo's review step: working groups review the sample round through POST /v1/reviews, as their
// spreadsheet edits would. 16 proposals are accepted; the 6 overlapping ones are merged into them.
import { randomUUID } from 'node:crypto';
import type { RoundConfig } from '../../shared/definitions/round';
import { proposalId } from '../../shared/ingest/proposal';
import type { ReviewEdit, ReviewEditResult } from '../../shared/review/review-api';
import { signedPost } from '../cli/signed-client';
import type { SampleProposal } from './sample-round';

const REVIEWER = 'Peninjau Kelompok Kerja (fiktif)';

async function send(apiUrl: string, secret: string, edits: ReviewEdit[]): Promise<ReviewEditResult[]> {
  const res = await signedPost(apiUrl, '/v1/reviews', secret, { requestId: randomUUID(), edits });
  if (res.status !== 200)
    throw new Error(`POST /v1/reviews answered ${res.status}: ${JSON.stringify(res.json)}`);
  const results = (res.json as { results: ReviewEditResult[] }).results;
  const refused = results.filter((r) => !r.ok);
  if (refused.length) {
    throw new Error(
      `Review refused: ${refused.map((r) => `${r.proposalId} ${r.ok ? '' : r.message.en}`).join('; ')}`,
    );
  }
  return results;
}

export async function reviewSampleRound(
  apiUrl: string,
  secret: string,
  round: RoundConfig,
  samples: readonly SampleProposal[],
): Promise<{ accepted: number; merged: number }> {
  const ids = samples.map((s) => proposalId(round.id, s.responseId));
  // Phase 1: every proposal goes into review, with its reviewer.
  const started = await send(
    apiUrl,
    secret,
    ids.map((id) => ({
      proposalId: id,
      expectedVersion: 1,
      actor: REVIEWER,
      changes: [
        { field: 'reviewer', from: null, to: REVIEWER },
        { field: 'status', from: 'submitted', to: 'in_review' },
        { field: 'scores.ogpRelevance', from: null, to: 4 },
      ],
    })),
  );
  // Phase 2: decisions, each with a reasoned response (OGP Standard 4).
  const decisions: ReviewEdit[] = samples.map((s, i) => {
    const id = ids[i] as string;
    const version = (started[i] as { version: number }).version;
    if (s.mergeInto !== undefined) {
      const target = ids[s.mergeInto] as string;
      return {
        proposalId: id,
        expectedVersion: version,
        actor: REVIEWER,
        changes: [
          { field: 'status', from: 'in_review', to: 'merged' },
          { field: 'mergeTarget', from: null, to: target },
          {
            field: 'reasonedResponse',
            from: null,
            to: `Digabung ke ${target} karena masalah dan solusinya sama; pengusul menjadi rekan penulis. / Merged into ${target}: same problem and solution; the proposer becomes a co-author.`,
          },
        ],
      };
    }
    return {
      proposalId: id,
      expectedVersion: version,
      actor: REVIEWER,
      changes: [
        { field: 'status', from: 'in_review', to: 'accepted' },
        {
          field: 'reasonedResponse',
          from: null,
          to: 'Diterima: relevan dengan nilai OGP, tonggak dapat diverifikasi. / Accepted: relevant to OGP values, verifiable milestones.',
        },
      ],
    };
  });
  await send(apiUrl, secret, decisions);
  const merged = samples.filter((s) => s.mergeInto !== undefined).length;
  return { accepted: samples.length - merged, merged };
}
