import { describe, expect, it } from '@jest/globals';
import { parseDate, parseIndonesianNumber, parseTimestamp } from '../../../../shared/ingest/locale-parse';

describe('Indonesian numbers', () => {
  it.each([
    ['Rp 150.000', 150000],
    ['Rp150.000.000', 150000000],
    ['IDR 1.500.000,50', 1500000.5],
    ['2,5', 2.5],
    ['150000', 150000],
    ['Rp 75.000,-', 75000],
    ['1,500,000', 1500000],
  ])('reads %s as %d', (raw, expected) => {
    expect(parseIndonesianNumber(raw)).toBe(expected);
  });

  it('returns null for text that is not an amount', () => {
    expect(parseIndonesianNumber('seratus ribu')).toBeNull();
    expect(parseIndonesianNumber('')).toBeNull();
    expect(parseIndonesianNumber('1.2.3,4,5')).toBeNull();
  });
});

describe('dates', () => {
  it.each([
    ['2023-08-17', '2023-08-17'],
    ['17/08/2023', '2023-08-17'],
    ['17-8-2023', '2023-08-17'],
    ['17 Agustus 2023', '2023-08-17'],
    ['1 Juli 2024', '2024-07-01'],
    ['17 August 2023', '2023-08-17'],
    ['2023-08-17 10:00:00', '2023-08-17'],
  ])('reads %s as %s', (raw, iso) => {
    expect(parseDate(raw)).toBe(iso);
  });

  it('refuses impossible dates', () => {
    expect(parseDate('31/02/2023')).toBeNull();
    expect(parseDate('2023-13-01')).toBeNull();
    expect(parseDate('besok')).toBeNull();
  });

  it('reads a zone-less form timestamp as WIB (UTC+7)', () => {
    expect(parseTimestamp('17/08/2022 10:15:00')).toBe('2022-08-17T03:15:00.000Z');
    expect(parseTimestamp('2022/08/17 10:15:00 AM GMT+7')).toBe('2022-08-17T03:15:00.000Z');
    expect(parseTimestamp('2022-08-17T03:15:00Z')).toBe('2022-08-17T03:15:00.000Z');
  });
});
