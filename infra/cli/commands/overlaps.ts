// `cocreate overlaps`: for each proposal, the most similar others (across working groups too) with the
// terms they share, so reviewers can spot candidates for merging.
import { parseArgs } from 'node:util';
import { DEFAULT_ROUND, type RoundConfig } from '../../../shared/definitions/round';
import { suggestOverlaps } from '../../../shared/review/overlap';
import type { Command } from '../command';
import { openDataTarget } from '../data-target';

export interface OverlapsOptions {
  json: boolean;
  limit: number;
  stage?: string;
  stateDir: string;
  /** Default: the built-in sample round (the CLI passes the round file's). */
  round?: RoundConfig;
}

export async function runOverlaps(
  opts: OverlapsOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const target = await openDataTarget({
    stateDir: opts.stateDir,
    ...(opts.stage ? { stage: opts.stage } : {}),
  });
  try {
    const proposals = await target.store.listRound((opts.round ?? DEFAULT_ROUND).id);
    const byId = new Map(proposals.map((p) => [p.id, p]));
    const suggestions = suggestOverlaps(
      proposals.map((p) => ({
        id: p.id,
        workingGroupId: p.workingGroupId,
        title: p.title,
        problem: p.problem,
        solution: p.solution,
      })),
      { limit: opts.limit },
    );
    const rows = proposals
      .map((p) => ({
        id: p.id,
        title: p.title,
        workingGroupId: p.workingGroupId,
        similar: suggestions.get(p.id) ?? [],
      }))
      .filter((r) => r.similar.length > 0);
    if (opts.json) {
      out.write(`${JSON.stringify({ proposals: rows }, null, 2)}\n`);
      return 0;
    }
    if (rows.length === 0) out.write('Tidak ada kemiripan / no overlaps found\n');
    for (const r of rows) {
      out.write(`${r.id}  ${r.title}  [${r.workingGroupId || '-'}]\n`);
      for (const s of r.similar) {
        const other = byId.get(s.id);
        const cross = s.crossGroup ? ' lintas kelompok / cross-group' : '';
        out.write(
          `    ~ ${s.id}  ${other?.title ?? ''}  (${s.score.toFixed(2)}${cross}): ${s.sharedTerms.join(', ')}\n`,
        );
      }
    }
    return 0;
  } finally {
    await target.close();
  }
}

export const overlapsCommand: Command = {
  name: 'overlaps',
  help: `  overlaps [--json] [--limit N] [--stage NAME]
                       Usulan yang mirip (juga lintas kelompok kerja) dengan istilah yang sama.
                       Similar proposals (also across working groups) with the terms they share.
`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string', default: '3' },
        stage: { type: 'string' },
      },
    });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      process.stderr.write('--limit harus 1-50 / --limit must be 1-50\n');
      return 2;
    }
    return runOverlaps({
      json: values.json === true,
      limit,
      stateDir: ctx.stateDir(),
      round: ctx.round.round,
      ...(values.stage ? { stage: values.stage } : {}),
    });
  },
};
