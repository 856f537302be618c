import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { actionPlanBlocks } from '../../../../shared/publishing/action-plan';
import { buildPublicRound, type CommitmentNegotiation } from '../../../../shared/publishing/public-round';
import { renderSite } from '../../../../shared/publishing/site';
import { reviewedSampleRound } from '../../../support/reviewed-sample-round';

const GENERATED = '2022-09-01T00:00:00.000Z';
const model = (negotiation?: Map<string, CommitmentNegotiation>) => {
  const { proposals, commitments } = reviewedSampleRound();
  return buildPublicRound({
    proposals,
    commitments,
    round: DEFAULT_ROUND,
    generatedAt: GENERATED,
    ...(negotiation ? { negotiation } : {}),
  });
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the public site pages', () => {
  it('has one page per proposal and commitment besides the index, reports and open data', () => {
    const files = renderSite(model(), { json: '{}', csv: 'id' });
    expect([...files.keys()].filter((k) => k.startsWith('proposals/'))).toHaveLength(22);
    expect([...files.keys()].filter((k) => k.startsWith('commitments/'))).toHaveLength(16);
    for (const k of [
      'index.html',
      'reasoned-response.html',
      'reasoned-response.csv',
      'action-plan.html',
      'data/proposals.json',
      'data/proposals.csv',
    ]) {
      expect(files.has(k)).toBe(true);
    }
  });

  it('counts the proposals by status and by working group on the index, with the round’s dates', () => {
    const index = text(renderSite(model(), { json: '{}', csv: '' }).get('index.html') as string);
    expect(index).toContain('Diterima / Accepted 16');
    expect(index).toContain('Digabung / Merged 6');
    expect(index).toContain('Ditolak / Rejected 0');
    // Anti-Corruption & Budget: themes 1-3 and the two overlaps merged into themes 2 and 3.
    expect(index).toContain('Anti Korupsi &amp; Anggaran / Anti-Corruption &amp; Budget 5 3');
    expect(index).toContain('2023-01-01 – 2024-12-31');
    expect(index).toContain('2022-08-31');
  });

  it('tells on a merged proposal’s page where it went, linking the commitment', () => {
    const m = model();
    const merged = m.proposals.find((p) => p.status === 'merged');
    const page = renderSite(m, { json: '', csv: '' }).get(`proposals/${merged?.id}.html`) as string;
    const target = m.commitments.find((c) => c.sources.some((s) => s.id === merged?.id));
    expect(text(page)).toMatch(/Digabung ke Komitmen \d+ .* bersama rekan penulis/);
    expect(page).toContain(`href="../commitments/${target?.id}.html"`);
  });

  it('puts the agreed text beside the CSO text once negotiation agrees, and says when there is none yet', () => {
    const plain = model();
    const c = plain.commitments[0];
    const before = text(renderSite(plain, { json: '', csv: '' }).get(`commitments/${c?.id}.html`) as string);
    expect(before).toContain('Belum ada teks yang disepakati / No agreed text yet');
    expect(before).toContain('Belum dinegosiasikan dengan pemerintah');
    const agreed = model(
      new Map([
        [
          c?.id as string,
          {
            code: 'agreed_with_changes',
            status: { id: 'Disepakati dengan perubahan', en: 'Agreed with changes' },
            concluded: true,
            agreed: { solution: 'Portal data anggaran satu pintu yang disepakati.' },
          },
        ],
      ]),
    );
    const after = text(renderSite(agreed, { json: '', csv: '' }).get(`commitments/${c?.id}.html`) as string);
    expect(after).toContain('Teks yang disepakati / Agreed text');
    expect(after).toContain('Portal data anggaran satu pintu yang disepakati.');
    expect(after).toContain(c?.solution as string);
    expect(after).toContain('Disepakati dengan perubahan / Agreed with changes');
  });

  it('drafts one action-plan section per commitment, each with its milestones table and CSO sources', () => {
    const m = model();
    const blocks = actionPlanBlocks(m);
    const sections = blocks.filter((b) => b.kind === 'heading' && b.level === 2);
    expect(sections).toHaveLength(16);
    expect(blocks.filter((b) => b.kind === 'table')).toHaveLength(16);
    const first = blocks.findIndex((b) => b.kind === 'heading' && b.level === 2);
    const labels = blocks
      .slice(first, first + 30)
      .flatMap((b) =>
        b.kind === 'heading' || b.kind === 'field' ? [b.kind === 'heading' ? b.text : b.label] : [],
      );
    for (const part of [
      'K/L pelaksana utama / Lead agency',
      'Lembaga dan pihak pendukung / Supporting agencies and actors',
      'Masalah dan kondisi saat ini / Problem and status quo',
      'Apa yang dilakukan komitmen ini / What the commitment does',
      'Bagaimana komitmen berkontribusi mengatasi masalah / How it contributes to solving the problem',
      'Relevansi dengan nilai OGP / Relevance to OGP values',
      'Tonggak capaian / Milestones',
      'Usulan OMS asal / CSO proposals it came from',
    ]) {
      expect(labels).toContain(part);
    }
  });
});
