// `cocreate preview`: runs setup and the sample round through the built Apps Script bundle (in the
// simulation, against the embedded stack on free ports, in memory) and writes the preview pages.
import { join } from 'node:path';
import { formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND, type RoundConfig } from '../../shared/definitions/round';
import { answersToTitles } from '../../shared/ingest/answers';
import type { RunPlan, RunSummary } from '../apps-script-sim/run-plan';
import { runAppsScriptInWorker } from '../apps-script-sim/worker-runner';
import { progressSteps } from '../cli/progress';
import { SAMPLE_PROPOSALS, type SampleProposal } from '../demo/sample-round';
import { type Stack, stackOptionsFromEnv, startStack } from '../local-stack/local-stack';
import { writePreview } from './write-preview';

/** Setup, then every sample proposal submitted through the form (of another round: its round file's). */
export function sampleRoundPlan(
  stack: Pick<Stack, 'apiUrl' | 'signingSecret'>,
  round: RoundConfig = DEFAULT_ROUND,
  samples: readonly SampleProposal[] = SAMPLE_PROPOSALS,
): RunPlan {
  const spec = formSpec(round);
  return {
    properties: {
      COCREATE_API_URL: stack.apiUrl,
      COCREATE_SIGNING_SECRET: stack.signingSecret,
      ...(round === DEFAULT_ROUND ? {} : { COCREATE_ROUND_CONFIG: JSON.stringify(round) }),
    },
    calls: ['setup'],
    events: samples.map((s) => ({
      responseId: s.responseId,
      timestamp: s.submittedAt,
      answersByTitle: answersToTitles(spec, s.answers),
      respondentEmail: String(s.answers.email ?? ''),
    })),
  };
}

export function runSampleRound(
  root: string,
  stack: Stack,
  round: RoundConfig = DEFAULT_ROUND,
  samples: readonly SampleProposal[] = SAMPLE_PROPOSALS,
): Promise<RunSummary> {
  return runAppsScriptInWorker(
    join(root, 'dist', 'apps-script', 'Code.js'),
    sampleRoundPlan(stack, round, samples),
    { root },
  );
}

export async function runPreview(
  opts: { root: string; out: string; stateDir: string },
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  process.env.LOG_LEVEL ??= 'warn';
  const steps = progressSteps(3, stdout);
  steps.step('Menyalakan tumpukan tertanam / starting the embedded stack');
  const stack = await startStack(
    stackOptionsFromEnv(process.env, opts.root, {
      apiPort: 0,
      dynamodbPort: 0,
      mailPort: 0,
      persist: false,
      stateDir: opts.stateDir,
    }),
  );
  try {
    steps.step(
      `Setup dan putaran contoh lewat bundel Apps Script / setup and the sample round through the Apps Script bundle (${SAMPLE_PROPOSALS.length} proposals)`,
    );
    const summary = await runSampleRound(opts.root, stack);
    const failed = summary.calls.filter((c) => !c.ok);
    for (const c of failed) stdout.write(`! ${c.name} ${c.responseId ?? ''}: ${c.error}\n`);
    steps.step('Menulis halaman / writing the pages');
    const files = writePreview(opts.out, summary);
    stdout.write(
      `Pratinjau / preview:\n  formulir / form:                 ${files.form}\n  spreadsheet tinjauan / review:   ${files.review}\n  spreadsheet respons / intake:    ${files.intake}\n`,
    );
    return failed.length ? 1 : 0;
  } finally {
    await stack.stop();
  }
}
