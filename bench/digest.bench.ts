// Benchmark: build and render the secretariat's digest of a 10,000-proposal round (synthetic, with merges,
// slow reviews, invalid submissions and a previous digest). Measures only; no thresholds here.

import { DEFAULT_ROUND } from '../shared/definitions/round';
import { buildDigestModel, type DigestInput } from '../shared/digest/digest-model';
import { renderDigest } from '../shared/digest/digest-render';
import type { StoredProposal } from '../shared/ingest/ingest';
import type { ReviewStatus } from '../shared/review/lifecycle';
import { initialReviewState, type ReviewState } from '../shared/review/review';
import { proposal } from '../test/support/digest-fixtures';

const PROPOSALS = 10_000;
const RUNS = 5;
const NOW = '2022-09-05T01:00:00.000Z';

/** A synthetic round of n proposals (also handy for profiling). */
export function syntheticRound(n: number): DigestInput {
  const groups = DEFAULT_ROUND.workingGroups.map((g) => g.id);
  const proposals: StoredProposal[] = [];
  const reviews = new Map<string, ReviewState>();
  for (let i = 0; i < n; i++) {
    const id = `p${i}`;
    const group = groups[i % groups.length] as string;
    const submittedAt = new Date(Date.UTC(2022, 7, 1 + (i % 20), i % 24)).toISOString();
    proposals.push(
      proposal(id, {
        responseId: `r${i}`,
        submittedAt,
        source: 'csv',
        organisation: `Organisasi Sintetis ${i % 400}`,
        email: `u${i}@oms.example`,
        title: `Usulan komitmen sintetis nomor ${i} tentang keterbukaan data & <partisipasi> warga`,
        workingGroupId: i % 97 === 0 ? '' : group,
        problem: 'Masalah publik.',
        solution: 'Solusi.',
        expectedResults: 'Hasil.',
        howItSolves: 'Cara.',
        valid: i % 20 !== 0,
        issues:
          i % 20 === 0
            ? [
                {
                  code: 'required',
                  field: 'problem',
                  message: { id: 'Masalah wajib diisi', en: 'Problem is required' },
                },
              ]
            : [],
        contentHash: `h${i}`,
        createdAt: submittedAt,
        updatedAt: submittedAt,
      }),
    );
    // 60% accepted, 20% merged into the previous accepted proposal of the group, 10% in review, rest untouched.
    const kind = i % 10;
    const status: ReviewStatus | null =
      i < groups.length || kind < 6 ? 'accepted' : kind < 8 ? 'merged' : kind < 9 ? 'in_review' : null;
    if (!status) continue;
    const at = new Date(Date.parse(submittedAt) + 2 * 86_400_000).toISOString();
    const base = initialReviewState(id);
    reviews.set(id, {
      ...base,
      status,
      version: 2,
      reviewer: `Peninjau ${i % 30}`,
      reasonedResponse:
        status === 'in_review' ? '' : 'Keputusan dengan alasan yang cukup panjang untuk Standar 4.',
      mergeTarget: status === 'merged' ? `p${i - (i % 10)}` : null,
      audit: [
        {
          at,
          actor: `Peninjau ${i % 30}`,
          action: 'review',
          version: 2,
          changes: [{ field: 'status', from: 'submitted', to: status }],
        },
      ],
    });
  }
  return {
    proposals,
    reviews,
    round: DEFAULT_ROUND,
    now: NOW,
    period: '2022-W36',
    previous: {
      period: '2022-W35',
      sentAt: '2022-08-29T01:00:00.000Z',
      summary: {
        total: n - 500,
        invalid: 400,
        commitments: 5000,
        waitingTooLong: 100,
        missingReason: 0,
        byStatus: {
          submitted: 2000,
          in_review: 1500,
          needs_revision: 0,
          accepted: 4000,
          merged: 1500,
          rejected: 0,
          withdrawn: 0,
        },
      },
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function benchDigest(): Promise<{ name: string; value: number; unit: string }[]> {
  const input = syntheticRound(PROPOSALS);
  const build: number[] = [];
  const render: number[] = [];
  let bytes = 0;
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    const model = buildDigestModel(input);
    const t1 = performance.now();
    const email = renderDigest(model, { lang: 'id' });
    const t2 = performance.now();
    if (run === 0) continue; // warm-up
    build.push(t1 - t0);
    render.push(t2 - t1);
    bytes = email.html.length + email.text.length;
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return [
    { name: `digest build model (${PROPOSALS} proposals)`, value: round(median(build)), unit: 'ms' },
    { name: `digest render html+text (${PROPOSALS} proposals)`, value: round(median(render)), unit: 'ms' },
    {
      name: `digest build+render (${PROPOSALS} proposals)`,
      value: round(median(build.map((b, i) => b + (render[i] as number)))),
      unit: 'ms',
    },
    { name: `digest email size (${PROPOSALS} proposals)`, value: round(bytes / 1024), unit: 'KiB' },
  ];
}
