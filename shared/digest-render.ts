// The consolidated status email: a model computed from the round's proposals, rendered to HTML + text.
import { escapeHtml } from './html';
import type { Lang } from './i18n';
import { type ReviewStatus, STATUS_LABELS, STATUSES } from './lifecycle';
import type { RoundConfig } from './round';
import type { StoredProposal } from './submission';
import { formatDateTime } from './time';

export interface DigestModel {
  roundName: RoundConfig['name'];
  generatedAt: string;
  total: number;
  invalid: number;
  byGroup: {
    id: string;
    name: RoundConfig['workingGroups'][number]['name'];
    counts: Record<ReviewStatus, number>;
    total: number;
  }[];
  needsFollowUp: { id: string; title: string; organisation: string; issues: number }[];
}

export type DigestProposal = Pick<
  StoredProposal,
  'id' | 'title' | 'organisation' | 'workingGroupId' | 'status' | 'valid' | 'issues'
>;

export function buildDigest(
  proposals: readonly DigestProposal[],
  round: RoundConfig,
  nowIso: string,
): DigestModel {
  const zero = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
  const groups = new Map(
    round.workingGroups.map((g) => [g.id, { id: g.id, name: g.name, counts: zero(), total: 0 }]),
  );
  const unassigned = {
    id: '',
    name: { id: 'Tanpa kelompok kerja', en: 'No working group' },
    counts: zero(),
    total: 0,
  };
  for (const p of proposals) {
    const g = groups.get(p.workingGroupId) ?? unassigned;
    g.counts[p.status] = (g.counts[p.status] ?? 0) + 1;
    g.total++;
  }
  const byGroup = [...groups.values(), ...(unassigned.total ? [unassigned] : [])];
  return {
    roundName: round.name,
    generatedAt: nowIso,
    total: proposals.length,
    invalid: proposals.filter((p) => !p.valid).length,
    byGroup,
    needsFollowUp: proposals
      .filter((p) => !p.valid)
      .map((p) => ({ id: p.id, title: p.title, organisation: p.organisation, issues: p.issues.length })),
  };
}

const L = {
  subject: { id: 'Status usulan komitmen', en: 'Commitment proposal status' },
  total: { id: 'Total usulan', en: 'Total proposals' },
  invalid: { id: 'Perlu tindak lanjut (tidak valid)', en: 'Need follow-up (invalid)' },
  group: { id: 'Kelompok kerja', en: 'Working group' },
  generated: { id: 'Dibuat', en: 'Generated' },
  byGroup: { id: 'Usulan per kelompok kerja dan status', en: 'Proposals by working group and status' },
  followUp: {
    id: 'Usulan tidak valid yang perlu ditindaklanjuti',
    en: 'Invalid proposals needing follow-up',
  },
  issues: { id: 'masalah', en: 'issues' },
  none: { id: 'Tidak ada.', en: 'None.' },
};

export function renderDigest(
  model: DigestModel,
  lang: Lang,
  timeZone: string,
): { subject: string; html: string; text: string } {
  const t = (k: keyof typeof L) => L[k][lang];
  const when = formatDateTime(model.generatedAt, lang, timeZone);
  const subject = `${t('subject')}: ${model.roundName[lang]} — ${model.total}`;
  const th = 'style="border:1px solid #999;padding:4px 8px;text-align:left;background:#eee"';
  const td = 'style="border:1px solid #999;padding:4px 8px"';
  const rows = model.byGroup
    .map(
      (g) =>
        `<tr><th scope="row" ${td}>${escapeHtml(g.name[lang])}</th>${STATUSES.map((s) => `<td ${td}>${g.counts[s]}</td>`).join('')}<td ${td}><strong>${g.total}</strong></td></tr>`,
    )
    .join('');
  const followUp = model.needsFollowUp.length
    ? `<ul>${model.needsFollowUp.map((p) => `<li>${escapeHtml(p.title || p.id)} — ${escapeHtml(p.organisation)} (${p.issues} ${t('issues')})</li>`).join('')}</ul>`
    : `<p>${t('none')}</p>`;
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,sans-serif;color:#111">
<h1 style="font-size:20px">${escapeHtml(model.roundName[lang])}</h1>
<p>${t('generated')}: ${escapeHtml(when)}</p>
<p>${t('total')}: <strong>${model.total}</strong> · ${t('invalid')}: <strong>${model.invalid}</strong></p>
<h2 style="font-size:16px">${t('byGroup')}</h2>
<table role="table" style="border-collapse:collapse"><thead><tr><th scope="col" ${th}>${t('group')}</th>${STATUSES.map((s) => `<th scope="col" ${th}>${STATUS_LABELS[s][lang]}</th>`).join('')}<th scope="col" ${th}>Total</th></tr></thead><tbody>${rows}</tbody></table>
<h2 style="font-size:16px">${t('followUp')}</h2>
${followUp}
</body></html>`;
  const text = [
    model.roundName[lang],
    `${t('generated')}: ${when}`,
    `${t('total')}: ${model.total}; ${t('invalid')}: ${model.invalid}`,
    '',
    t('byGroup'),
    ...model.byGroup.map(
      (g) =>
        `- ${g.name[lang]}: ${g.total} (${
          STATUSES.filter((s) => g.counts[s])
            .map((s) => `${STATUS_LABELS[s][lang]} ${g.counts[s]}`)
            .join(', ') || '-'
        })`,
    ),
    '',
    t('followUp'),
    ...(model.needsFollowUp.length
      ? model.needsFollowUp.map(
          (p) => `- ${p.title || p.id} — ${p.organisation} (${p.issues} ${t('issues')})`,
        )
      : [t('none')]),
  ].join('\n');
  return { subject, html, text };
}
