// The public pages' shell: one accessible layout (WCAG 2.1 AA: language marked, landmarks, a skip link,
// visible focus, contrast above 4.5:1) with Indonesian first and English marked lang="en". No scripts.
import { escapeHtml } from '../platform/html';
import type { Text } from '../platform/i18n';

/** Indonesian, then English marked as such (screen readers switch voice). */
export function bi(text: Text, sep = ' / '): string {
  if (text.id === text.en) return escapeHtml(text.id);
  return `${escapeHtml(text.id)}${sep}<span lang="en">${escapeHtml(text.en)}</span>`;
}

/** Free text as paragraphs (blank-line separated), escaped; a dash when empty. */
export function paras(text: string): string {
  const parts = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return '<p>-</p>';
  return parts.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
}

export const STYLE = `
:root{color:#1a1a1a;background:#fff;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5}
body{margin:0}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
header,main,footer{max-width:62rem;margin:0 auto;padding:0 1rem}
header{border-bottom:2px solid #0b4f8a}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
a{color:#0b4f8a;text-decoration:underline}
a:focus{outline:3px solid #b35c00;outline-offset:2px}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #6b6b6b;padding:.4rem;text-align:left;vertical-align:top}
th{background:#e8eef5}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
.flag{color:#8a1c00}
.ok{color:#1d5c1d}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
footer{border-top:1px solid #6b6b6b;margin-top:2rem;font-size:.95rem}
`;

export interface PageOptions {
  title: Text;
  /** Path from this page to the site root: '' or '../'. */
  root: string;
  body: string;
  roundName: Text;
  generatedAt: string;
}

export function page(opts: PageOptions): string {
  const r = opts.root;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title.id)} / ${escapeHtml(opts.title.en)} — ${escapeHtml(opts.roundName.id)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Langsung ke isi / <span lang="en">Skip to content</span></a>
<header>
<p><a href="${r}index.html">${bi(opts.roundName)}</a></p>
<nav aria-label="Navigasi utama / Main navigation">
<ul>
<li><a href="${r}index.html">Beranda / <span lang="en">Home</span></a></li>
<li><a href="${r}reasoned-response.html">Tanggapan beralasan / <span lang="en">Reasoned response</span></a></li>
<li><a href="${r}action-plan.html">Draf rencana aksi / <span lang="en">Action plan draft</span></a></li>
<li><a href="${r}index.html#data">Data terbuka / <span lang="en">Open data</span></a></li>
</ul>
</nav>
</header>
<main id="main">
<h1>${bi(opts.title)}</h1>
${opts.body}
</main>
<footer>
<p>Diperbarui / <span lang="en">Updated</span>: ${escapeHtml(opts.generatedAt)}. Tanpa data pribadi / <span lang="en">No personal data</span>.</p>
</footer>
</body>
</html>
`;
}
