import { describe, expect, it } from '@jest/globals';
import { formSubmitEvent, sheetTimestamp } from '../../../../infra/apps-script-sim/events';

const args = {
  responseId: 'ACYDBNi-1',
  timestamp: '2026-11-26T03:15:09Z',
  answersByTitle: {
    'Judul komitmen / Commitment title': 'Data terbuka',
    'Nilai OGP / OGP values': ['Transparansi / Transparency', 'Akuntabilitas / Accountability'],
  },
  respondentEmail: 'ana@example.org',
};

describe('formSubmitEvent', () => {
  it('gives e.response as a form trigger does', () => {
    const e = formSubmitEvent(args);
    const r = e.response;
    expect(r?.getId()).toBe('ACYDBNi-1');
    expect(r?.getTimestamp().toISOString()).toBe('2026-11-26T03:15:09.000Z');
    expect(r?.getEditResponseUrl()).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+edit2=ACYDBNi-1$/);
    expect(r?.getRespondentEmail()).toBe('ana@example.org');
    expect(
      r?.getItemResponses().map((i) => [i.getItem().getTitle(), i.getItem().getType(), i.getResponse()]),
    ).toEqual([
      ['Judul komitmen / Commitment title', 'TEXT', 'Data terbuka'],
      [
        'Nilai OGP / OGP values',
        'CHECKBOX',
        ['Transparansi / Transparency', 'Akuntabilitas / Accountability'],
      ],
    ]);
    expect(e.triggerUid).toBeTruthy();
  });

  it('gives e.namedValues as a sheet trigger does: one-element arrays, checkboxes joined by ", "', () => {
    const e = formSubmitEvent({ ...args, shape: 'sheet' });
    expect(e.namedValues).toEqual({
      Timestamp: ['26/11/2026 10:15:09'],
      'Email Address': ['ana@example.org'],
      'Judul komitmen / Commitment title': ['Data terbuka'],
      'Nilai OGP / OGP values': ['Transparansi / Transparency, Akuntabilitas / Accountability'],
    });
    expect(e.values?.[0]).toBe('26/11/2026 10:15:09');
  });

  it('imitates one trigger or the other, never both (a form trigger by default)', () => {
    expect(formSubmitEvent(args).namedValues).toBeUndefined();
    expect(formSubmitEvent(args).values).toBeUndefined();
    expect(formSubmitEvent({ ...args, shape: 'sheet' }).response).toBeUndefined();
  });

  it('omits unanswered questions from getItemResponses(), as Forms does', () => {
    const e = formSubmitEvent({
      ...args,
      answersByTitle: {
        'Judul komitmen / Commitment title': 'Data terbuka',
        'Telepon / Phone': '',
        Nilai: [],
      },
    });
    expect(e.response?.getItemResponses().map((r) => r.getItem().getTitle())).toEqual([
      'Judul komitmen / Commitment title',
    ]);
  });

  it('writes the Timestamp column in WIB', () => {
    expect(sheetTimestamp(new Date('2026-12-31T20:05:00Z'))).toBe('1/1/2027 3:05:00');
  });
});
