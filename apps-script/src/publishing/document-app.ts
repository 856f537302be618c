// DocumentsPort over DocumentApp (developers.google.com/apps-script/reference/document/document-app), beside its one
// user (the action-plan draft): each block is one body call, a table one appendTable call.
import type { DocBlock } from '../../../shared/publishing/action-plan';
import type { DocumentsPort, DocumentWriter } from '../ports';

function writer(doc: GoogleAppsScript.Document.Document): DocumentWriter {
  const headings = {
    1: DocumentApp.ParagraphHeading.HEADING1,
    2: DocumentApp.ParagraphHeading.HEADING2,
    3: DocumentApp.ParagraphHeading.HEADING3,
  } as const;
  return {
    id: doc.getId(),
    url: doc.getUrl(),
    append(blocks: readonly DocBlock[]) {
      const body = doc.getBody();
      for (const b of blocks) {
        switch (b.kind) {
          case 'heading':
            body.appendParagraph(b.text).setHeading(headings[b.level]);
            break;
          case 'paragraph':
            for (const p of b.text.split(/\n\s*\n/)) body.appendParagraph(p);
            break;
          case 'field': {
            const label = `${b.label}: `;
            body
              .appendParagraph(`${label}${b.value}`)
              .editAsText()
              .setBold(0, label.length - 2, true);
            break;
          }
          case 'list':
            for (const item of b.items) body.appendListItem(item);
            break;
          case 'table':
            body.appendTable([b.header, ...b.rows]);
            break;
        }
      }
    },
    saveAndClose: () => doc.saveAndClose(),
  };
}

export function documentApp(): DocumentsPort {
  return {
    create: (title) => writer(DocumentApp.create(title)),
    open(id) {
      try {
        return writer(DocumentApp.openById(id));
      } catch {
        return null;
      }
    },
  };
}
