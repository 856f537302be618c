import { describe, expect, it } from '@jest/globals';
import { createAppsScriptServices } from '../../../../infra/apps-script-sim/services';

type Doc = {
  getId(): string;
  getBody(): {
    appendParagraph(t: string): {
      setHeading(h: string): unknown;
      editAsText(): { setBold(a: number, b: number, c: boolean): unknown };
    };
    appendTable(c: string[][]): unknown;
  };
  saveAndClose(): void;
};
const app = (sim: ReturnType<typeof createAppsScriptServices>) =>
  sim.globals.DocumentApp as {
    create(n: string): Doc;
    openById(id: string): Doc;
    ParagraphHeading: Record<string, string>;
  };

describe('DocumentApp fake', () => {
  it('creates a document whose body starts with one empty paragraph, and records what is appended', () => {
    const sim = createAppsScriptServices();
    const docs = app(sim);
    const doc = docs.create('Draf');
    doc
      .getBody()
      .appendParagraph('Judul')
      .setHeading(docs.ParagraphHeading.HEADING2 as string);
    doc.getBody().appendParagraph('Label: nilai').editAsText().setBold(0, 4, true);
    doc.getBody().appendTable([
      ['a', 'b'],
      ['1', '2'],
    ]);
    doc.saveAndClose();
    const [snap] = sim.documents();
    expect(snap?.name).toBe('Draf');
    expect(snap?.body.map((e) => [e.type, e.text, e.heading ?? null])).toEqual([
      ['PARAGRAPH', '', 'NORMAL'],
      ['PARAGRAPH', 'Judul', 'HEADING2'],
      ['PARAGRAPH', 'Label: nilai', 'NORMAL'],
      ['TABLE', 'a\tb\n1\t2', null],
    ]);
    expect(snap?.body[2]?.bold).toEqual([[0, 4]]);
    expect(snap?.saves).toBe(1);
  });

  it('refuses changes after saveAndClose, until the document is opened again', () => {
    const sim = createAppsScriptServices();
    const doc = app(sim).create('Draf');
    doc.saveAndClose();
    expect(() => doc.getBody()).toThrow(/closed/);
    app(sim).openById(doc.getId()).getBody().appendParagraph('lagi');
    expect(sim.documents()[0]?.body.at(-1)?.text).toBe('lagi');
    expect(() => app(sim).openById('nope')).toThrow(/missing/);
  });

  it('needs the documents scope, and can be made slow to test the execution limit', () => {
    const denied = createAppsScriptServices({ grantedScopes: ['https://www.googleapis.com/auth/forms'] });
    expect(() => app(denied).create('x')).toThrow(/auth\/documents/);
    const slow = createAppsScriptServices({ documentCallMs: 1_000, now: 0 });
    app(slow).create('x');
    const before = slow.clock.now();
    app(slow).create('y');
    expect(slow.clock.now() - before).toBeGreaterThanOrEqual(1_000);
  });
});
