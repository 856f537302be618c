// The action plan draft in the OGP commitment template: one section per commitment, as a list of document
// blocks that three renderers share (HTML here, .docx in the publish adapter, a Google Doc in Apps Script),
// so the three drafts cannot say different things.
import { encodeCursor, MAX_PAGE_BYTES, type PageInfo, pageFrom, unknownCursor } from '../open-data/paging';
import { escapeHtml } from '../platform/html';
import { bilingual, type Text } from '../platform/i18n';
import { utf8Length } from '../platform/utf8';
import { irmCheckText } from './irm-check';
import { page } from './page';
import type { PublicCommitment, PublicRound } from './public-round';

export type DocBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] };

export const MILESTONE_HEADER: Text[] = [
  { id: 'No.', en: 'No.' },
  { id: 'Hasil yang dapat diverifikasi', en: 'Verifiable deliverable' },
  { id: 'Keluaran', en: 'Output' },
  { id: 'Mulai', en: 'Start' },
  { id: 'Selesai', en: 'End' },
  { id: 'Penanggung jawab', en: 'Responsible' },
];

const or = (s: string) => s.trim() || '-';

/** The blocks of one commitment's section, in the order of the OGP template. */
export function commitmentBlocks(c: PublicCommitment): DocBlock[] {
  const agreed = c.negotiation?.agreed;
  const milestones = agreed?.milestones ?? c.milestones;
  const problem = [
    c.problem,
    c.causes && `Penyebab / Causes: ${c.causes}`,
    c.doneSoFar && `Yang sudah dilakukan / Done so far: ${c.doneSoFar}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return [
    {
      kind: 'heading',
      level: 2,
      text: `Komitmen ${c.number} / Commitment ${c.number}: ${agreed?.title ?? c.title}`,
    },
    {
      kind: 'field',
      label: bilingual({ id: 'Kelompok kerja', en: 'Working group' }),
      value: c.workingGroupNames.map((n) => bilingual(n)).join('; '),
    },
    {
      kind: 'field',
      label: bilingual({ id: 'K/L pelaksana utama', en: 'Lead agency' }),
      value: or(c.leadAgency),
    },
    {
      kind: 'field',
      label: bilingual({ id: 'Lembaga dan pihak pendukung', en: 'Supporting agencies and actors' }),
      value: [c.supportingAgencies, ...c.coAuthors].filter((s) => s.trim()).join('; ') || '-',
    },
    ...(c.negotiation
      ? [
          {
            kind: 'field' as const,
            label: bilingual({ id: 'Status negosiasi', en: 'Negotiation status' }),
            value: bilingual(c.negotiation.status),
          },
        ]
      : []),
    {
      kind: 'heading',
      level: 3,
      text: bilingual({ id: 'Masalah dan kondisi saat ini', en: 'Problem and status quo' }),
    },
    { kind: 'paragraph', text: or(problem) },
    {
      kind: 'heading',
      level: 3,
      text: bilingual({ id: 'Apa yang dilakukan komitmen ini', en: 'What the commitment does' }),
    },
    { kind: 'paragraph', text: or(agreed?.solution ?? c.solution) },
    {
      kind: 'heading',
      level: 3,
      text: bilingual({
        id: 'Bagaimana komitmen berkontribusi mengatasi masalah',
        en: 'How it contributes to solving the problem',
      }),
    },
    { kind: 'paragraph', text: or(c.howItSolves) },
    {
      kind: 'field',
      label: bilingual({ id: 'Hasil yang diharapkan', en: 'Expected results' }),
      value: or(c.expectedResults),
    },
    {
      kind: 'heading',
      level: 3,
      text: bilingual({ id: 'Relevansi dengan nilai OGP', en: 'Relevance to OGP values' }),
    },
    c.ogpValues.length
      ? { kind: 'list', items: c.ogpValues.map((v) => `${bilingual(v.label)}: ${or(v.justification)}`) }
      : { kind: 'paragraph', text: '-' },
    { kind: 'heading', level: 3, text: bilingual({ id: 'Tonggak capaian', en: 'Milestones' }) },
    {
      kind: 'table',
      header: MILESTONE_HEADER.map((h) => bilingual(h)),
      rows: milestones.map((m, i) => [
        String(i + 1),
        or(m.deliverable),
        or(m.expectedOutput),
        or(m.start),
        or(m.end),
        or(m.responsible),
      ]),
    },
    {
      kind: 'heading',
      level: 3,
      text: bilingual({ id: 'Usulan OMS asal', en: 'CSO proposals it came from' }),
    },
    { kind: 'list', items: c.sources.map((s) => `Entri / Entry ${s.entry}: ${s.title} (${s.organisation})`) },
    {
      kind: 'field',
      label: bilingual({ id: 'Catatan pra-periksa IRM', en: 'IRM pre-check hints' }),
      value: irmCheckText(c.irm),
    },
  ];
}

/** The draft's title and introduction, before the first commitment. */
function headBlocks(model: PublicRound): DocBlock[] {
  return [
    { kind: 'heading', level: 1, text: `Draf / Draft: ${bilingual(model.round.name)}` },
    {
      kind: 'paragraph',
      text: `Periode / Period: ${model.round.periodStart} – ${model.round.periodEnd}. ${model.commitments.length} komitmen / commitments. Disusun dari usulan OMS; belum final. / Drafted from CSO proposals; not final. (${model.generatedAt})`,
    },
  ];
}

/** The whole draft: a title, an introduction, then one section per commitment. */
export function actionPlanBlocks(model: PublicRound): DocBlock[] {
  return [...headBlocks(model), ...model.commitments.flatMap(commitmentBlocks)];
}

export interface ActionPlanPage {
  title: string;
  generatedAt: string;
  blocks: DocBlock[];
  page: PageInfo;
}

/**
 * One page of GET /v1/export/action-plan.json: the title and introduction on the first page, then whole
 * commitment sections in number order, at most `limit` commitments and under the export's page budget.
 * The cursor names the last commitment of the page; one the plan no longer holds is a 400 (start again).
 * The pages' blocks, concatenated, are actionPlanBlocks(model).
 */
export function actionPlanPage(
  model: PublicRound,
  roundId: string,
  request: { afterId: string | null; limit: number },
): ActionPlanPage {
  const first = request.afterId === null;
  const from = first ? 0 : model.commitments.findIndex((c) => c.id === request.afterId) + 1;
  if (from === 0 && !first) throw unknownCursor();
  const head = { title: bilingual(model.round.name), generatedAt: model.generatedAt };
  const intro = first ? headBlocks(model) : [];
  const sections = new Map<string, DocBlock[]>();
  const sectionOf = (c: PublicCommitment) => {
    const blocks = sections.get(c.id) ?? commitmentBlocks(c);
    sections.set(c.id, blocks);
    return blocks;
  };
  const budget = MAX_PAGE_BYTES - utf8Length(JSON.stringify({ ...head, blocks: intro })) - 200;
  const { items, more } = pageFrom(model.commitments, from, request.limit, budget, (c) =>
    utf8Length(JSON.stringify(sectionOf(c))),
  );
  const last = items.at(-1);
  return {
    ...head,
    blocks: [...intro, ...items.flatMap(sectionOf)],
    page: { limit: request.limit, next: more && last ? encodeCursor(roundId, last.id) : null },
  };
}

/** Blocks as HTML inside a page's main element (the page's own h1 is the plan title). */
export function blocksHtml(blocks: readonly DocBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
        case 'paragraph':
          return b.text
            .split(/\n\s*\n/)
            .map((p) => `<p>${escapeHtml(p)}</p>`)
            .join('');
        case 'field':
          return `<p><strong>${escapeHtml(b.label)}:</strong> ${escapeHtml(b.value).replace(/\n/g, '<br>')}</p>`;
        case 'list':
          return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
        case 'table':
          return `<table><thead><tr>${b.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
            .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`;
        default:
          return '';
      }
    })
    .join('\n');
}

export function actionPlanHtml(model: PublicRound): string {
  const [, ...rest] = actionPlanBlocks(model);
  return page({
    title: { id: 'Draf rencana aksi', en: 'Action plan draft' },
    root: '',
    body: `<p><a href="action-plan.docx">Unduh .docx / <span lang="en">Download .docx</span></a></p>\n${blocksHtml(rest)}`,
    roundName: model.round.name,
    generatedAt: model.generatedAt,
  });
}
