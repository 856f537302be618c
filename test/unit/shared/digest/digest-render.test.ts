import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ROUND, type RoundConfig } from '../../../../shared/definitions/round';
import { buildDigestModel, type DigestInput } from '../../../../shared/digest/digest-model';
import { renderDigest } from '../../../../shared/digest/digest-render';
import type { StoredProposal } from '../../../../shared/ingest/ingest';
import { escapeHtml } from '../../../../shared/platform/html';
import type { ReviewState } from '../../../../shared/review/review';
import { decide, NOW, proposal, reviewed, startReview, summary } from '../../../support/digest-fixtures';

const AUG = (day: number) => `2022-08-${String(day).padStart(2, '0')}T01:00:00.000Z`;

/** A round where every list of the digest has an entry, every user field set by `set`. */
function roundWith(set: Partial<Record<Field, string>> = {}): DigestInput {
  const v = (f: Field, fallback: string) => set[f] ?? fallback;
  const round: RoundConfig = {
    ...DEFAULT_ROUND,
    name: { id: v('roundName', 'Putaran Uji'), en: v('roundName', 'Test Round') },
    workingGroups: [
      { id: 'g1', name: { id: v('groupName', 'Kelompok Satu'), en: v('groupName', 'Group One') } },
      { id: 'g2', name: { id: 'Kelompok Dua', en: 'Group Two' } },
    ],
    deadlines: [
      { date: '2022-09-01', label: { id: v('deadline', 'Rapat pleno'), en: v('deadline', 'Plenary') } },
    ],
  };
  const proposals: StoredProposal[] = [
    proposal('lead', {
      workingGroupId: 'g1',
      title: v('title', 'Usulan utama'),
      organisation: v('organisation', 'Org Utama'),
    }),
    proposal('merged', { workingGroupId: 'g1', title: 'Usulan digabung', organisation: 'Org Gabung' }),
    proposal('slow', { workingGroupId: 'g1', title: 'Usulan lambat' }),
    proposal('short', { workingGroupId: 'g1', title: 'Usulan alasan pendek' }),
    proposal('bad', {
      workingGroupId: 'g2',
      title: 'Usulan kelompok dua',
      submittedAt: AUG(18),
      valid: false,
      issues: [
        {
          code: 'required',
          field: 'problem',
          message: { id: v('issue', 'Masalah wajib diisi'), en: v('issue', 'Problem is required') },
        },
      ],
    }),
  ];
  const reviews = new Map<string, ReviewState>([
    ['lead', reviewed('lead', [startReview(AUG(2)), decide(AUG(4), 'accepted')])],
    [
      'merged',
      reviewed('merged', [
        startReview(AUG(2)),
        decide(AUG(15), 'merged', {
          mergeTarget: 'lead',
          reasonedResponse: v('reason', 'Digabung karena masalahnya sama persis.'),
        }),
      ]),
    ],
    ['slow', reviewed('slow', [startReview(AUG(3), v('reviewer', 'Budi Peninjau'))])],
    [
      'short',
      {
        ...reviewed('short', [startReview(AUG(3))]),
        status: 'rejected',
        reasonedResponse: v('shortReason', 'tidak'),
      },
    ],
  ]);
  return {
    proposals,
    reviews,
    round,
    now: NOW,
    period: '2022-W33',
    previous: {
      period: '2022-W32',
      sentAt: AUG(13),
      summary: summary({ total: 3, commitments: 0 }, { submitted: 3 }),
    },
  };
}

type Field =
  | 'title'
  | 'organisation'
  | 'reviewer'
  | 'reason'
  | 'shortReason'
  | 'issue'
  | 'roundName'
  | 'groupName'
  | 'deadline';

const FIELDS: Field[] = [
  'title',
  'organisation',
  'reviewer',
  'reason',
  'shortReason',
  'issue',
  'roundName',
  'groupName',
  'deadline',
];

const render = (input: DigestInput, lang: 'id' | 'en' = 'id', maxItems?: number) =>
  renderDigest(buildDigestModel(input), { lang, ...(maxItems ? { maxItems } : {}) });

describe('renderDigest HTML', () => {
  it.each(FIELDS)('escapes a <script> typed into the %s, in both languages', (field) => {
    // A reasoned response is listed as missing only while it is short, so that one gets a short attack.
    const hostile =
      field === 'shortReason'
        ? `<script>'s'`
        : `<script>alert('${field}')</script>"><img src=x onerror=alert(1)>`;
    for (const lang of ['id', 'en'] as const) {
      const { html, subject } = render(roundWith({ [field]: hostile }), lang);
      expect(html).toContain(escapeHtml(hostile));
      expect(html).not.toMatch(/<script|<img/i);
      expect(subject).not.toMatch(/[\r\n]/);
    }
  });

  it('is one self-contained document: lang, one h1, h2 sections, scoped headers, no scripts, images or classes', () => {
    const { html } = render(roundWith());
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="id"/);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect((html.match(/<h2[ >]/g) ?? []).length).toBeGreaterThanOrEqual(9);
    expect(html).not.toMatch(/<th(?=[\s>])(?![^>]*scope="(col|row)")[^>]*>/);
    expect(html).not.toMatch(/<(script|img|link|style|iframe|object)\b|class=|url\(|https?:/i);
  });

  it('draws bars with table cells and writes every status next to its bar', () => {
    const { html } = render(roundWith());
    expect(html).toMatch(
      /<td width="100%" bgcolor="#15803d" style="width:100%;height:14px;background:#15803d/,
    );
    for (const label of [
      'Diajukan',
      'Sedang ditinjau',
      'Perlu revisi',
      'Diterima',
      'Digabung',
      'Ditolak',
      'Ditarik',
    ]) {
      expect(html).toContain(`>${label}</td>`);
    }
  });

  it('shows the changes since the previous digest with written signs', () => {
    const { html, text } = render(roundWith());
    expect(html).toContain('Digest sebelumnya dikirim: 13 Agustus 2022 pukul 08.00 WIB (Minggu 2022-W32)');
    expect(html).toMatch(
      /Total usulan<\/th><td[^>]*>3<\/td><td[^>]*><strong>5<\/strong><\/td><td[^>]*>\+2<\/td>/,
    );
    expect(html).toMatch(/Diajukan<\/th><td[^>]*>3<\/td><td[^>]*><strong>1<\/strong><\/td><td[^>]*>-2<\/td>/);
    expect(text).toContain('- Total usulan: 3 -> 5 (+2)');
    expect(text).toContain('- Diajukan: 3 -> 1 (-2)');
  });

  it('says so when there is no previous digest to compare with', () => {
    const { previous: _, ...first } = roundWith();
    const { html, text } = render(first);
    expect(html).toContain('Ini digest pertama');
    expect(text).toContain('Ini digest pertama');
    expect(html).toContain('Semua penggabungan sejauh ini (1)');
  });

  it('lists the proposals waiting too long with reviewer and days, and decisions missing a reason', () => {
    const { html, text } = render(roundWith());
    expect(html).toContain('Menunggu tinjauan lebih dari 7 hari (1)');
    expect(html).toMatch(/Usulan lambat[\s\S]*?Budi Peninjau[\s\S]*?<strong>17 hari<\/strong>/);
    expect(text).toMatch(
      /- Usulan lambat \[slow\] — .*Peninjau: Budi Peninjau; 17 hari \(Sedang ditinjau, sejak 3 Agustus 2022 pukul 08\.00 WIB\)/,
    );
    expect(html).toContain('Keputusan akhir tanpa tanggapan beralasan (1)');
    expect(text).toMatch(
      /- Usulan alasan pendek \[short\] — Ditolak; Peninjau: Rina \(peninjau\); Tanggapan saat ini: tidak/,
    );
    expect(text).toContain('    * Masalah wajib diisi');
    expect(text).toMatch(
      /- Usulan digabung \[merged\] -> Usulan utama \[lead\]; 15 Agustus 2022 pukul 08\.00 WIB/,
    );
    expect(text).toContain('1. Usulan utama');
    expect(text).toContain('   Organisasi pengusul: Org Utama, Org Gabung');
    expect(text).toContain('- 1 September 2022: Rapat pleno (12 hari lagi)');
  });

  it('writes in English with the lang attribute and dates in WIB when asked', () => {
    const { html, text, subject } = render(roundWith(), 'en');
    expect(html).toMatch(/<html lang="en"/);
    expect(html).toContain('Total proposals: <strong>5</strong>');
    expect(html).toContain('Waiting on review for more than 7 days (1)');
    expect(text).toContain('Generated: 20 August 2022 at 08:00 WIB');
    expect(subject).toBe('Commitment proposal status: Test Round — 5 proposals, 1 commitment');
  });

  it('shows a long list up to the limit and counts the rest', () => {
    const input = roundWith();
    const many = Array.from({ length: 5 }, (_, i) =>
      proposal(`late${i}`, { workingGroupId: 'g2', title: `Terlambat ${i}` }),
    );
    const { html, text } = render({ ...input, proposals: [...input.proposals, ...many] }, 'id', 2);
    expect(html).toContain('Menunggu tinjauan lebih dari 7 hari (6)');
    expect(html).toContain('dan 4 lainnya (lihat ekspor data terbuka)');
    expect(text).toContain('dan 4 lainnya (lihat ekspor data terbuka)');
  });
});

describe('renderDigest text part', () => {
  it('mirrors the numbers of the HTML part', () => {
    const { html, text } = render(roundWith());
    const headline = [...html.matchAll(/([A-Za-z ]+): <strong>(\d+)<\/strong>/g)].map(
      (m) => `${m[1]?.trim()}: ${m[2]}`,
    );
    expect(headline).toEqual([
      'Total usulan: 5',
      'Komitmen: 1',
      'Diterima: 1',
      'Digabung: 1',
      'Tidak valid: 1',
    ]);
    expect(text).toContain(headline.join(' · '));
    const bars = [
      ...html.matchAll(/>([A-Za-z ]+)<\/td>\n<td width="52%"[\s\S]*?font-weight:bold[^>]*>(\d+)<\/td>/g),
    ].map((m) => [m[1], m[2]]);
    expect(bars.length).toBe(7 + 2); // every status, then every working group
    for (const [label, n] of bars) expect(text).toMatch(new RegExp(`^${label} +${n}( |$)`, 'm'));
    expect(text).toContain(
      '- Kelompok Satu: 4 (Diajukan 0, Sedang ditinjau 1, Diterima 1, Digabung 1, Ditolak 1)',
    );
    expect(text).toContain(
      '- Kelompok Dua: 1 (Diajukan 1, Sedang ditinjau 0, Diterima 0, Digabung 0, Ditolak 0)',
    );
    expect(html).toMatch(
      /Kelompok Satu<\/th>(<td[^>]*>(<span[^>]*>)?\d+(<\/span>)?<\/td>){5}<td[^>]*><strong>4<\/strong>/,
    );
    expect(text).not.toMatch(/<[a-z]/i);
  });
});

describe("a working group's digest", () => {
  it("names the group and shows only the group's proposals", () => {
    const { html, text, subject } = render({
      ...roundWith(),
      audience: { kind: 'working_group', groupId: 'g2' },
    });
    expect(subject).toMatch(/^\[Kelompok Dua\] Status usulan komitmen: Putaran Uji — 1 usulan, 0 komitmen$/);
    expect(html).toContain('Untuk: Kelompok kerja Kelompok Dua');
    expect(html).toContain('Usulan kelompok kerja ini (1)');
    expect(text).toMatch(
      /- Usulan kelompok dua \[bad\] — Organisasi bad; Diajukan; Peninjau: belum ada peninjau/,
    );
    for (const other of [
      'Usulan utama',
      'Usulan lambat',
      'Usulan alasan pendek',
      'Usulan digabung',
      'Kelompok Satu',
    ]) {
      expect(html).not.toContain(other);
      expect(text).not.toContain(other);
    }
    expect(text).toContain('Anda menerima email ini sebagai kontak kelompok kerja Kelompok Dua');
  });
});
