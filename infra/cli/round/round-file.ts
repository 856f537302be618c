// The round file (cocreate.round.json): which one applies (--round, COCREATE_ROUND_FILE, the current
// folder, else the sample round), read and checked before any command runs.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import {
  checkRoundConfig,
  DEFAULT_ROUND,
  type RoundConfig,
  roundProblemLines,
} from '../../../shared/definitions/round';
import { roundDeadlines } from '../../../shared/digest/digest-model';

export const ROUND_FILE_NAME = 'cocreate.round.json';
export const ROUND_FILE_ENV = 'COCREATE_ROUND_FILE';

export interface LoadedRound {
  round: RoundConfig;
  /** The file it came from; undefined for the built-in sample round. */
  file?: string;
  /** "cocreate.round.json (--round)", "sample round ogi-2023-2024", ... for messages. */
  source: string;
}

export interface RoundLookup {
  /** The value of --round FILE. */
  flag?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** A round file that cannot be used; the message is bilingual and names every bad field. */
export class RoundFileError extends Error {
  constructor(
    readonly file: string,
    readonly lines: string[],
  ) {
    super(
      [
        `Berkas putaran tidak dapat dipakai / The round file cannot be used: ${file}`,
        ...lines.map((l) => `  - ${l}`),
        'Perbaiki berkasnya, atau tulis yang baru dengan `cocreate init` / Fix the file, or write a fresh one with `cocreate init` (README: "Your own round").',
      ].join('\n'),
    );
    this.name = 'RoundFileError';
  }
}

/** Which round file applies, and why; undefined when none does (the sample round). */
export function roundFilePath(lookup: RoundLookup = {}): { file: string; why: string } | undefined {
  const cwd = lookup.cwd ?? process.cwd();
  const env = lookup.env ?? process.env;
  const abs = (f: string) => (isAbsolute(f) ? f : resolve(cwd, f));
  if (lookup.flag) return { file: abs(lookup.flag), why: '--round' };
  const fromEnv = env[ROUND_FILE_ENV]?.trim();
  if (fromEnv) return { file: abs(fromEnv), why: ROUND_FILE_ENV };
  const here = join(cwd, ROUND_FILE_NAME);
  return existsSync(here) ? { file: here, why: 'current folder' } : undefined;
}

/** The line and column of a JSON.parse error's position, for people who open the file in an editor. */
function jsonErrorLine(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} (baris/line ${line}, kolom/column ${column})`;
}

/** Reads and checks one round file; throws RoundFileError. */
export function readRoundFile(file: string): RoundConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new RoundFileError(file, [
      code === 'ENOENT'
        ? 'berkas tidak ada / the file does not exist'
        : `berkas tidak dapat dibaca / cannot read the file (${code})`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new RoundFileError(file, [
      `bukan JSON yang valid / not valid JSON: ${jsonErrorLine(text, (e as Error).message)}`,
    ]);
  }
  const checked = checkRoundConfig(json);
  if (!checked.ok) throw new RoundFileError(file, roundProblemLines(checked.problems));
  return checked.round;
}

/** The round every command runs with: the round file that applies, else the sample round. */
export function loadRound(lookup: RoundLookup = {}): LoadedRound {
  const found = roundFilePath(lookup);
  if (!found) return { round: DEFAULT_ROUND, source: 'putaran contoh bawaan / built-in sample round' };
  return { round: readRoundFile(found.file), file: found.file, source: `${found.file} (${found.why})` };
}

/** What `cocreate init` writes: the sample round with every field spelled out, ready to edit. */
export function sampleRoundFile(): RoundConfig {
  const r = DEFAULT_ROUND;
  return {
    id: r.id,
    name: r.name,
    languages: r.languages,
    timeZone: r.timeZone,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    submissionDeadline: r.submissionDeadline,
    deadlines: roundDeadlines(r),
    reviewSlaDays: r.reviewSlaDays ?? 7,
    workingGroups: r.workingGroups.map((g) => ({ ...g, contacts: g.contacts ?? [] })),
    digestRecipients: r.digestRecipients ?? ['sekretariat@cocreate.example'],
  };
}

/** The round as one line of JSON: the value of COCREATE_ROUND_CONFIG for the Lambdas. */
export function roundConfigValue(round: RoundConfig): string {
  return JSON.stringify(round);
}

/**
 * The Apps Script Script Property: the round without its email addresses (only the digest Lambda sends to
 * them), so the value printed to a terminal, and kept in the script project, holds no personal data.
 */
export function scriptPropertyValue(round: RoundConfig): string {
  const { digestRecipients: _, ...rest } = round;
  return JSON.stringify({
    ...rest,
    workingGroups: round.workingGroups.map(({ id, name }) => ({ id, name })),
  });
}
