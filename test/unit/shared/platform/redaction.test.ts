import { describe, expect, it } from '@jest/globals';
import { REDACTED, redactPersonalData } from '../../../../shared/platform/redaction';

describe('redactPersonalData', () => {
  it.each([
    ['landline with area code in brackets', 'Hubungi (021) 5551234 besok', '(021) 5551234'],
    ['landline with a dash', 'Kantor: 021-7654321.', '021-7654321'],
    ['local mobile', 'WA 0812-3456-7890 ya', '0812-3456-7890'],
    ['local mobile without separators', 'WA 081234567890', '081234567890'],
    ['international mobile', 'call +62 812 3456 7890', '+62 812 3456 7890'],
    ['international mobile without plus', 'nomor 62 812-3456-7890', '62 812-3456-7890'],
    ['foreign number', 'or +1 415 555 0100', '+1 415 555 0100'],
    ['NIK', 'NIK 3171012345670001 terlampir', '3171012345670001'],
    ['NIK in groups', 'NIK 3171 0123 4567 0001', '3171 0123 4567 0001'],
    ['email', 'tulis ke ani.w@lsm.example.org', 'ani.w@lsm.example.org'],
    ['bracketed obfuscated email', 'ani [at] lsm [dot] org', 'ani [at] lsm [dot] org'],
    ['parenthesised obfuscated email', 'ani(at)lsm(dot)or(dot)id', 'ani(at)lsm(dot)or(dot)id'],
  ])('removes a %s', (_what, text, secret) => {
    const out = redactPersonalData(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('normalises full-width digits and at signs before matching (NFKC)', () => {
    const out = redactPersonalData('HP ０８１２３４５６７８９０ atau ａｎｉ＠ｌｓｍ．ｏｒｇ');
    expect(out).not.toMatch(/\d{6}/);
    expect(out).not.toContain('ani@lsm.org');
    expect(out.match(/redacted/g)).toHaveLength(2);
  });

  it('keeps amounts, years, dates and ordinary numbers', () => {
    const text = 'Anggaran Rp 150.000.000 untuk 2023-2024, mulai 01-08-2023, 12 desa, 3.500 warga, 1,5 juta';
    expect(redactPersonalData(text)).toBe(text);
  });

  it('removes the given own values (contact name, email, phone) as whole words in any case', () => {
    expect(redactPersonalData('Organisasi ANI dan Ani, bukan organisasian', ['Ani'])).toBe(
      `Organisasi ${REDACTED} dan ${REDACTED}, bukan organisasian`,
    );
    expect(redactPersonalData('surat dari budi@@mail', ['budi@@mail'])).toBe(`surat dari ${REDACTED}`);
  });

  it('drops lone surrogates and bidirectional override characters', () => {
    expect(redactPersonalData('a\ud800b\u202ec\u2066d\udc00')).toBe('abcd');
  });
});
