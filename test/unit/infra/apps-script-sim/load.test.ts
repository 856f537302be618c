import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadAppsScript } from '../../../../infra/apps-script-sim/load';
import { createAppsScriptServices } from '../../../../infra/apps-script-sim/services';

const dir = mkdtempSync(join(tmpdir(), 'as-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(code: string): string {
  const file = join(dir, `Code-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(file, code);
  return file;
}

describe('loadAppsScript', () => {
  it('returns the top-level functions and lists every global the script added', () => {
    const sim = createAppsScriptServices();
    const loaded = loadAppsScript(
      script('var NS = { x: 1 }; function hello(n) { return "halo " + n; }'),
      sim,
    );
    expect(Object.keys(loaded.functions)).toEqual(['hello']);
    expect(loaded.globalNames()).toEqual(['NS', 'hello']);
    expect(loaded.call('hello', 'dunia')).toBe('halo dunia');
  });

  it('offers the fake services and the ECMAScript built-ins, but nothing from Node', () => {
    const sim = createAppsScriptServices();
    const probe = loadAppsScript(
      script(`function probe() {
        return ['require', 'process', 'Buffer', 'setTimeout', 'fetch', 'URL', 'TextEncoder', 'atob', 'PropertiesService', 'UrlFetchApp', 'JSON', 'Math']
          .map(function (n) { return n + ':' + typeof globalThis[n]; });
      }`),
      sim,
    ).call('probe');
    expect(probe).toEqual([
      'require:undefined',
      'process:undefined',
      'Buffer:undefined',
      'setTimeout:undefined',
      'fetch:undefined',
      'URL:undefined',
      'TextEncoder:undefined',
      'atob:undefined',
      'PropertiesService:object',
      'UrlFetchApp:object',
      'JSON:object',
      'Math:object',
    ]);
  });

  it('runs Date on the simulated clock', () => {
    const sim = createAppsScriptServices({ now: Date.parse('2030-01-01T00:00:00Z') });
    const loaded = loadAppsScript(
      script(
        'function now() { return [new Date().getUTCFullYear(), Date.now() > 1.8e12, new Date(0).getTime(), new Date() instanceof Date]; }',
      ),
      sim,
    );
    expect(loaded.call('now')).toEqual([2030, true, 0, true]);
    sim.clock.advance(366 * 86400_000);
    expect((loaded.call('now') as unknown[])[0]).toBe(2031);
  });

  it('releases the script lock when a call ends, as Apps Script does at the end of an execution', () => {
    const sim = createAppsScriptServices();
    const loaded = loadAppsScript(
      script('function grab() { return LockService.getScriptLock().tryLock(1); }'),
      sim,
    );
    expect(loaded.call('grab')).toBe(true);
    expect(loaded.call('grab')).toBe(true);
  });
});

describe('execution limits', () => {
  const sleeper = (stepMs = 60_000) =>
    script(
      `function work(steps) { for (var i = 0; i < steps; i++) { Utilities.sleep(${stepMs}); PropertiesService.getScriptProperties(); } return "done"; }`,
    );

  it('stops an execution at its next service call once it has run for 6 minutes', () => {
    const sim = createAppsScriptServices();
    const app = loadAppsScript(sleeper(50_000), sim);
    expect(app.call('work', 5)).toBe('done'); // 5 x 50 s
    expect(() => app.call('work', 9)).toThrow('Exceeded maximum execution time');
    // The sim can only stop it at a service call: here the one after the 8th sleep (400 s), the first past
    // 6 minutes. Steps of 50 s keep every call clear of the 360 s line, whatever real milliseconds pass.
    expect(sim.executions.map((e) => Math.round(e.ms / 10_000))).toEqual([25, 40]);
  });

  it('counts trigger runs against the daily trigger runtime and refuses them once it is used up', () => {
    const sim = createAppsScriptServices({
      dailyTriggerRuntimeMs: 10 * 60_000,
      now: Date.parse('2026-12-01T00:00:00Z'),
    });
    const app = loadAppsScript(sleeper(), sim);
    app.call('work', 5); // run by hand: not trigger runtime
    app.fire('work', 5);
    app.fire('work', 5);
    // Two 5-minute runs, plus whatever real milliseconds the sim's clock saw pass.
    expect(Math.round(sim.triggerRuntimeTodayMs() / 60_000)).toBe(10);
    expect(() => app.fire('work', 1)).toThrow('Service using too much computer time for one day');
    sim.clock.advance(24 * 3600_000);
    expect(app.fire('work', 1)).toBe('done');
  });
});
