// An in-memory DocumentApp: just what the action-plan Google Doc uses. Assumptions about Google's service,
// from developers.google.com/apps-script/reference/document/document-app, .../document, .../body,
// .../paragraph, .../text and .../table:
// - DocumentApp.create(name) makes a new Google Doc in the user's Drive root and needs the `documents`
//   scope; its body starts with one empty paragraph. openById(id) opens one (throws for an unknown id).
// - Body.appendParagraph(text), appendListItem(text) and appendTable(cells: string[][]) add one element
//   each and return it; Paragraph.setHeading(DocumentApp.ParagraphHeading.X) returns the paragraph;
//   editAsText().setBold(start, endInclusive, bold) marks a range.
// - Document.saveAndClose() flushes pending changes; the Document object cannot be used afterwards
//   (assumed: any further call on it or its body throws, as the reference says the instance is closed).
// - Unverified, so configurable: how long each DocumentApp call takes (`callMs`, default 0). Tests set it
//   to see that a large plan is split over executions within the 6-minute limit.

export type SimDocHeading = 'NORMAL' | 'HEADING1' | 'HEADING2' | 'HEADING3';

export interface SimDocElement {
  type: 'PARAGRAPH' | 'LIST_ITEM' | 'TABLE';
  text: string;
  heading?: SimDocHeading;
  /** [start, endInclusive] ranges set bold. */
  bold?: [number, number][];
  cells?: string[][];
}

export interface SimDocumentSnapshot {
  id: string;
  name: string;
  url: string;
  /** Times saveAndClose was called on it. */
  saves: number;
  body: SimDocElement[];
}

type Counted = <A extends unknown[], R>(name: string, fn: (...args: A) => R) => (...args: A) => R;

export function createDocumentFake(
  counted: Counted,
  nextId: () => string,
  spend: (ms: number) => void,
  callMs = 0,
) {
  const docs = new Map<string, SimDocumentSnapshot>();
  const call = <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    counted(name, (...args: A) => {
      spend(callMs);
      return fn(...args);
    });

  const ParagraphHeading = {
    NORMAL: 'NORMAL',
    HEADING1: 'HEADING1',
    HEADING2: 'HEADING2',
    HEADING3: 'HEADING3',
  };

  function element(doc: SimDocumentSnapshot, e: SimDocElement, open: () => void) {
    doc.body.push(e);
    const self: Record<string, unknown> = {
      setHeading: call('Paragraph.setHeading', (h: SimDocHeading): unknown => {
        open();
        e.heading = h;
        return self;
      }),
      editAsText: call('Paragraph.editAsText', () => {
        open();
        const text: Record<string, unknown> = {
          setBold: call('Text.setBold', (start: number, end: number, bold: boolean): unknown => {
            open();
            if (start < 0 || end >= e.text.length || start > end) throw new Error('Exception: Invalid range');
            if (bold) e.bold = [...(e.bold ?? []), [start, end]];
            return text;
          }),
        };
        return text;
      }),
      getText: call('Paragraph.getText', () => e.text),
    };
    return self;
  }

  function handle(doc: SimDocumentSnapshot) {
    let closed = false;
    const open = () => {
      if (closed) throw new Error('Exception: Document is closed, its contents cannot be updated.');
    };
    const body = {
      appendParagraph: call('Body.appendParagraph', (text: string) => {
        open();
        return element(doc, { type: 'PARAGRAPH', text: String(text), heading: 'NORMAL' }, open);
      }),
      appendListItem: call('Body.appendListItem', (text: string) => {
        open();
        return element(doc, { type: 'LIST_ITEM', text: String(text) }, open);
      }),
      appendTable: call('Body.appendTable', (cells: string[][]) => {
        open();
        if (!Array.isArray(cells) || !cells.every((r) => Array.isArray(r))) {
          throw new Error("Exception: The parameters (String) don't match the method signature");
        }
        const copy = cells.map((r) => r.map(String));
        doc.body.push({ type: 'TABLE', text: copy.map((r) => r.join('\t')).join('\n'), cells: copy });
        return { getNumRows: () => copy.length };
      }),
      getNumChildren: call('Body.getNumChildren', () => doc.body.length),
    };
    return {
      getId: call('Document.getId', () => doc.id),
      getUrl: call('Document.getUrl', () => doc.url),
      getName: call('Document.getName', () => doc.name),
      getBody: call('Document.getBody', () => {
        open();
        return body;
      }),
      saveAndClose: call('Document.saveAndClose', () => {
        open();
        doc.saves++;
        closed = true;
      }),
    };
  }

  const DocumentApp = {
    ParagraphHeading,
    create: call('DocumentApp.create', (name: string) => {
      const id = `sim-doc-${nextId()}`;
      const doc: SimDocumentSnapshot = {
        id,
        name: String(name),
        url: `https://docs.google.com/document/d/${id}/edit`,
        saves: 0,
        body: [{ type: 'PARAGRAPH', text: '', heading: 'NORMAL' }],
      };
      docs.set(id, doc);
      return handle(doc);
    }),
    openById: call('DocumentApp.openById', (id: string) => {
      const doc = docs.get(id);
      if (!doc) throw new Error(`Exception: Document ${id} is missing (perhaps it was deleted?)`);
      return handle(doc);
    }),
  };

  return {
    DocumentApp,
    documents: (): SimDocumentSnapshot[] => [...docs.values()].map((d) => structuredClone(d)),
  };
}
