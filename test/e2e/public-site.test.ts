// The public repository site of the demo round, as `cocreate demo --once` publishes it: every page read in
// headless Chromium (no console error, no serious or critical axe violation, every link resolves), the
// .docx opened back, and no contact's name, email or phone anywhere in the folder.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { source as axeSource } from 'axe-core';
import { unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { THEMES } from '../../infra/demo/sample-round';
import { launchBrowser } from '../support/browser';
import { CLI } from '../support/dev-stack';
import { sampleContacts } from '../support/reviewed-sample-round';

const run = promisify(execFile);
const stateDir = mkdtempSync(join(tmpdir(), 'cocreate-site-'));
const site = join(stateDir, 'site');
let browser: Browser;
let demoOut = '';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  const { stdout } = await run(process.execPath, [CLI, 'demo', '--once'], {
    env: { ...process.env, COCREATE_STATE_DIR: stateDir },
    timeout: 180_000,
  });
  demoOut = stdout;
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('the public site of the demo round', () => {
  it('is published by the demo, which prints where', () => {
    expect(demoOut).toContain(`Situs publik / public site:       ${join(site, 'index.html')}`);
  });

  it('has the files of the contract: 22 proposal pages, 16 commitment pages, reports and open data', () => {
    for (const f of [
      'index.html',
      'reasoned-response.html',
      'reasoned-response.csv',
      'action-plan.docx',
      'action-plan.html',
      'data/proposals.json',
      'data/proposals.csv',
    ]) {
      expect(existsSync(join(site, f))).toBe(true);
    }
    expect(readdirSync(join(site, 'proposals')).filter((f) => f.endsWith('.html'))).toHaveLength(22);
    expect(readdirSync(join(site, 'commitments')).filter((f) => f.endsWith('.html'))).toHaveLength(16);
  });

  it('holds none of the sample contacts’ names, emails or phones, in any file (the .docx unzipped too)', () => {
    const contacts = sampleContacts().map((c) => c.toLowerCase());
    expect(contacts).toHaveLength(66);
    for (const file of filesUnder(site)) {
      const texts = file.endsWith('.docx')
        ? Object.values(unzipSync(readFileSync(file))).map((b) => Buffer.from(b).toString('utf8'))
        : [readFileSync(file, 'utf8')];
      for (const text of texts) {
        const lower = text.toLowerCase();
        for (const c of contacts) {
          if (lower.includes(c)) throw new Error(`${relative(site, file)} contains the contact "${c}"`);
        }
      }
    }
  });

  it('has an action plan .docx holding every commitment title and milestone', () => {
    const zip = unzipSync(readFileSync(join(site, 'action-plan.docx')));
    const xml = Buffer.from(zip['word/document.xml'] as Uint8Array).toString('utf8');
    // Text runs: the words of one paragraph may be split across <w:t> elements.
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1])
      .join('')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'");
    const data = JSON.parse(readFileSync(join(site, 'data/proposals.json'), 'utf8')) as {
      proposals: { id: string; milestones: { deliverable: string }[] }[];
      commitments: { title: string; sourceProposalIds: string[] }[];
    };
    expect(data.commitments).toHaveLength(16);
    for (const [title] of THEMES) expect(text).toContain(title);
    for (const c of data.commitments) {
      expect(text).toContain(c.title);
      const primary = data.proposals.find((p) => p.id === c.sourceProposalIds[0]);
      for (const m of primary?.milestones ?? []) expect(text).toContain(m.deliverable);
    }
  });

  it('reads in Chromium without console errors or serious/critical axe violations, and every link resolves', async () => {
    const pages = filesUnder(site).filter((f) => f.endsWith('.html'));
    expect(pages).toHaveLength(22 + 16 + 3);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    try {
      for (const file of pages) {
        const name = relative(site, file);
        const page = await context.newPage();
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(`${name}: console error ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`${name}: page error ${e.message}`));
        await page.goto(pathToFileURL(file).href);
        expect(await page.locator('script').count()).toBe(0);
        await page.addScriptTag({ content: axeSource });
        const result = (await page.evaluate(() =>
          (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          }),
        )) as {
          passes: unknown[];
          violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
        };
        // axe ran its rules on this page (a page it could not read would pass nothing).
        if (result.passes.length === 0) problems.push(`${name}: axe checked nothing`);
        for (const v of result.violations) {
          if (v.impact === 'serious' || v.impact === 'critical') {
            problems.push(
              `${name}: axe ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
            );
          }
        }
        const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') as string));
        for (const href of links) {
          const [path, anchor] = href.split('#') as [string, string | undefined];
          const target = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
          if (!existsSync(target)) {
            problems.push(`${name}: broken link ${href}`);
            continue;
          }
          if (
            anchor &&
            target.endsWith('.html') &&
            !readFileSync(target, 'utf8').includes(`id="${anchor}"`)
          ) {
            problems.push(`${name}: link ${href} names a missing anchor`);
          }
        }
        await page.close();
      }
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 240_000);
});
