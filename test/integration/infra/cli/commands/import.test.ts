// `cocreate import` against dynalite: odd files are read right or refused, a bad row never loses the good
// ones, and a store that dies part way is reported with how far it got.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runImport } from '../../../../../infra/cli/commands/import';
import { SAMPLE_PROPOSALS } from '../../../../../infra/demo/sample-round';
import { DynamoProposalStore } from '../../../../../lambdas/adapters/dynamodb-proposal-store';
import { DEFAULT_ROUND } from '../../../../../shared/definitions/round';
import { parseCsv } from '../../../../../shared/platform/csv';
import { startDynamo } from '../../../../support/local-servers';
import { sampleCsv } from '../../../../support/sample-csv';

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let dir: string;
let n = 0;

beforeAll(async () => {
  dynamo = await startDynamo();
  dir = mkdtempSync(join(tmpdir(), 'cocreate-import-'));
});
afterAll(async () => {
  await dynamo.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the import of `content` into a fresh table of the test's dynalite; returns exit code and output. */
async function importFile(content: string | Uint8Array, store?: DynamoProposalStore) {
  const file = join(dir, `f${++n}.csv`);
  writeFileSync(file, content);
  const target = store ?? new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => {
    text += String(c);
  });
  const code = await runImport(
    {
      file,
      dryRun: false,
      json: true,
      stateDir: dir,
      target: async () => ({ description: 'test', store: target, close: async () => {} }),
    },
    out,
  );
  return { code, result: JSON.parse(text) };
}

const rows = (from: number, count: number, day: string) =>
  SAMPLE_PROPOSALS.slice(from, from + count).map((s, i) => ({
    timestamp: `${day}/08/2022 10:0${i}:00`,
    answers: s.answers,
  }));

describe('cocreate import of hostile files', () => {
  it('reads a semicolon-delimited export as proposals, not as empty ones', async () => {
    const csv = parseCsv(sampleCsv(rows(0, 3, '11')))
      .map((r) => r.map((f) => (/[";\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(';'))
      .join('\r\n');
    const { code, result } = await importFile(csv);
    expect(code).toBe(0);
    expect(result).toMatchObject({ rows: 3, created: 3, accepted: 3, invalid: 0, delimiter: ';' });
  });

  it('refuses a file whose header matches no question, storing nothing', async () => {
    await expect(importFile('a|b|c\n1|2|3\n')).rejects.toThrow(/No column matches a question/);
  });

  it('stores every good row and reports the cut, damaged and oversized ones with their lines', async () => {
    const lines = sampleCsv(rows(3, 4, '12')).split('\r\n');
    lines[2] = (lines[2] as string).replace(
      SAMPLE_PROPOSALS[4]?.answers.problem as string,
      'x'.repeat(300_000),
    );
    lines[3] = (lines[3] as string).replace(SAMPLE_PROPOSALS[5]?.answers.title as string, 'Judul \ufffd');
    lines[4] = (lines[4] as string).slice(0, 200);
    const { code, result } = await importFile(lines.join('\r\n'));
    expect(code).toBe(1);
    expect(result).toMatchObject({ rows: 4, created: 1, refused: 3 });
    expect(result.issues.map((i: { line: number; code: string }) => [i.line, i.code])).toEqual([
      [3, 'row_too_large'],
      [4, 'replacement_character'],
      [5, 'short_row'],
    ]);
  });

  it('stores every row around bad rows in the middle of a file read as it is written, and says which lines', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      timestamp: `17/08/2022 ${String(10 + Math.floor(i / 60))}:${String(i % 60).padStart(2, '0')}:00`,
      answers: { ...SAMPLE_PROPOSALS[i % 22]?.answers, title: `Usulan aliran ${i}` },
    }));
    const lines = sampleCsv(many).split('\r\n');
    lines[40] = (lines[40] as string).replace('Usulan aliran 39', 'Usulan \ufffd');
    lines[80] = (lines[80] as string).slice(0, 150);
    const { code, result } = await importFile(lines.join('\r\n'));
    expect(code).toBe(1);
    expect(result).toMatchObject({ rows: 120, created: 118, refused: 2 });
    const refused = result.issues.filter((i: { id: string }) => i.id === '');
    expect(refused.map((i: { line: number; code: string }) => [i.line, i.code])).toEqual([
      [41, 'replacement_character'],
      [81, 'short_row'],
    ]);
    const titles = (
      await new DynamoProposalStore(dynamo.doc, dynamo.tableName).listRound(DEFAULT_ROUND.id)
    ).map((p) => p.title);
    expect(titles).toContain('Usulan aliran 38');
    expect(titles).toContain('Usulan aliran 119');
    expect(titles).not.toContain('Usulan aliran 39');
    expect(titles).not.toContain('Usulan aliran 79');
  });

  it('stores a row with a 20-digit budget as an invalid proposal instead of aborting the import', async () => {
    const r = rows(7, 2, '13');
    (r[0] as { answers: Record<string, unknown> }).answers = {
      ...r[0]?.answers,
      budget: 'Rp 10.000.000.000.000.000',
    };
    const { code, result } = await importFile(sampleCsv(r));
    expect(code).toBe(0);
    expect(result).toMatchObject({ rows: 2, created: 2, invalid: 1 });
    expect(result.issues.map((i: { code: string }) => i.code)).toContain('budget_invalid');
  });

  it('stores a row whose organisation is longer than a DynamoDB key may be, as an invalid proposal', async () => {
    const r = rows(10, 2, '16');
    (r[0] as { answers: Record<string, unknown> }).answers = {
      ...r[0]?.answers,
      organisation: 'Yayasan '.repeat(600),
    };
    const { code, result } = await importFile(sampleCsv(r));
    expect(code).toBe(0);
    expect(result).toMatchObject({ rows: 2, created: 2, invalid: 1 });
    expect(result.issues.map((i: { code: string }) => i.code)).toContain('too_long');
  });

  it('decodes a Windows-1252 file and says so', async () => {
    const text = sampleCsv(rows(9, 1, '14')).replace(
      SAMPLE_PROPOSALS[9]?.answers.title as string,
      'Caf\u00e9 \u201cdesa\u201d',
    );
    const bytes = Uint8Array.from(
      [...text].map((c) => ({ '\u201c': 0x93, '\u201d': 0x94 })[c] ?? c.charCodeAt(0)),
    );
    const { code, result } = await importFile(bytes);
    expect(code).toBe(0);
    expect(result.encoding).toBe('windows-1252');
    const stored = await new DynamoProposalStore(dynamo.doc, dynamo.tableName).listRound(DEFAULT_ROUND.id);
    expect(stored.map((p) => p.title)).toContain('Caf\u00e9 \u201cdesa\u201d');
    expect(JSON.stringify(stored)).not.toContain('\ufffd');
  });

  it('says how many rows were written and that re-running is safe when the store dies part way', async () => {
    const store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
    let batches = 0;
    const dying = Object.assign(Object.create(store), {
      putMany: async (records: Parameters<DynamoProposalStore['putMany']>[0]) => {
        if (++batches > 1) throw new Error('connect ECONNREFUSED 127.0.0.1:8701');
        return store.putMany(records);
      },
    }) as DynamoProposalStore;
    const many = Array.from({ length: 60 }, (_, i) => ({
      timestamp: `15/08/2022 11:${String(i).padStart(2, '0')}:00`,
      answers: { ...SAMPLE_PROPOSALS[i % 22]?.answers, title: `Usulan impor ${i}` },
    }));
    const file = sampleCsv(many);
    await expect(importFile(file, dying)).rejects.toThrow(
      /Import stopped: 25 of 60 rows were written; running it again is safe.*ECONNREFUSED/,
    );
    const again = await importFile(file);
    expect(again.result).toMatchObject({ rows: 60, created: 35, unchanged: 25 });
  });
});
