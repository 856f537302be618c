import { describe, expect, it } from '@jest/globals';
import { changedFields, csoText, parseMilestoneLines } from '../../../../shared/negotiation/commitment-text';
import { diffAsText, textDiff, wordDiff } from '../../../../shared/negotiation/text-diff';
import { CSO_TEXT } from './fixtures';

describe('word differences', () => {
  it('shows the words government removed and added', () => {
    const changes = wordDiff('portal di 100 desa', 'portal di 50 desa percontohan');
    expect(diffAsText(changes)).toBe('portal di [-100-]{+50+} desa {+percontohan+}');
  });

  it('lists only the parts of the text that changed', () => {
    const after = { ...CSO_TEXT, leadAgency: 'Kementerian Dalam Negeri' };
    const diffs = textDiff(CSO_TEXT, after);
    expect(diffs.map((d) => d.field)).toEqual(['leadAgency']);
    expect(diffAsText(diffs[0]?.changes ?? [])).toBe('Kementerian [-Desa-]{+Dalam Negeri+}');
    expect(changedFields(CSO_TEXT, after)).toEqual(['leadAgency']);
  });
});

describe('the CSO text', () => {
  it('takes problem, solution as action, milestones, lead agency and results from the primary proposal', () => {
    const t = csoText({
      problem: ' Masalah ',
      solution: 'Solusi',
      expectedResults: 'Hasil',
      leadAgency: 'Kementerian Keuangan',
      milestones: [
        { deliverable: 'Satu', start: '2023-01-01', end: '2023-02-01' },
        { deliverable: '', start: '', end: '' },
      ],
    });
    expect(t).toEqual({
      problem: 'Masalah',
      action: 'Solusi',
      milestones: [{ deliverable: 'Satu', start: '2023-01-01', end: '2023-02-01' }],
      leadAgency: 'Kementerian Keuangan',
      expectedResults: 'Hasil',
    });
  });

  it('reads milestones typed one per line with their dates', () => {
    expect(
      parseMilestoneLines(
        'Standar data (2023-01-01 – 2023-06-30)\nPortal (2023-07-01 - 2024-06-30)\nTanpa tanggal',
      ),
    ).toEqual([
      { deliverable: 'Standar data', start: '2023-01-01', end: '2023-06-30' },
      { deliverable: 'Portal', start: '2023-07-01', end: '2024-06-30' },
      { deliverable: 'Tanpa tanggal', start: '', end: '' },
    ]);
  });
});
