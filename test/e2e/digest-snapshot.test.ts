// The demo round's digest in a real browser engine (Chromium through playwright-core): it renders
// without errors or network requests, the key numbers are visible text, and a screenshot is kept in
// test/artifacts/digest.png (git-ignored) for a human look.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import { formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { buildDigestModel } from '../../shared/digest/digest-model';
import { renderDigest } from '../../shared/digest/digest-render';
import { evaluateSubmission, planIngest, type StoredProposal } from '../../shared/ingest/ingest';
import { applyReview, initialReviewState, type ReviewState } from '../../shared/review/review';
import { launchBrowser } from '../support/browser';
import { summary } from '../support/digest-fixtures';

const ARTIFACTS = join(__dirname, '..', 'artifacts');
const REVIEWER = 'Peninjau Kelompok Kerja (fiktif)';
const NOW = '2022-08-08T01:00:00.000Z'; // Monday 08:00 WIB, when the weekly schedule fires

/** The 22 sample proposals, stored as ingest would store them. */
function demoProposals(): StoredProposal[] {
  const spec = formSpec(DEFAULT_ROUND);
  return SAMPLE_PROPOSALS.map((s) => {
    const { proposal, issues } = evaluateSubmission(
      { responseId: s.responseId, submittedAt: s.submittedAt, source: 'form', answers: s.answers },
      spec,
      DEFAULT_ROUND,
    );
    return planIngest(undefined, proposal, issues, s.submittedAt).record;
  });
}

/** The demo's review decisions through applyReview: 6 proposals merged into their targets, 16 accepted. */
function demoReviews(proposals: StoredProposal[]): Map<string, ReviewState> {
  const reviews = new Map<string, ReviewState>();
  const must = (outcome: ReturnType<typeof applyReview>) => {
    if (!outcome.ok) throw new Error(outcome.message.en);
    return outcome.state;
  };
  SAMPLE_PROPOSALS.forEach((s, i) => {
    const p = proposals[i] as StoredProposal;
    const started = must(
      applyReview(
        initialReviewState(p.id),
        { expectedVersion: 1, status: 'in_review', reviewer: REVIEWER },
        REVIEWER,
        '2022-08-03T02:00:00.000Z',
      ),
    );
    const target = s.mergeInto === undefined ? undefined : (proposals[s.mergeInto] as StoredProposal);
    const decided = must(
      applyReview(
        started,
        target
          ? {
              expectedVersion: started.version,
              status: 'merged',
              mergeTarget: target.id,
              reasonedResponse: `Digabung ke "${target.title}": masalah dan solusinya sama; pengusul menjadi rekan penulis.`,
            }
          : {
              expectedVersion: started.version,
              status: 'accepted',
              reasonedResponse: 'Diterima: relevan dengan nilai OGP dan tonggaknya dapat diverifikasi.',
            },
        REVIEWER,
        '2022-08-05T07:30:00.000Z',
      ),
    );
    reviews.set(p.id, decided);
  });
  return reviews;
}

function demoDigestHtml(): string {
  const proposals = demoProposals();
  const model = buildDigestModel({
    proposals,
    reviews: demoReviews(proposals),
    round: DEFAULT_ROUND,
    now: NOW,
    period: '2022-W32',
    // Last week's digest went out before the first proposal arrived.
    previous: {
      period: '2022-W31',
      sentAt: '2022-08-01T01:00:00.000Z',
      summary: summary(),
    },
  });
  return renderDigest(model, { lang: 'id' }).html;
}

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 760, height: 900 }, deviceScaleFactor: 1 });
});

afterAll(async () => {
  await browser?.close();
});

describe('the demo round digest in headless Chromium', () => {
  let page: Page;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('request', (r) => requests.push(r.url()));
    // Anything that tries the network is refused as well as recorded.
    await context.route('**/*', (route) => route.abort());
    await page.setContent(demoDigestHtml(), { waitUntil: 'load' });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'digest.png'), fullPage: true });
    writeFileSync(join(ARTIFACTS, 'digest.html'), await page.content());
  });

  it('renders without console errors, page errors or network requests', () => {
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('shows 22 proposals, 16 commitments and 6 merged as visible text', async () => {
    // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees is the point, not the DOM text
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/Total usulan: 22/);
    expect(text).toMatch(/Komitmen: 16/);
    expect(text).toMatch(/Digabung: 6/);
    expect(text).toMatch(/Daftar komitmen \(16\)/);
    expect(text).toMatch(/Semua penggabungan sejauh ini \(6\)|Penggabungan baru \(6\)/);
  });

  it('declares its language, one h1 and section h2s, and table headers with scope', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h2').count()).toBeGreaterThanOrEqual(8);
    const unscoped = await page.locator('th:not([scope])').count();
    expect(unscoped).toBe(0);
  });

  it('keeps the email self-contained: no scripts, images, stylesheets or classes', async () => {
    expect(await page.locator('script, img, link, style, [class]').count()).toBe(0);
  });

  it('fits a phone-width mail client without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 380, height: 800 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 760, height: 900 });
  });
});
