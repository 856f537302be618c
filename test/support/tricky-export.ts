// A forms export whose rows test every rule of CSV row identity: same second with and without an email,
// the same timestamp and email on different rows, exact repeats, no timestamp, and refused rows between.
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import type { Answers } from '../../shared/ingest/proposal';
import { sampleCsv } from './sample-csv';

const T1 = '01/08/2022 09:30:00';
const T2 = '01/08/2022 09:31:00';

/** The rows, in order (line = index + 2); `big` rows are over the API's size limit, `damaged` hold U+FFFD. */
export function trickyExport(): string {
  const a = (i: number, over: Answers = {}): Answers => ({ ...SAMPLE_PROPOSALS[i]?.answers, ...over });
  const rows: { timestamp: string; answers: Answers }[] = [
    { timestamp: T1, answers: a(0, { email: 'satu@oms.example' }) }, // 2
    { timestamp: T1, answers: a(1, { email: undefined }) }, // 3: same second, no email
    { timestamp: T1, answers: a(2, { email: undefined }) }, // 4: same second, no email, other content
    { timestamp: T1, answers: a(3, { email: 'satu@oms.example' }) }, // 5: line 2's timestamp and email
    { timestamp: T1, answers: a(0, { email: 'satu@oms.example' }) }, // 6: line 2 again, exactly
    { timestamp: '', answers: a(4, { email: 'dua@oms.example' }) }, // 7: no timestamp
    { timestamp: T1, answers: a(1, { email: undefined }) }, // 8: line 3 again, exactly
    { timestamp: T2, answers: a(5, { email: 'tiga@oms.example', problem: 'x'.repeat(300_000) }) }, // 9: too large
    { timestamp: T2, answers: a(6, { email: 'tiga@oms.example' }) }, // 10: line 9's timestamp and email
    { timestamp: T2, answers: a(7, { email: 'empat@oms.example', title: 'Judul \ufffd' }) }, // 11: damaged
    { timestamp: T2, answers: a(8, { email: 'empat@oms.example' }) }, // 12: line 11's timestamp and email
    { timestamp: '', answers: a(4, { email: 'dua@oms.example' }) }, // 13: line 7 again
    { timestamp: T2, answers: a(9, { email: 'SATU@oms.example' }) }, // 14: another second, email's case
  ];
  const lines = sampleCsv(rows).split('\r\n');
  // Line 15: cut short (fewer fields than the header).
  lines.splice(14, 0, (lines[2] as string).slice(0, 120));
  return lines.join('\r\n');
}
