// `cocreate negotiation` (the built CLI) reading the embedded store on disk, filled beforehand through
// the same use cases the API runs: ingest, review, negotiation.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDynalite } from '../../infra/local-stack/local-stack';
import { ensureTable } from '../../infra/local-stack/tables';
import { makeDocumentClient } from '../../lambdas/adapters/aws-clients';
import { DynamoNegotiationStore } from '../../lambdas/adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from '../../lambdas/adapters/dynamodb-proposal-store';
import { applyNegotiationEdits, listRoundNegotiations } from '../../lambdas/services/negotiations-service';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { tableName } from '../../shared/definitions/table';
import { acceptSampleProposals } from '../support/accepted-commitments';
import { CLI } from '../support/dev-stack';

const run = promisify(execFile);
const stateDir = mkdtempSync(join(tmpdir(), 'cocreate-negotiation-'));
const round = DEFAULT_ROUND;
const now = () => new Date('2022-09-01T02:00:00Z');

async function cocreate(args: string[]) {
  const { stdout } = await run(process.execPath, [CLI, ...args], {
    env: { ...process.env, COCREATE_STATE_DIR: stateDir },
    timeout: 120_000,
  });
  return stdout;
}

beforeAll(async () => {
  const db = await startDynalite(0, join(stateDir, 'dynamodb'));
  const raw = new DynamoDBClient({
    endpoint: db.url,
    region: 'local',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  const table = tableName('local');
  await ensureTable(raw, table);
  raw.destroy();
  const doc = makeDocumentClient({ dynamodbEndpoint: db.url });
  try {
    const proposals = new DynamoProposalStore(doc, table);
    const negotiations = new DynamoNegotiationStore(doc, table);
    await acceptSampleProposals(proposals, round, now, 2);
    const deps = { negotiations, rounds: proposals, round, now };
    const [first] = await listRoundNegotiations(deps);
    if (!first) throw new Error('no commitment');
    await applyNegotiationEdits(deps, [
      {
        commitmentId: first.commitmentId,
        agency: first.agencies[0]?.agency as string,
        expectedVersion: 1,
        actor: 'Sekretariat',
        changes: [
          { field: 'position', to: 'supports_with_changes' },
          { field: 'note', to: 'catatan internal sekretariat' },
          { field: 'text.action', to: 'Aksi yang dinegosiasikan untuk 10 desa percontohan.' },
        ],
      },
    ]);
    await negotiations.saveFocalPoints(round.id, [
      {
        agency: first.agencies[0]?.agency as string,
        name: 'Narahubung Fiktif CLI',
        email: 'cli@instansi.example.org',
      },
    ]);
  } finally {
    doc.destroy();
    await db.close();
  }
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe('cocreate negotiation', () => {
  it('lists every commitment’s negotiation as JSON, the public shape only', async () => {
    const stdout = await cocreate(['negotiation', '--json']);
    const { commitments } = JSON.parse(stdout);
    expect(commitments).toHaveLength(2);
    const statuses = commitments.map((c: { negotiation: { status: string } }) => c.negotiation.status).sort();
    expect(statuses).toEqual(['in_discussion', 'not_started']);
    const negotiated = commitments.find(
      (c: { negotiation: { status: string } }) => c.negotiation.status === 'in_discussion',
    );
    expect(negotiated.version).toBe(2);
    expect(negotiated.negotiation.agencies[0]).toMatchObject({
      role: 'lead',
      position: 'supports_with_changes',
    });
    expect(negotiated.negotiation.textRevisions).toBe(2);
    expect(stdout).not.toContain('cli@instansi.example.org');
    expect(stdout).not.toContain('Narahubung Fiktif CLI');
    expect(stdout).not.toContain('catatan internal');
  });

  it('prints a readable list with positions and the changes from the CSO text', async () => {
    const stdout = await cocreate(['negotiation']);
    expect(stdout).toMatch(/^1\. .+ \[c_[0-9a-f]{16}\] — /m);
    expect(stdout).toContain('Mendukung dengan perubahan / Supports with changes');
    expect(stdout).toContain('Belum dimulai / Not started');
  });

  it('is a section of `cocreate digest`, without focal points', async () => {
    const stdout = await cocreate(['digest']);
    expect(stdout).toContain('== Negosiasi dengan K/L (2) ==');
    expect(stdout).toContain('Mendukung dengan perubahan');
    expect(stdout).not.toContain('cli@instansi.example.org');
  });
});
