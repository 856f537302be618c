// The demo's negotiation step: after consolidation the secretariat records, through the signed
// POST /v1/negotiations (as its negotiation tab would), each commitment's illustrative negotiation with
// government agencies: positions, a meeting, negotiated revisions, and the final statuses with reasons.
import { randomUUID } from 'node:crypto';
import type { RoundConfig } from '../../shared/definitions/round';
import { proposalId } from '../../shared/ingest/proposal';
import { milestoneLine } from '../../shared/negotiation/commitment-text';
import type { NegotiationStatus } from '../../shared/negotiation/negotiation';
import type {
  NegotiationEdit,
  NegotiationEditResult,
  NegotiationFieldEdit,
} from '../../shared/negotiation/negotiation-api';
import type { OpenDataNegotiation } from '../../shared/negotiation/negotiation-export';
import { signedPost } from '../cli/signed-client';
import { ILLUSTRATIVE, SAMPLE_NEGOTIATIONS, sampleFocalPoint } from './sample-negotiation';
import type { SampleProposal } from './sample-round';

export const SECRETARIAT_ACTOR = 'Sekretariat OMS (fiktif)';
const PATH = '/v1/negotiations';

interface ExportedCommitment {
  id: string;
  sourceProposalIds: string[];
  negotiation?: OpenDataNegotiation;
}

async function post(
  apiUrl: string,
  secret: string,
  body: Record<string, unknown>,
): Promise<NegotiationEditResult[]> {
  const res = await signedPost(apiUrl, PATH, secret, { requestId: randomUUID(), ...body });
  if (res.status !== 200) throw new Error(`POST ${PATH} answered ${res.status}: ${JSON.stringify(res.json)}`);
  const results = (res.json as { results: NegotiationEditResult[] }).results;
  const refused = results.filter((r) => !r.ok);
  if (refused.length)
    throw new Error(
      `Negotiation refused: ${refused.map((r) => `${r.commitmentId} ${r.ok ? '' : r.message.en}`).join('; ')}`,
    );
  return results;
}

export async function negotiateSampleRound(
  apiUrl: string,
  secret: string,
  round: RoundConfig,
  samples: readonly SampleProposal[],
): Promise<Record<NegotiationStatus, number>> {
  const exported = (await (await fetch(`${apiUrl}/v1/export/proposals.json`)).json()) as {
    commitments: ExportedCommitment[];
  };
  const byPrimary = new Map(exported.commitments.map((c) => [c.sourceProposalIds[0], c]));
  const plan = SAMPLE_NEGOTIATIONS.map((n) => {
    const sample = samples[n.theme];
    const commitment = sample ? byPrimary.get(proposalId(round.id, sample.responseId)) : undefined;
    const lead = commitment?.negotiation?.agencies.find((a) => a.role === 'lead')?.agency;
    if (!commitment || !lead) throw new Error(`No commitment with a lead agency for theme ${n.theme}`);
    return { ...n, id: commitment.id, lead, version: 1 };
  });
  const edit = (
    p: (typeof plan)[number],
    changes: NegotiationFieldEdit[],
    extra: Partial<NegotiationEdit> = {},
  ): NegotiationEdit => ({
    commitmentId: p.id,
    expectedVersion: p.version,
    actor: SECRETARIAT_ACTOR,
    changes,
    ...extra,
  });
  const phase = async (edits: (NegotiationEdit | null)[]) => {
    const list = edits.filter((e): e is NegotiationEdit => e !== null);
    if (!list.length) return;
    for (const r of await post(apiUrl, secret, { edits: list })) {
      const p = plan.find((x) => x.id === r.commitmentId);
      if (p && r.ok) p.version = r.version;
    }
  };

  // Fictional focal points for every lead agency (secretariat-only: never answered back, never exported).
  await post(apiUrl, secret, {
    edits: [],
    focalPoints: [...new Set(plan.map((p) => p.lead))].map(sampleFocalPoint),
  });

  // 1. The lead agency's position (after a meeting), or the discussion opened while it is silent.
  await phase(
    plan.map((p) => {
      if (p.status === 'not_started') return null;
      const answered = p.leadPosition !== 'pending';
      return edit(
        p,
        [
          ...(answered
            ? [
                { field: 'position' as const, from: 'pending', to: p.leadPosition },
                { field: 'channel' as const, to: p.meeting ? 'meeting' : 'letter' },
                ...(p.meeting
                  ? [{ field: 'respondedAt' as const, to: `${p.meeting.date}T03:00:00.000Z` }]
                  : []),
                { field: 'note' as const, to: `Posisi dicatat sekretariat ${ILLUSTRATIVE}` },
              ]
            : [{ field: 'status' as const, from: 'not_started', to: 'in_discussion' }]),
          ...(p.nextMeeting ? [{ field: 'nextMeeting' as const, to: p.nextMeeting }] : []),
        ],
        {
          agency: p.lead,
          ...(p.meeting
            ? {
                meetings: [
                  {
                    ...p.meeting,
                    organisations: [
                      p.lead,
                      ...(p.supporting ? [p.supporting.agency] : []),
                      SECRETARIAT_ACTOR,
                    ],
                    minutesUrl: null,
                  },
                ],
              }
            : {}),
        },
      );
    }),
  );
  // 2. Supporting agencies.
  await phase(
    plan.map((p) =>
      p.supporting
        ? edit(
            p,
            [
              { field: 'role', to: 'supporting' },
              { field: 'position', to: p.supporting.position },
              { field: 'channel', to: 'meeting' },
              ...(p.meeting
                ? [{ field: 'respondedAt' as const, to: `${p.meeting.date}T03:00:00.000Z` }]
                : []),
            ],
            { agency: p.supporting.agency },
          )
        : null,
    ),
  );
  // 3. Negotiated revisions of the text.
  await phase(
    plan.map((p) =>
      p.revised
        ? edit(
            p,
            Object.entries(p.revised).map(([part, value]) => ({
              field: `text.${part}` as NegotiationFieldEdit['field'],
              to: Array.isArray(value) ? value.map(milestoneLine).join('\n') : String(value),
            })),
          )
        : null,
    ),
  );
  // 4. Final statuses, each with its reasoned explanation.
  await phase(
    plan.map((p) =>
      p.reason
        ? edit(p, [
            { field: 'status', to: p.status },
            { field: 'reasonedResponse', to: p.reason },
          ])
        : null,
    ),
  );
  const counts = {} as Record<NegotiationStatus, number>;
  for (const p of plan) counts[p.status] = (counts[p.status] ?? 0) + 1;
  return counts;
}
