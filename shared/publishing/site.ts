// The public repository site of a round (OGP minimum requirements 2.1/2.2): static pages, no scripts, every
// text from the redacted public model. Returns path -> text; the caller writes them (folder or S3) and adds
// the .docx.
import { escapeHtml } from '../platform/html';
import type { Text } from '../platform/i18n';
import { STATUS_LABELS, STATUSES } from '../review/lifecycle';
import { actionPlanHtml } from './action-plan';
import type { IrmCheck } from './irm-check';
import { bi, page, paras } from './page';
import type { PublicCommitment, PublicMilestone, PublicProposal, PublicRound } from './public-round';
import { commitmentLabel } from './public-round';
import { outcomeText, reasonedResponseCsv, reasonedResponseHtml } from './reasoned-response';

export interface OpenDataFiles {
  json: string;
  csv: string;
}

/** Every file of the site except action-plan.docx, keyed by its path under the site root. */
export function renderSite(model: PublicRound, openData: OpenDataFiles): Map<string, string> {
  const files = new Map<string, string>();
  files.set('index.html', indexPage(model));
  for (const p of model.proposals) files.set(`proposals/${p.id}.html`, proposalPage(model, p));
  for (const c of model.commitments) files.set(`commitments/${c.id}.html`, commitmentPage(model, c));
  files.set('reasoned-response.html', reasonedResponseHtml(model));
  files.set('reasoned-response.csv', reasonedResponseCsv(model));
  files.set('action-plan.html', actionPlanHtml(model));
  files.set('data/proposals.json', openData.json);
  files.set('data/proposals.csv', openData.csv);
  return files;
}

const h2 = (t: Text) => `<h2>${bi(t)}</h2>`;
const dl = (items: [Text, string][]) =>
  `<dl>${items.map(([k, v]) => `<dt>${bi(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;

function irmHtml(check: IrmCheck): string {
  if (!check.flagged) {
    return `<p class="ok">${bi({ id: 'Tidak ada catatan pra-periksa IRM', en: 'No IRM pre-check hints' })}</p>`;
  }
  return `<p>${bi({ id: 'Petunjuk bagi peninjau, bukan keputusan.', en: 'Hints for reviewers, not decisions.' })}</p><ul>${check.flags
    .map(
      (f) =>
        `<li><strong class="flag">${bi(f.label)}</strong><ul>${f.reasons.map((r) => `<li>${bi(r)}</li>`).join('')}</ul></li>`,
    )
    .join('')}</ul>`;
}

function milestonesTable(ms: readonly PublicMilestone[], caption: Text): string {
  if (!ms.length) return `<p>${bi({ id: 'Belum ada tonggak', en: 'No milestones' })}</p>`;
  return `<table><caption>${bi(caption)}</caption><thead><tr>
<th scope="col">No.</th><th scope="col">${bi({ id: 'Hasil yang dapat diverifikasi', en: 'Verifiable deliverable' })}</th>
<th scope="col">${bi({ id: 'Keluaran', en: 'Output' })}</th><th scope="col">${bi({ id: 'Mulai', en: 'Start' })}</th>
<th scope="col">${bi({ id: 'Selesai', en: 'End' })}</th><th scope="col">${bi({ id: 'Penanggung jawab', en: 'Responsible' })}</th>
</tr></thead><tbody>${ms
    .map(
      (m, i) =>
        `<tr><th scope="row">${i + 1}</th><td>${escapeHtml(m.deliverable) || '-'}</td><td>${escapeHtml(m.expectedOutput) || '-'}</td><td>${escapeHtml(m.start) || '-'}</td><td>${escapeHtml(m.end) || '-'}</td><td>${escapeHtml(m.responsible) || '-'}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function valuesHtml(values: PublicProposal['ogpValues']): string {
  if (!values.length) return '<p>-</p>';
  return `<ul>${values.map((v) => `<li><strong>${bi(v.label)}</strong>: ${escapeHtml(v.justification) || '-'}</li>`).join('')}</ul>`;
}

function indexPage(model: PublicRound): string {
  const { round, proposals, commitments } = model;
  const count = (pred: (p: PublicProposal) => boolean) => proposals.filter(pred).length;
  const statusRows = STATUSES.map(
    (s) => `<tr><th scope="row">${bi(STATUS_LABELS[s])}</th><td>${count((p) => p.status === s)}</td></tr>`,
  ).join('');
  const groupRows = round.workingGroups
    .map(
      (g) =>
        `<tr><th scope="row">${bi(g.name)}</th><td>${count((p) => p.workingGroupId === g.id)}</td><td>${
          commitments.filter((c) => c.workingGroupIds.includes(g.id)).length
        }</td></tr>`,
    )
    .join('');
  const body = `
<p>${bi({
    id: 'Repositori publik proses ko-kreasi: setiap usulan, keputusan dan alasannya, serta komitmen yang dihasilkan.',
    en: 'The public repository of the co-creation process: every proposal, its decision and reason, and the commitments they produced.',
  })}</p>
${h2({ id: 'Tanggal penting', en: 'Dates' })}
${dl([
  [{ id: 'Batas pengajuan usulan', en: 'Proposal deadline' }, escapeHtml(round.submissionDeadline)],
  [
    { id: 'Periode rencana aksi', en: 'Action plan period' },
    `${escapeHtml(round.periodStart)} – ${escapeHtml(round.periodEnd)}`,
  ],
])}
${h2({ id: 'Usulan menurut status', en: 'Proposals by status' })}
<table><caption>${bi({ id: `${proposals.length} usulan`, en: `${proposals.length} proposals` })}</caption>
<thead><tr><th scope="col">Status</th><th scope="col">${bi({ id: 'Jumlah', en: 'Count' })}</th></tr></thead>
<tbody>${statusRows}</tbody></table>
${h2({ id: 'Kelompok kerja', en: 'Working groups' })}
<table><caption>${bi({ id: 'Usulan dan komitmen per kelompok kerja', en: 'Proposals and commitments per working group' })}</caption>
<thead><tr><th scope="col">${bi({ id: 'Kelompok kerja', en: 'Working group' })}</th><th scope="col">${bi({ id: 'Usulan', en: 'Proposals' })}</th><th scope="col">${bi({ id: 'Komitmen', en: 'Commitments' })}</th></tr></thead>
<tbody>${groupRows}</tbody></table>
${h2({ id: 'Komitmen', en: 'Commitments' })}
<ol>${commitments.map((c) => `<li><a href="commitments/${escapeHtml(c.id)}.html">${escapeHtml(c.title)}</a></li>`).join('')}</ol>
${h2({ id: 'Usulan', en: 'Proposals' })}
<table><caption>${bi({ id: 'Semua usulan menurut nomor entri', en: 'All proposals by entry number' })}</caption>
<thead><tr><th scope="col">No.</th><th scope="col">${bi({ id: 'Judul', en: 'Title' })}</th><th scope="col">${bi({ id: 'Organisasi', en: 'Organisation' })}</th><th scope="col">Status</th></tr></thead>
<tbody>${proposals
    .map(
      (p) =>
        `<tr><th scope="row">${p.entry}</th><td><a href="proposals/${escapeHtml(p.id)}.html">${escapeHtml(p.title)}</a></td><td>${escapeHtml(p.organisation)}</td><td>${bi(p.statusLabel)}</td></tr>`,
    )
    .join('')}</tbody></table>
${h2({ id: 'Laporan', en: 'Reports' })}
<ul>
<li><a href="reasoned-response.html">${bi({ id: 'Tanggapan beralasan (HTML)', en: 'Reasoned response (HTML)' })}</a></li>
<li><a href="reasoned-response.csv">${bi({ id: 'Tanggapan beralasan (CSV)', en: 'Reasoned response (CSV)' })}</a></li>
<li><a href="action-plan.html">${bi({ id: 'Draf rencana aksi (HTML)', en: 'Action plan draft (HTML)' })}</a></li>
<li><a href="action-plan.docx">${bi({ id: 'Draf rencana aksi (.docx)', en: 'Action plan draft (.docx)' })}</a></li>
</ul>
<h2 id="data">${bi({ id: 'Data terbuka', en: 'Open data' })}</h2>
<ul>
<li><a href="data/proposals.json">proposals.json</a></li>
<li><a href="data/proposals.csv">proposals.csv</a></li>
</ul>`;
  return page({ title: round.name, root: '', body, roundName: round.name, generatedAt: model.generatedAt });
}

function proposalPage(model: PublicRound, p: PublicProposal): string {
  const byNumber = new Map(model.commitments.map((c) => [c.number, c]));
  const fed =
    p.outcome.kind === 'accepted' || p.outcome.kind === 'merged'
      ? [p.outcome.commitment]
      : p.outcome.kind === 'split'
        ? p.outcome.commitments
        : [];
  const links = fed
    .map((n) => byNumber.get(n))
    .filter((c): c is PublicCommitment => c !== undefined)
    .map(
      (c) =>
        `<li><a href="../commitments/${escapeHtml(c.id)}.html">${bi(commitmentLabel(c.number))}: ${escapeHtml(c.title)}</a></li>`,
    )
    .join('');
  const body = `
<p>${bi({ id: 'Entri', en: 'Entry' })} ${p.entry} · ${escapeHtml(p.organisation)} · ${bi(p.workingGroupName)}</p>
${h2({ id: 'Status dan tanggapan beralasan', en: 'Status and reasoned response' })}
${dl([
  [{ id: 'Status', en: 'Status' }, bi(p.statusLabel)],
  [
    { id: 'Alasan', en: 'Reason' },
    escapeHtml(p.reasonedResponse) || bi({ id: 'Belum ada keputusan final', en: 'No final decision yet' }),
  ],
  [{ id: 'Ke mana usulan ini', en: 'Where it went' }, bi(outcomeText(p.outcome, model.commitments))],
])}
${links ? `<ul>${links}</ul>` : ''}
<p><a href="../reasoned-response.html#entry-${p.entry}">${bi({ id: 'Di laporan tanggapan beralasan', en: 'In the reasoned-response report' })}</a></p>
${h2({ id: 'Pra-periksa IRM', en: 'IRM pre-check' })}
${irmHtml(p.irm)}
${h2({ id: 'Usulan', en: 'Proposal' })}
${dl([
  [{ id: 'K/L pelaksana utama', en: 'Lead agency' }, escapeHtml(p.leadAgency) || '-'],
  [{ id: 'Diajukan', en: 'Submitted' }, escapeHtml(p.submittedAt)],
])}
<h3>${bi({ id: 'Masalah', en: 'Problem' })}</h3>${paras(p.problem)}
<h3>${bi({ id: 'Penyebab', en: 'Causes' })}</h3>${paras(p.causes)}
<h3>${bi({ id: 'Solusi yang diusulkan', en: 'Proposed solution' })}</h3>${paras(p.solution)}
<h3>${bi({ id: 'Hasil yang diharapkan', en: 'Expected results' })}</h3>${paras(p.expectedResults)}
<h3>${bi({ id: 'Bagaimana mengatasi masalah', en: 'How it solves the problem' })}</h3>${paras(p.howItSolves)}
<h3>${bi({ id: 'Relevansi dengan nilai OGP', en: 'Relevance to OGP values' })}</h3>${valuesHtml(p.ogpValues)}
<h3>${bi({ id: 'Tonggak capaian', en: 'Milestones' })}</h3>${milestonesTable(p.milestones, { id: 'Tonggak usulan', en: 'Proposed milestones' })}`;
  return page({
    title: { id: p.title, en: p.title },
    root: '../',
    body,
    roundName: model.round.name,
    generatedAt: model.generatedAt,
  });
}

function commitmentPage(model: PublicRound, c: PublicCommitment): string {
  const n = c.negotiation;
  const agreed = n?.agreed;
  const side = `<div class="side">
<section aria-labelledby="cso-${escapeHtml(c.id)}"><h3 id="cso-${escapeHtml(c.id)}">${bi({ id: 'Teks usulan OMS', en: 'CSO text' })}</h3>
<p><strong>${escapeHtml(c.title)}</strong></p>${paras(c.solution)}</section>
<section aria-labelledby="agreed-${escapeHtml(c.id)}"><h3 id="agreed-${escapeHtml(c.id)}">${bi({ id: 'Teks yang disepakati', en: 'Agreed text' })}</h3>
${
  agreed
    ? `<p><strong>${escapeHtml(agreed.title ?? c.title)}</strong></p>${paras(agreed.solution ?? c.solution)}`
    : `<p>${bi({ id: 'Belum ada teks yang disepakati', en: 'No agreed text yet' })}</p>`
}</section>
</div>`;
  const body = `
<p>${bi(commitmentLabel(c.number))} · ${c.workingGroupNames.map((g) => bi(g)).join('; ')}</p>
${h2({ id: 'Asal usulan', en: 'Sources' })}
<ul>${c.sources
    .map(
      (s) =>
        `<li><a href="../proposals/${escapeHtml(s.id)}.html">${bi({ id: 'Entri', en: 'Entry' })} ${s.entry}: ${escapeHtml(s.title)}</a> (${escapeHtml(s.organisation)})</li>`,
    )
    .join('')}</ul>
${dl([
  [{ id: 'Rekan penulis', en: 'Co-authors' }, escapeHtml(c.coAuthors.join('; ')) || '-'],
  [{ id: 'K/L pelaksana utama', en: 'Lead agency' }, escapeHtml(c.leadAgency) || '-'],
  [
    { id: 'Status negosiasi', en: 'Negotiation status' },
    n
      ? `${bi(n.status)}${n.summary ? ` — ${bi(n.summary)}` : ''}`
      : bi({ id: 'Belum dinegosiasikan dengan pemerintah', en: 'Not negotiated with government yet' }),
  ],
])}
${h2({ id: 'Teks OMS dan teks yang disepakati', en: 'CSO text and agreed text' })}
${side}
${h2({ id: 'Pra-periksa IRM', en: 'IRM pre-check' })}
${irmHtml(c.irm)}
${h2({ id: 'Masalah dan kondisi saat ini', en: 'Problem and status quo' })}
${paras(c.problem)}
${h2({ id: 'Relevansi dengan nilai OGP', en: 'Relevance to OGP values' })}
${valuesHtml(c.ogpValues)}
${h2({ id: 'Tonggak capaian', en: 'Milestones' })}
${milestonesTable(agreed?.milestones ?? c.milestones, agreed?.milestones ? { id: 'Tonggak yang disepakati', en: 'Agreed milestones' } : { id: 'Tonggak usulan OMS', en: 'Milestones proposed by CSOs' })}`;
  return page({
    title: { id: c.title, en: c.title },
    root: '../',
    body,
    roundName: model.round.name,
    generatedAt: model.generatedAt,
  });
}
