// `cocreate negotiation [--json]`: the negotiation state of every commitment (status, each agency's role
// and position, text revisions, meetings, what changed from the CSO text) from the data target. The public
// shape only: no agency notes, no focal points.

import { parseArgs } from 'node:util';
import { listRoundNegotiations } from '../../../lambdas/services/negotiations-service';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import { TEXT_FIELD_LABELS } from '../../../shared/negotiation/commitment-text';
import {
  AGENCY_POSITION_LABELS,
  AGENCY_ROLE_LABELS,
  NEGOTIATION_STATUS_LABELS,
} from '../../../shared/negotiation/negotiation';
import { negotiationForExport } from '../../../shared/negotiation/negotiation-export';
import { diffAsText } from '../../../shared/negotiation/text-diff';
import { redactPersonalData } from '../../../shared/platform/redaction';
import type { Command } from '../command';
import { openDataTarget } from '../data-target';

export interface NegotiationCommandOptions {
  json: boolean;
  stage?: string;
  stateDir: string;
}

export async function runNegotiation(
  opts: NegotiationCommandOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const target = await openDataTarget({
    stateDir: opts.stateDir,
    ...(opts.stage ? { stage: opts.stage } : {}),
  });
  try {
    const states = await listRoundNegotiations({
      negotiations: target.negotiations,
      rounds: target.store,
      round: DEFAULT_ROUND,
    });
    const rows = states.map((s) => ({
      id: s.commitmentId,
      title: redactPersonalData(s.title),
      sourceProposalIds: [...s.sourceProposalIds],
      version: s.version,
      nextMeeting: s.nextMeeting,
      negotiation: negotiationForExport(s, (t) => redactPersonalData(t)),
    }));
    if (opts.json) {
      out.write(`${JSON.stringify({ commitments: rows }, null, 2)}\n`);
      return 0;
    }
    if (!rows.length) out.write('Belum ada komitmen / no commitments yet\n');
    rows.forEach((r, i) => {
      const n = r.negotiation;
      out.write(
        `${i + 1}. ${r.title} [${r.id}] — ${NEGOTIATION_STATUS_LABELS[n.status].id} / ${NEGOTIATION_STATUS_LABELS[n.status].en}\n`,
      );
      for (const a of n.agencies)
        out.write(
          `   ${a.agency} (${AGENCY_ROLE_LABELS[a.role].en}): ${AGENCY_POSITION_LABELS[a.position].id} / ${AGENCY_POSITION_LABELS[a.position].en}${a.respondedAt ? `, ${a.respondedAt.slice(0, 10)}` : ''}\n`,
        );
      out.write(
        `   v${r.version} · ${n.textRevisions} revisi teks / text revisions · ${n.meetings.length} rapat / meetings${r.nextMeeting ? ` · next ${r.nextMeeting}` : ''}\n`,
      );
      for (const d of n.differences)
        out.write(`   ${TEXT_FIELD_LABELS[d.field].en}: ${diffAsText(d.changes)}\n`);
      if (n.reasonedResponse) out.write(`   ${n.reasonedResponse}\n`);
    });
    return 0;
  } finally {
    await target.close();
  }
}

export const negotiationCommand: Command = {
  name: 'negotiation',
  help: `  negotiation [--json] [--stage NAME]
                       Status negosiasi tiap komitmen dengan K/L (posisi instansi, revisi teks, rapat).
                       The negotiation state of every commitment (agency positions, text revisions, meetings).
`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, stage: { type: 'string' } },
    });
    return runNegotiation({
      json: values.json === true,
      stateDir: ctx.stateDir(),
      ...(values.stage ? { stage: values.stage } : {}),
    });
  },
};
