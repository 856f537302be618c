import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ROUND, type RoundConfig } from '../../../../shared/definitions/round';
import {
  audienceKey,
  buildDigestModel,
  type DigestInput,
  localDate,
  parseDigestSummary,
  roundDeadlines,
} from '../../../../shared/digest/digest-model';
import type { StoredProposal } from '../../../../shared/ingest/ingest';
import type { ReviewState } from '../../../../shared/review/review';
import { decide, NOW, proposal, reviewed, startReview, summary } from '../../../support/digest-fixtures';

const AUG = (day: number, hour = 1) =>
  `2022-08-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const BAD_WG = { id: 'Pilih satu kelompok kerja', en: 'Choose a working group' };

/**
 * The round used by most tests (now = 20 August, previous digest 13 August):
 * a accepted + b merged into a (15 Aug, after the previous digest) — GEDSI
 * d accepted + c merged into d (5 Aug, before it) — Anti-Corruption & Budget
 * e submitted 1 Aug, never reviewed; f in review since 16 Aug; g in review since 5 Aug (Budi) — Civic Space
 * h needs revision since 3 Aug — Legal Aid; i invalid, no working group; j rejected with no reasoned response.
 */
function scenario() {
  const proposals: StoredProposal[] = [
    proposal('a'),
    proposal('b', { organisation: 'Perkumpulan B' }),
    proposal('c', { workingGroupId: 'anti-corruption-budget' }),
    proposal('d', { workingGroupId: 'anti-corruption-budget' }),
    proposal('e', { workingGroupId: 'civic-space-democracy', submittedAt: AUG(1, 2) }),
    proposal('f', { workingGroupId: 'civic-space-democracy' }),
    proposal('g', { workingGroupId: 'civic-space-democracy' }),
    proposal('h', { workingGroupId: 'legal-aid-justice' }),
    proposal('i', {
      workingGroupId: '',
      submittedAt: AUG(18),
      valid: false,
      issues: [{ code: 'working_group', field: 'working_group', message: BAD_WG }],
    }),
    proposal('j', { workingGroupId: 'gedsi', status: 'rejected' }),
  ];
  const reviews = new Map<string, ReviewState>([
    ['a', reviewed('a', [startReview(AUG(2)), decide(AUG(10), 'accepted')])],
    ['b', reviewed('b', [startReview(AUG(2)), decide(AUG(15), 'merged', { mergeTarget: 'a' })])],
    ['c', reviewed('c', [startReview(AUG(2)), decide(AUG(5), 'merged', { mergeTarget: 'd' })])],
    ['d', reviewed('d', [startReview(AUG(2)), decide(AUG(5), 'accepted')])],
    ['f', reviewed('f', [startReview(AUG(16))])],
    ['g', reviewed('g', [startReview(AUG(5), 'Budi (peninjau)')])],
    ['h', reviewed('h', [startReview(AUG(2)), { at: AUG(3), change: { status: 'needs_revision' } }])],
  ]);
  const input: DigestInput = {
    proposals,
    reviews,
    round: DEFAULT_ROUND,
    now: NOW,
    period: '2022-W33',
    previous: {
      period: '2022-W32',
      sentAt: AUG(13),
      summary: summary(
        { total: 8, commitments: 1, invalid: 1 },
        { submitted: 5, accepted: 1, merged: 1, needs_revision: 1 },
      ),
    },
  };
  return input;
}

describe('buildDigestModel', () => {
  it('counts every proposal by status and by working group, with unknown groups in their own row', () => {
    const model = buildDigestModel(scenario());
    expect(model.summary).toMatchObject({ total: 10, invalid: 1, commitments: 2 });
    expect(model.summary.byStatus).toEqual({
      submitted: 2,
      in_review: 2,
      needs_revision: 1,
      accepted: 2,
      merged: 2,
      rejected: 1,
      withdrawn: 0,
    });
    const row = (id: string) => model.byGroup.find((g) => g.id === id);
    expect(model.byGroup.map((g) => g.id)).toEqual([...DEFAULT_ROUND.workingGroups.map((g) => g.id), '']);
    expect(row('gedsi')).toMatchObject({ total: 3, counts: { accepted: 1, merged: 1, rejected: 1 } });
    expect(row('civic-space-democracy')).toMatchObject({ total: 3, counts: { submitted: 1, in_review: 2 } });
    expect(row('inclusive-public-service')?.total).toBe(0);
    expect(row('')).toMatchObject({ total: 1, name: { en: 'No working group' } });
    expect(model.byGroup.reduce((n, g) => n + g.total, 0)).toBe(model.summary.total);
  });

  it('reports what changed since the previous digest, status by status', () => {
    const model = buildDigestModel(scenario());
    expect(model.previous).toEqual({ period: '2022-W32', sentAt: AUG(13) });
    const change = (metric: string, status?: string) =>
      model.changes.find((c) => c.metric === metric && c.status === status);
    expect(change('total')).toEqual({ metric: 'total', before: 8, now: 10, delta: 2 });
    expect(change('commitments')).toMatchObject({ before: 1, now: 2, delta: 1 });
    expect(change('status', 'submitted')).toMatchObject({ before: 5, now: 2, delta: -3 });
    expect(change('status', 'rejected')).toMatchObject({ before: 0, now: 1, delta: 1 });
    expect(change('status', 'withdrawn')).toBeUndefined();
    expect(model.changes[0]?.metric).toBe('total');
  });

  it('has no changes to report for the first digest', () => {
    const { previous: _, ...first } = scenario();
    const model = buildDigestModel(first);
    expect(model.previous).toBeNull();
    expect(model.changes).toEqual([]);
  });

  it('lists proposals waiting on review longer than the SLA with their reviewer, oldest first', () => {
    const model = buildDigestModel(scenario());
    expect(model.reviewSlaDays).toBe(7);
    expect(model.waitingTooLong.map((w) => [w.id, w.days, w.reviewer, w.waitingSince])).toEqual([
      ['e', 18, null, AUG(1, 2)],
      ['g', 15, 'Budi (peninjau)', AUG(5)],
    ]);
    // f has been in review for 4 days (submitted long ago, but the clock restarts when review starts);
    // h waits on its submitter, not on the reviewers.
    expect(model.summary.waitingTooLong).toBe(2);
  });

  it('flags a wait only once it is longer than round.reviewSlaDays', () => {
    const round: RoundConfig = { ...DEFAULT_ROUND, reviewSlaDays: 3 };
    const proposals = [
      proposal('exactly', { submittedAt: '2022-08-17T01:00:00.000Z' }),
      proposal('longer', { submittedAt: '2022-08-16T01:00:00.000Z' }),
    ];
    const model = buildDigestModel({ proposals, reviews: new Map(), round, now: NOW, period: 'p' });
    expect(model.waitingTooLong.map((w) => w.id)).toEqual(['longer']);
    expect(model.reviewSlaDays).toBe(3);
  });

  it('lists final decisions whose reasoned response is missing or too short', () => {
    const model = buildDigestModel(scenario());
    expect(model.missingReason).toEqual([
      expect.objectContaining({ id: 'j', status: 'rejected', reviewer: null, reasonedResponse: '' }),
    ]);
    const short = buildDigestModel({
      ...scenario(),
      proposals: [proposal('s', { status: 'accepted' })],
      reviews: new Map([
        ['s', { ...reviewed('s', [startReview(AUG(2))]), status: 'accepted', reasonedResponse: 'ok' }],
      ]),
    });
    expect(short.missingReason.map((m) => [m.id, m.reasonedResponse, m.reviewer])).toEqual([
      ['s', 'ok', 'Rina (peninjau)'],
    ]);
  });

  it('lists invalid submissions with their issue messages', () => {
    const model = buildDigestModel(scenario());
    expect(model.invalid).toEqual([
      { id: 'i', title: 'Usulan i', organisation: 'Organisasi i', workingGroupId: '', issues: [BAD_WG] },
    ]);
  });

  it('lists only the merges recorded since the previous digest, with target, time and reason', () => {
    const model = buildDigestModel(scenario());
    expect(model.newMerges).toEqual([
      expect.objectContaining({
        id: 'b',
        into: { id: 'a', title: 'Usulan a' },
        at: AUG(15),
        actor: 'Rina (peninjau)',
        reasonedResponse: expect.stringMatching(/relevan/),
      }),
    ]);
    const { previous: _, ...first } = scenario();
    expect(buildDigestModel(first).newMerges.map((m) => m.id)).toEqual(['b', 'c']);
  });

  it('lists the commitments with their lineage: sources, co-authoring organisations, working groups', () => {
    const model = buildDigestModel(scenario());
    expect(model.commitments).toEqual([
      expect.objectContaining({
        title: 'Usulan d',
        sources: [
          { id: 'd', title: 'Usulan d', organisation: 'Organisasi d' },
          { id: 'c', title: 'Usulan c', organisation: 'Organisasi c' },
        ],
        coAuthors: ['Organisasi d', 'Organisasi c'],
        workingGroups: [{ id: 'anti-corruption-budget', name: DEFAULT_ROUND.workingGroups[0]?.name }],
      }),
      expect.objectContaining({ title: 'Usulan a', coAuthors: ['Organisasi a', 'Perkumpulan B'] }),
    ]);
  });

  it("holds only a working group's own proposals in that group's digest", () => {
    const model = buildDigestModel({ ...scenario(), audience: { kind: 'working_group', groupId: 'gedsi' } });
    expect(model.audienceName).toEqual(DEFAULT_ROUND.workingGroups.find((g) => g.id === 'gedsi')?.name);
    expect(model.summary).toMatchObject({ total: 3, invalid: 0, commitments: 1, waitingTooLong: 0 });
    expect(model.byGroup.map((g) => g.id)).toEqual(['gedsi']);
    expect(model.commitments.map((c) => c.title)).toEqual(['Usulan a']);
    expect(model.newMerges.map((m) => m.id)).toEqual(['b']);
    expect(model.missingReason.map((m) => m.id)).toEqual(['j']);
    expect(model.invalid).toEqual([]);
    expect(model.groupProposals.map((p) => [p.id, p.status, p.reviewer])).toEqual([
      ['a', 'accepted', 'Rina (peninjau)'],
      ['b', 'merged', 'Rina (peninjau)'],
      ['j', 'rejected', null],
    ]);
    expect(buildDigestModel(scenario()).groupProposals).toEqual([]); // the secretariat gets counts, not 10,000 rows
  });

  it("keeps a cross-group commitment in each group's digest, with its full lineage", () => {
    const proposals = [
      proposal('x', { workingGroupId: 'gedsi' }),
      proposal('y', { workingGroupId: 'civic-space-democracy' }),
    ];
    const reviews = new Map([
      ['x', reviewed('x', [startReview(AUG(2)), decide(AUG(3), 'merged', { mergeTarget: 'y' })])],
      ['y', reviewed('y', [startReview(AUG(2)), decide(AUG(3), 'accepted')])],
    ]);
    const base = { proposals, reviews, round: DEFAULT_ROUND, now: NOW, period: 'p' };
    const gedsi = buildDigestModel({ ...base, audience: { kind: 'working_group', groupId: 'gedsi' } });
    expect(gedsi.summary.total).toBe(1);
    expect(gedsi.commitments).toEqual([
      expect.objectContaining({
        title: 'Usulan y',
        sources: [expect.objectContaining({ id: 'y' }), expect.objectContaining({ id: 'x' })],
        workingGroups: [
          expect.objectContaining({ id: 'civic-space-democracy' }),
          expect.objectContaining({ id: 'gedsi' }),
        ],
      }),
    ]);
    const legal = buildDigestModel({
      ...base,
      audience: { kind: 'working_group', groupId: 'legal-aid-justice' },
    });
    expect(legal.commitments).toEqual([]);
  });

  it('lists upcoming deadlines derived from the round, soonest first, counted in WIB days', () => {
    const model = buildDigestModel(scenario());
    expect(model.deadlines.map((d) => [d.date, d.daysLeft, d.label.en])).toEqual([
      ['2022-08-31', 11, 'Proposal submission deadline'],
      ['2023-01-01', 134, 'Action-plan period starts'],
      ['2024-12-31', 864, 'Action-plan period ends'],
    ]);
    // 31 August 01:00 WIB is still 30 August in UTC: the deadline is today, not tomorrow.
    const onTheDay = buildDigestModel({ ...scenario(), now: '2022-08-30T18:00:00.000Z' });
    expect(onTheDay.deadlines[0]).toMatchObject({ date: '2022-08-31', daysLeft: 0 });
    const after = buildDigestModel({ ...scenario(), now: '2022-08-31T17:30:00.000Z' });
    expect(after.deadlines[0]?.date).toBe('2023-01-01');
  });

  it("uses the round's own deadlines when it has them", () => {
    const label = { id: 'Rapat pleno', en: 'Plenary meeting' };
    const round: RoundConfig = {
      ...DEFAULT_ROUND,
      deadlines: [
        { date: '2022-09-05', label },
        { date: '2022-08-01', label: { id: 'lalu', en: 'past' } },
        { date: 'bukan tanggal', label },
      ],
    };
    expect(roundDeadlines(round)).toBe(round.deadlines);
    expect(buildDigestModel({ ...scenario(), round }).deadlines).toEqual([
      { date: '2022-09-05', label, daysLeft: 16 },
    ]);
  });
});

describe('digest helpers', () => {
  it('names audiences as the digest claims store them', () => {
    expect(audienceKey({ kind: 'secretariat' })).toBe('secretariat');
    expect(audienceKey({ kind: 'working_group', groupId: 'gedsi' })).toBe('group:gedsi');
  });

  it('reads the calendar date of an instant in the round time zone', () => {
    expect(localDate('2022-08-30T17:00:00.000Z', 'Asia/Jakarta')).toBe('2022-08-31');
    expect(localDate('2022-08-30T16:59:59.000Z', 'Asia/Jakarta')).toBe('2022-08-30');
  });

  it('reads a stored summary, counting missing or malformed fields as zero', () => {
    expect(parseDigestSummary({ total: 4, byStatus: { accepted: 2, merged: 'x' } })).toEqual(
      summary({ total: 4 }, { accepted: 2 }),
    );
    expect(parseDigestSummary(undefined)).toBeUndefined();
  });
});
