// Static HTML views of what setup builds, from the Apps Script simulation's snapshots: the form as a
// respondent sees it, and a spreadsheet with every tab as a table (dropdown values, protected columns,
// formats, charts). No scripts: plain, accessible HTML a person can open from disk to judge the result.

import { escapeHtml as esc } from '../../shared/platform/html';
import type { SimFormItem, SimFormSnapshot, SimSpreadsheetSnapshot } from '../apps-script-sim/services';

const STYLE = `
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;line-height:1.45;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #1a5fb4;padding-bottom:.2rem}
.note{background:#fff8e1;border-left:4px solid #b8860b;padding:.5rem .8rem}
.q{border:1px solid #c8c8c8;border-radius:6px;padding:.7rem 1rem;margin:.8rem 0}
.q h3{font-size:1.05rem;margin:0 0 .3rem}.help{color:#444;margin:.2rem 0}.req{color:#a40000}
.answer{border-bottom:1px dashed #777;color:#555;padding:.2rem 0;margin:.4rem 0}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #bbb;padding:.25rem .45rem;vertical-align:top;text-align:left}
th{background:#eef2f7}th.protected{background:#e7e7e7}.wrap{overflow-x:auto}
dl{margin:.4rem 0}dt{font-weight:600}dd{margin:0 0 .4rem 1rem}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** "Indonesian / English" as two parts, the English beside the Indonesian in its own language tag. */
function bilingualHtml(text: string): string {
  const at = text.indexOf(' / ');
  if (at < 0) return esc(text);
  return `${esc(text.slice(0, at))} / <span lang="en">${esc(text.slice(at + 3))}</span>`;
}

const ANSWER: Record<string, string> = {
  TEXT: 'Jawaban singkat / Short answer',
  PARAGRAPH_TEXT: 'Jawaban panjang / Long answer',
  DATE: 'Tanggal (hari, bulan, tahun) / Date (day, month, year)',
};

function question(item: SimFormItem, n: number): string {
  const id = `q${n}`;
  const required = item.required
    ? ' <span class="req" aria-label="wajib / required" title="wajib / required">*</span>'
    : '';
  const help = item.helpText ? `<p class="help">${bilingualHtml(item.helpText)}</p>` : '';
  const rule = item.validation?.helpText
    ? `<p class="help">${esc('Aturan / Rule: ')}${bilingualHtml(item.validation.helpText)}</p>`
    : '';
  let answer: string;
  if (item.type === 'MULTIPLE_CHOICE' || item.type === 'CHECKBOX') {
    const kind =
      item.type === 'CHECKBOX' ? 'Pilih satu atau lebih / Choose one or more' : 'Pilih satu / Choose one';
    answer = `<p class="help">${esc(kind)}</p><ul>${(item.choices ?? [])
      .map((c) => `<li>${bilingualHtml(c)}</li>`)
      .join('')}</ul>`;
  } else answer = `<p class="answer">${esc(ANSWER[item.type] ?? item.type)}</p>`;
  return `<section class="q" aria-labelledby="${id}"><h3 id="${id}">${bilingualHtml(item.title)}${required}</h3>${help}${answer}${rule}</section>`;
}

/** The form as a respondent sees it: its sections in order, each question with help, mark and choices. */
export function renderFormPreview(form: SimFormSnapshot): string {
  const parts: string[] = [
    `<h1>${bilingualHtml(form.title)}</h1>`,
    form.description ? `<p>${bilingualHtml(form.description)}</p>` : '',
    `<p class="note">${esc('Pratinjau dari simulasi / Preview from the simulation. ')}${esc(
      form.published
        ? 'Formulir diterbitkan / The form is published.'
        : 'Formulir belum diterbitkan: belum menerima respons / The form is not published: it accepts no responses yet.',
    )} ${esc('Tanda * = wajib / * = required.')}</p>`,
  ];
  let open = false;
  let n = 0;
  for (const item of form.items) {
    if (item.type === 'SECTION_HEADER' || item.type === 'PAGE_BREAK') {
      if (open) parts.push('</section>');
      parts.push(
        `<section><h2>${bilingualHtml(item.title)}</h2>${item.helpText ? `<p>${bilingualHtml(item.helpText)}</p>` : ''}`,
      );
      open = true;
    } else parts.push(question(item, ++n));
  }
  if (open) parts.push('</section>');
  if (form.confirmation)
    parts.push(`<h2>Setelah mengirim / After submitting</h2><p>${bilingualHtml(form.confirmation)}</p>`);
  return page(form.title, parts.join('\n'));
}

/** Column numbers an A1 range covers ("B2:D1000" -> 2..4). */
function columnsOf(a1: string): number[] {
  const m = /^([A-Z]+)\d*(?::([A-Z]+)\d*)?$/.exec(a1);
  if (!m) return [];
  const n = (letters: string) => [...letters].reduce((v, ch) => v * 26 + ch.charCodeAt(0) - 64, 0);
  const from = n(m[1] ?? '');
  const to = n(m[2] ?? m[1] ?? '');
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const cell = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ''));

function tab(sheet: SimSpreadsheetSnapshot['sheets'][number], n: number): string {
  const id = `t${n}`;
  const width = Math.max(0, ...sheet.values.map((r) => r.length));
  const header = sheet.frozenRows >= 1 ? (sheet.values[0] ?? []) : [];
  // Protections of data rows (the header row's own protection is shown as "header protected").
  const protectedCols = new Set(
    sheet.protections.filter((p) => !/^[A-Z]+1(:[A-Z]+1)?$/.test(p.a1)).flatMap((p) => columnsOf(p.a1)),
  );
  const dropdowns = sheet.validations.filter((v) => v.criteria === 'VALUE_IN_LIST');
  const rules = sheet.validations.filter((v) => v.criteria !== 'VALUE_IN_LIST');
  const parts = [`<section aria-labelledby="${id}"><h2 id="${id}">${esc(sheet.name)}</h2>`];
  const facts: string[] = [];
  if (protectedCols.size)
    facts.push(
      `<dt>Kolom dilindungi (peringatan) / Protected columns (warning)</dt><dd>${[...protectedCols]
        .map((c) => esc(String(header[c - 1] ?? `#${c}`)))
        .join('; ')}</dd>`,
    );
  for (const d of dropdowns) {
    const [values] = d.args as [string[]];
    const col = columnsOf(d.a1)[0] ?? 0;
    facts.push(
      `<dt>Pilihan / Dropdown: ${esc(String(header[col - 1] ?? d.a1))} (${esc(d.a1)})</dt><dd>${values
        .map((v) => bilingualHtml(v))
        .join('; ')}</dd>`,
    );
  }
  for (const r of rules) {
    const col = columnsOf(r.a1)[0] ?? 0;
    facts.push(
      `<dt>Validasi / Validation: ${esc(String(header[col - 1] ?? r.a1))} (${esc(r.a1)})</dt><dd>${bilingualHtml(r.helpText)}</dd>`,
    );
  }
  for (const c of sheet.charts)
    facts.push(
      `<dt>Diagram / Chart</dt><dd>${esc(`${c.type}: ${String(c.options.title ?? '')} (${c.ranges.join(', ')})`)}</dd>`,
    );
  if (facts.length) parts.push(`<dl>${facts.join('')}</dl>`);
  if (!sheet.values.length) parts.push('<p>(kosong / empty)</p>');
  else {
    const rows = sheet.values.map((row, r) => {
      const cells = Array.from({ length: width }, (_, j) => {
        const v = esc(cell(row[j]));
        if (r === 0 && header.length) {
          const prot = protectedCols.has(j + 1);
          return `<th scope="col"${prot ? ' class="protected"' : ''}>${v}${prot ? ' <span>(dilindungi / protected)</span>' : ''}</th>`;
        }
        return `<td>${v}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    });
    const [head, ...body] = rows;
    parts.push(
      `<div class="wrap" tabindex="0" role="region" aria-label="${esc(sheet.name)}"><table><caption>${esc(sheet.name)}</caption>${
        header.length
          ? `<thead>${head}</thead><tbody>${body.join('')}</tbody>`
          : `<tbody>${rows.join('')}</tbody>`
      }</table></div>`,
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** Every tab of a spreadsheet, in order, with who may open it said at the top. */
export function renderSpreadsheetPreview(book: SimSpreadsheetSnapshot, audience: string): string {
  const body = [
    `<h1>${bilingualHtml(book.name)}</h1>`,
    `<p class="note">${bilingualHtml(audience)}</p>`,
    `<nav aria-label="Tab"><ul>${book.sheets.map((s, i) => `<li><a href="#t${i}">${esc(s.name)}</a></li>`).join('')}</ul></nav>`,
    ...book.sheets.map((s, i) => tab(s, i)),
  ];
  return page(book.name, body.join('\n'));
}
