// `cocreate preview --out DIR` on the built artefacts: the form and the spreadsheets setup builds, after the
// sample round, as static pages read in headless Chromium (visible text, no console errors, no script,
// no serious or critical axe violation). The review spreadsheet shows no contact's name, email or phone;
// the form shows every question of `cocreate form --json`.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { source as axeSource } from 'axe-core';
import type { Browser } from 'playwright-core';
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import type { FormSpec } from '../../shared/definitions/form-spec';
import { REVIEW_COLUMNS } from '../../shared/review/review-sheet';
import { launchBrowser } from '../support/browser';
import { CLI } from '../support/dev-stack';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'cocreate-preview-'));
const out = join(dir, 'preview');
let browser: Browser;
let printed = '';
let spec: FormSpec;
const text: Record<string, string> = {};
const problems: string[] = [];

beforeAll(async () => {
  const env = { ...process.env, COCREATE_STATE_DIR: join(dir, 'state') };
  printed = (await run(process.execPath, [CLI, 'preview', '--out', out], { env, timeout: 180_000 })).stdout;
  spec = JSON.parse((await run(process.execPath, [CLI, 'form', '--json'], { env })).stdout) as FormSpec;
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  for (const name of ['form.html', 'review-spreadsheet.html', 'intake-spreadsheet.html']) {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${name}: console error ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${name}: page error ${e.message}`));
    await page.goto(pathToFileURL(join(out, name)).href);
    if ((await page.locator('script').count()) > 0) problems.push(`${name}: has a script`);
    // What a person sees (rendered text), not the DOM's text.
    // biome-ignore lint/performance/useDomNodeTextContent: visible text is the point
    text[name] = await page.locator('body').innerText();
    await page.addScriptTag({ content: axeSource });
    const result = (await page.evaluate(() =>
      (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }),
    )) as { passes: unknown[]; violations: { id: string; impact: string }[] };
    if (result.passes.length === 0) problems.push(`${name}: axe checked nothing`);
    for (const v of result.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        problems.push(`${name}: axe ${v.id} (${v.impact})`);
    await page.close();
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cocreate preview', () => {
  it('writes three static pages and says where they are', () => {
    for (const f of ['form.html', 'review-spreadsheet.html', 'intake-spreadsheet.html'])
      expect(printed).toContain(join(out, f));
  });

  it('numbers its steps, one plain line each, before saying where the pages are', () => {
    const steps = printed.split('\n').filter((l) => /^\[\d\/\d\] /.test(l));
    expect(steps.map((l) => l.slice(0, 6))).toEqual(['[1/3] ', '[2/3] ', '[3/3] ']);
    expect(steps[1]).toMatch(/sample round through the Apps Script bundle \(\d+ proposals\)/);
    expect(printed.indexOf('[3/3] ')).toBeLessThan(printed.indexOf('Pratinjau / preview:'));
  });

  it('reads in Chromium without console errors, scripts or serious accessibility violations', () => {
    expect(problems).toEqual([]);
  });

  it('shows every question of `cocreate form --json` in the form, in Indonesian with English beside it', () => {
    const form = text['form.html'] ?? '';
    const questions = spec.sections.flatMap((s) => s.questions);
    expect(questions.length).toBeGreaterThan(20);
    for (const s of spec.sections) expect(form).toContain(`${s.title.id} / ${s.title.en}`);
    for (const q of questions) {
      expect(form).toContain(`${q.title.id} / ${q.title.en}`);
      for (const c of q.choices ?? []) expect(form).toContain(`${c.label.id} / ${c.label.en}`);
    }
    expect(form).toContain('Kelompok kerja / Working group');
  });

  it('shows no contact name, email or phone anywhere in the review spreadsheet, which working groups open', () => {
    const review = text['review-spreadsheet.html'] ?? '';
    const intake = text['intake-spreadsheet.html'] ?? '';
    for (const s of SAMPLE_PROPOSALS) {
      expect(review).toContain(String(s.answers.title));
      for (const key of ['contact_name', 'email', 'phone'] as const) {
        const personal = String(s.answers[key]);
        expect(review.includes(personal)).toBe(false);
        // They are where only the secretariat looks.
        expect(intake).toContain(personal);
      }
    }
  });

  it('shows each review tab with its dropdown values, protected columns and the dashboard', () => {
    const review = text['review-spreadsheet.html'] ?? '';
    for (const c of REVIEW_COLUMNS) expect(review).toContain(c.header.id);
    expect(review).toMatch(/Pilihan \/ Dropdown: Status/);
    expect(review).toContain('Diterima / Accepted');
    expect(review).toMatch(/\(dilindungi \/ protected\)/);
    expect(review).toContain('Dasbor usulan komitmen');
    expect(review).toMatch(/Diagram \/ Chart/);
  });
});
