import { describe, expect, it } from '@jest/globals';
import { negotiationForExport } from '../../../../shared/negotiation/negotiation-export';
import { redactPersonalData } from '../../../../shared/platform/redaction';
import { CSO_TEXT, REASON, started, supported, walk } from './fixtures';

describe('the negotiation in open data', () => {
  it('has the contract fields: status, agencies with role and position, CSO text, no agreed text yet', () => {
    const out = negotiationForExport(started());
    expect(out).toEqual({
      status: 'not_started',
      agencies: [{ agency: 'Kementerian Desa', role: 'lead', position: 'pending' }],
      proposedText: CSO_TEXT,
      agreedText: null,
      textRevisions: 1,
      differences: [],
      meetings: [],
    });
  });

  it('puts the agreed text beside the CSO text with the word differences and the reasoned response', () => {
    const s = walk(supported(), {
      status: 'agreed_with_changes',
      reasonedResponse: REASON,
      text: { action: 'Membangun portal laporan dana desa di 50 desa percontohan.' },
    });
    const out = negotiationForExport(s);
    expect(out.proposedText).toEqual(CSO_TEXT);
    expect(out.agreedText?.action).toBe('Membangun portal laporan dana desa di 50 desa percontohan.');
    expect(out.differences.map((d) => d.field)).toEqual(['action']);
    expect(out.reasonedResponse).toBe(REASON);
    expect(out.agencies[0]).toMatchObject({ position: 'supports', respondedAt: expect.any(String) });
  });

  it('leaves out agency notes and the audit, and redacts personal data typed into free text', () => {
    const s = walk(started(), {
      agencies: [
        { agency: 'Kementerian Desa', position: 'needs_budget', note: 'hubungi budi@kemendes.example' },
      ],
      meetings: [
        {
          date: '2022-09-05',
          type: 'bilateral',
          organisations: ['Kementerian Desa'],
          decisions: 'Tindak lanjut ke ibu.sari@example.org atau 0812-3456-7890',
          minutesUrl: null,
        },
      ],
    });
    const json = JSON.stringify(negotiationForExport(s, (t) => redactPersonalData(t)));
    expect(json).not.toContain('budi@');
    expect(json).not.toContain('ibu.sari@');
    expect(json).not.toContain('0812');
    expect(json).not.toContain('audit');
    expect(json).not.toContain('Sekretariat OMS');
  });
});
