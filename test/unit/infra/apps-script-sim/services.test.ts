import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  type AppsScriptSim,
  createAppsScriptServices,
  MAX_PROPERTY_STORE_BYTES,
  MAX_PROPERTY_VALUE_BYTES,
} from '../../../../infra/apps-script-sim/services';

// The fakes are used exactly as the bundle uses them: through loosely typed globals.
// biome-ignore lint/suspicious/noExplicitAny: test access to untyped fakes
type Any = any;
const g = (sim: AppsScriptSim): Any => sim.globals;

describe('PropertiesService fake', () => {
  it('stores strings, answers null for a missing key and lists keys', () => {
    const sim = createAppsScriptServices({ properties: { A: '1' } });
    const props = g(sim).PropertiesService.getScriptProperties();
    expect(props.setProperty('B', 'dua')).toBe(props);
    expect(props.getProperty('B')).toBe('dua');
    expect(props.getProperty('missing')).toBeNull();
    expect(props.getKeys().sort()).toEqual(['A', 'B']);
    props.deleteProperty('A');
    expect(props.getProperties()).toEqual({ B: 'dua' });
    expect(sim.calls.count('Properties.setProperty')).toBe(1);
  });

  it('throws like Apps Script for a value over 9 KB (counted in UTF-8 bytes) and keeps the old value', () => {
    const props = g(
      createAppsScriptServices({ properties: { K: 'old' } }),
    ).PropertiesService.getScriptProperties();
    expect(() => props.setProperty('K', 'é'.repeat(MAX_PROPERTY_VALUE_BYTES / 2 + 1))).toThrow(
      'Exception: Argument too large: value',
    );
    expect(props.getProperty('K')).toBe('old');
    expect(() => props.setProperty('K', 'x'.repeat(MAX_PROPERTY_VALUE_BYTES))).not.toThrow();
  });

  it('throws like Apps Script when the store would exceed 500 KB', () => {
    const props = g(createAppsScriptServices()).PropertiesService.getScriptProperties();
    const value = 'x'.repeat(8_000);
    const fit = Math.floor(MAX_PROPERTY_STORE_BYTES / (8_000 + 4));
    for (let i = 0; i < fit; i++) props.setProperty(`k${String(i).padStart(3, '0')}`, value);
    expect(() => props.setProperty('one-too-many', value)).toThrow(/exceeded the property storage quota/);
    expect(props.getProperty('one-too-many')).toBeNull();
  });
});

describe('Utilities fake', () => {
  it('computes HMAC-SHA256 as node:crypto does, as signed bytes like Apps Script', () => {
    const sim = createAppsScriptServices();
    const { Utilities } = g(sim);
    const bytes: number[] = Utilities.computeHmacSha256Signature(
      '1700000000.{"a":"é"}',
      'kunci-rahasia',
      Utilities.Charset.UTF_8,
    );
    const expected = createHmac('sha256', 'kunci-rahasia').update('1700000000.{"a":"é"}', 'utf8').digest();
    expect(bytes).toHaveLength(32);
    expect(bytes.every((b) => b >= -128 && b <= 127)).toBe(true);
    expect(bytes.some((b) => b < 0)).toBe(true);
    expect(Buffer.from(bytes.map((b) => b & 0xff)).equals(expected)).toBe(true);
  });

  it('sleeps by moving the simulated clock', () => {
    const sim = createAppsScriptServices({ now: Date.parse('2026-01-01T00:00:00Z') });
    const before = sim.clock.now();
    g(sim).Utilities.sleep(5_000);
    expect(sim.clock.now() - before).toBeGreaterThanOrEqual(5_000);
  });
});

describe('LockService fake', () => {
  it('gives the script lock to one holder at a time and frees it when the execution ends', () => {
    const sim = createAppsScriptServices();
    const a = g(sim).LockService.getScriptLock();
    const b = g(sim).LockService.getScriptLock();
    expect(a.tryLock(1000)).toBe(true);
    expect(a.hasLock()).toBe(true);
    expect(b.tryLock(1000)).toBe(false);
    expect(() => b.waitLock(1000)).toThrow(/Lock timeout/);
    sim.endExecution();
    expect(b.tryLock(1000)).toBe(true);
    b.releaseLock();
    sim.holdLockElsewhere(true);
    expect(a.tryLock(30_000)).toBe(false);
    sim.endExecution();
    expect(a.tryLock(30_000)).toBe(false);
    sim.holdLockElsewhere(false);
    expect(a.tryLock(30_000)).toBe(true);
  });
});

describe('ScriptApp fake', () => {
  it('builds form-submit and clock triggers, lists and deletes them', () => {
    const sim = createAppsScriptServices();
    const { ScriptApp, FormApp } = g(sim);
    const t1 = ScriptApp.newTrigger('onFormSubmit').forForm(FormApp.getActiveForm()).onFormSubmit().create();
    const t2 = ScriptApp.newTrigger('retryOutbox').timeBased().everyMinutes(10).create();
    expect(t1.getEventType()).toBe(ScriptApp.EventType.ON_FORM_SUBMIT);
    expect(t1.getTriggerSourceId()).toBe('sim-form-1');
    expect(t2.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(ScriptApp.getProjectTriggers().map((t: Any) => t.getHandlerFunction())).toEqual([
      'onFormSubmit',
      'retryOutbox',
    ]);
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    expect(sim.triggers()).toEqual([
      expect.objectContaining({ handler: 'retryOutbox', everyMinutes: 10, id: t2.getUniqueId() }),
    ]);
    expect(sim.calls.count('ScriptApp.newTrigger')).toBe(2);
  });

  it('refuses what Apps Script refuses: odd minute intervals, unknown forms, more than 20 triggers', () => {
    const { ScriptApp } = g(createAppsScriptServices());
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(7)).toThrow(/1, 5, 10, 15 or 30/);
    expect(() => ScriptApp.newTrigger('f').forForm('nope').onFormSubmit().create()).toThrow(/No item/);
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`f${i}`).timeBased().everyMinutes(5).create();
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(5).create()).toThrow(/too many triggers/);
  });
});

describe('FormApp fake', () => {
  it('returns the bound form, opens known forms by id and records menus', () => {
    const sim = createAppsScriptServices({ forms: [{ id: 'other', title: 'Lain' }] });
    const { FormApp } = g(sim);
    expect(FormApp.getActiveForm().getId()).toBe('sim-form-1');
    expect(FormApp.openById('other').getTitle()).toBe('Lain');
    expect(() => FormApp.openById('unknown')).toThrow(/No item with the given ID/);
    FormApp.getUi().createMenu('OGP Cocreate').addItem('Siapkan / Set up', 'setup').addToUi();
    expect(sim.menus).toEqual([
      { title: 'OGP Cocreate', items: [{ caption: 'Siapkan / Set up', functionName: 'setup' }] },
    ]);
  });

  it('has no active form and no UI for a standalone script', () => {
    const { FormApp } = g(createAppsScriptServices({ activeForm: null }));
    expect(FormApp.getActiveForm()).toBeNull();
    expect(() => FormApp.getUi()).toThrow(/Cannot call FormApp.getUi\(\) from this context/);
  });
});

describe('UrlFetchApp fake', () => {
  const sim = (status: number) =>
    createAppsScriptServices({
      transport: (req) => ({
        status,
        headers: {},
        body: `echo ${req.method} ${req.headers?.['Content-Type']}`,
      }),
    });

  it('returns every status with muteHttpExceptions and throws for >= 400 without it', () => {
    const s = sim(503);
    const { UrlFetchApp } = g(s);
    const res = UrlFetchApp.fetch('https://api.example.org/x', {
      method: 'post',
      payload: '{}',
      contentType: 'application/json',
      muteHttpExceptions: true,
    });
    expect(res.getResponseCode()).toBe(503);
    expect(res.getContentText()).toBe('echo POST application/json');
    expect(() => UrlFetchApp.fetch('https://api.example.org/x')).toThrow(
      /^Exception: Request failed for https:\/\/api.example.org\/x returned code 503/,
    );
    expect(s.fetches.map((f) => f.status)).toEqual([503, 503]);
    expect(s.calls.count('UrlFetchApp.fetch')).toBe(2);
  });

  it('sends a string payload as a form post when no content type is given, like Apps Script', () => {
    const res = g(sim(200)).UrlFetchApp.fetch('https://a.org', { method: 'post', payload: 'a=1' });
    expect(res.getContentText()).toBe('echo POST application/x-www-form-urlencoded');
  });

  it('turns a transport failure into an "Exception: ..." error', () => {
    const s = createAppsScriptServices({
      transport: () => {
        throw new Error('Exception: Address unavailable: https://a.org');
      },
    });
    expect(() => g(s).UrlFetchApp.fetch('https://a.org', { muteHttpExceptions: true })).toThrow(
      'Exception: Address unavailable: https://a.org',
    );
    expect(() => g(s).UrlFetchApp.fetch('not a url')).toThrow(/Invalid argument/);
  });
});

describe('MailApp fake', () => {
  it('sends while recipients are left today and counts each recipient', () => {
    const sim = createAppsScriptServices({ mailQuota: 3 });
    const { MailApp } = g(sim);
    MailApp.sendEmail({ to: 'a@example.org, b@example.org', subject: 'S', body: 'B', htmlBody: '<p>B</p>' });
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    MailApp.sendEmail('c@example.org', 'S2', 'B2', { name: 'OGP Cocreate' });
    expect(sim.mails.map((m) => [m.to, m.subject, m.name])).toEqual([
      ['a@example.org, b@example.org', 'S', undefined],
      ['c@example.org', 'S2', 'OGP Cocreate'],
    ]);
  });

  it('throws like MailApp when the quota is used up or an address is not one', () => {
    const { MailApp } = g(createAppsScriptServices({ mailQuota: 0 }));
    expect(() => MailApp.sendEmail({ to: 'a@example.org', subject: 'S', body: 'B' })).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(() => MailApp.sendEmail({ to: 'bukan-email', subject: 'S', body: 'B' })).toThrow(/Invalid email/);
  });
});

describe('Session fake', () => {
  it('discloses no active user unless told one', () => {
    expect(g(createAppsScriptServices()).Session.getActiveUser().getEmail()).toBe('');
    expect(
      g(createAppsScriptServices({ activeUser: 'ana@example.org' }))
        .Session.getActiveUser()
        .getEmail(),
    ).toBe('ana@example.org');
  });
});
