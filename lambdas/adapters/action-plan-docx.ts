// The action plan draft as a Word document: the shared document blocks (shared/publishing/action-plan.ts)
// rendered with the `docx` package, so the .docx says what the HTML and the Google Doc say.
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { DocBlock } from '../../shared/publishing/action-plan';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

const lines = (text: string) =>
  text.split(/\n\s*\n/).map((p) => new Paragraph({ children: [new TextRun(p.replace(/\n/g, ' '))] }));

function render(block: DocBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ text: block.text, heading: HEADINGS[block.level] })];
    case 'paragraph':
      return lines(block.text);
    case 'field':
      return [
        new Paragraph({
          children: [new TextRun({ text: `${block.label}: `, bold: true }), new TextRun(block.value)],
        }),
      ];
    case 'list':
      return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case 'table': {
      const row = (cells: string[], header: boolean) =>
        new TableRow({
          tableHeader: header,
          children: cells.map(
            (c) =>
              new TableCell({
                children: [new Paragraph({ children: [new TextRun({ text: c, bold: header })] })],
              }),
          ),
        });
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [row(block.header, true), ...block.rows.map((r) => row(r, false))],
        }),
        new Paragraph({ text: '' }),
      ];
    }
    default:
      return [];
  }
}

/** The .docx bytes of a list of blocks (the first heading is the document title). */
export async function actionPlanDocx(blocks: readonly DocBlock[], title: string): Promise<Buffer> {
  const doc = new Document({
    title,
    creator: 'ogp-cocreate',
    description: 'Draf rencana aksi / Action plan draft',
    sections: [{ children: blocks.flatMap(render) }],
  });
  return Packer.toBuffer(doc);
}
