// Rows of a Google Forms CSV export -> submissions, through the same answer mapping as the form path.
// Assumptions about the export (support.google.com/docs/answer/139706 "View & manage form responses"):
// the first column is the submission timestamp in the form owner's locale, a collected email address
// column follows when "Collect email addresses" is on, then one column per question titled as in the
// form; checkbox answers are joined with ";" (", " in some exports).

import type { FormSpec } from '../definitions/form-spec';
import { type CsvEncoding, type CsvRecord, CsvRecordReader, detectDelimiter } from '../platform/csv';
import { stableHash } from '../platform/hash';
import type { Text } from '../platform/i18n';
import { utf8Length } from '../platform/utf8';
import { resolveTitles } from './answers';
import { MAX_BODY_BYTES, type SubmissionBody } from './ingest';
import { parseTimestamp } from './locale-parse';
import type { Answers } from './proposal';

const TIMESTAMP_HEADERS = ['timestamp', 'stempel waktu', 'cap waktu'];
const EMAIL_HEADERS = ['email address', 'alamat email', 'email', 'alamat e-mail'];

export interface CsvRowResult {
  /** 1-based line number in the file (header = 1). */
  line: number;
  submission: SubmissionBody;
  /** Timestamp that could not be read (the row is still imported, dated at import time). */
  badTimestamp?: string;
}

export interface CsvMapping {
  rows: CsvRowResult[];
  /** Columns that match no question (extra columns are reported, never an error). */
  unknownColumns: string[];
  /** Questions with no column (missing columns; validation reports the required ones per row). */
  missingQuestions: string[];
}

/**
 * Maps the body rows of a forms export one at a time, in file order. A row's id depends only on the rows
 * before it (the identities already given), so a file mapped as it is read gets the ids the whole file
 * would: re-importing a file imported before changes nothing.
 */
export class CsvRowMapper {
  /** Columns that match no question (extra columns are reported, never an error). */
  readonly unknownColumns: string[];
  /** Questions with no column (missing columns; validation reports the required ones per row). */
  readonly missingQuestions: string[];
  /** At most the bytes a row's answer keys take in its submission's JSON. */
  readonly keyBytes: number;
  private readonly ids: (string | undefined)[];
  private readonly tsCol: number;
  private readonly emailCol: number;
  /** Identities already given in this file, with the cells of the row that earned each. */
  private readonly given = new Map<string, readonly string[]>();

  constructor(
    spec: FormSpec,
    header: readonly string[],
    private readonly nowIso: string,
  ) {
    const norm = (h: string) => h.trim().toLowerCase();
    const tsCol = header.findIndex((h) => TIMESTAMP_HEADERS.includes(norm(h)));
    const emailCol = header.findIndex((h) => EMAIL_HEADERS.includes(norm(h)));
    // Resolve the header once; each row is then a plain copy of its cells.
    const ids = resolveTitles(spec, header).map((id, col) =>
      col === tsCol || col === emailCol ? undefined : id,
    );
    this.unknownColumns = header.filter(
      (h, col) => h.trim() && col !== tsCol && col !== emailCol && !ids[col],
    );
    const seenQuestions = new Set(ids.filter((id): id is string => Boolean(id)));
    this.missingQuestions = spec.sections
      .flatMap((s) => s.questions.map((q) => q.id))
      .filter((id) => !seenQuestions.has(id));
    [this.ids, this.tsCol, this.emailCol] = [ids, tsCol, emailCol];
    this.keyBytes = ids.reduce((n, id) => n + (id ? 6 * id.length + 8 : 0), 6 * 'email'.length + 8);
  }

  map({ fields: cells, line }: CsvRecord): CsvRowResult {
    const { ids, tsCol, emailCol } = this;
    const answers: Answers = {};
    for (let col = 0; col < ids.length; col++) {
      const id = ids[col];
      const value = cells[col];
      if (id && value) answers[id] = value;
    }
    const rawTs = tsCol >= 0 ? (cells[tsCol] ?? '') : '';
    const ts = parseTimestamp(rawTs);
    const collected = emailCol >= 0 ? (cells[emailCol] ?? '') : '';
    if (collected && !answers.email) answers.email = collected;
    // No response id in an export: the same row always gets the same id, so re-imports change nothing.
    // Timestamp and email identify a response (an edited row stays the same proposal); without an email,
    // or when the same timestamp and email already named a different row of this file, the answers'
    // content joins the identity, so two proposals sent in the same second are never merged. The content
    // (every cell, joined) is only built when one of those needs it.
    let content: string | undefined;
    const contentOf = () => {
      content ??= cells.join('\u0001');
      return content;
    };
    const email = (collected || String(answers.email ?? '')).toLowerCase();
    let identity = rawTs ? `${rawTs}|${email}` : contentOf();
    if (rawTs && !email) identity = `${identity}|${stableHash(contentOf())}`;
    const earlier = this.given.get(identity);
    if (earlier !== undefined && earlier.join('\u0001') !== contentOf())
      identity = `${identity}|${stableHash(contentOf())}`;
    if (!this.given.has(identity)) this.given.set(identity, cells);
    const result: CsvRowResult = {
      line,
      submission: {
        responseId: `csv-${stableHash(identity)}`,
        submittedAt: ts ?? this.nowIso,
        source: 'csv',
        answers,
      },
    };
    if (rawTs && !ts) result.badTimestamp = rawTs;
    return result;
  }
}

export function submissionsFromCsv(
  spec: FormSpec,
  table: readonly (string[] | CsvRecord)[],
  nowIso: string,
): CsvMapping {
  const records = table.map((r, i) => (Array.isArray(r) ? { fields: r, line: i + 1 } : r));
  const [headerRecord, ...body] = records;
  const mapper = new CsvRowMapper(spec, headerRecord?.fields ?? [], nowIso);
  return {
    rows: body.map((record) => mapper.map(record)),
    unknownColumns: mapper.unknownColumns,
    missingQuestions: mapper.missingQuestions,
  };
}

/** Why one row of a file was not imported (the other rows still are). */
export interface RefusedRow {
  line: number;
  code: 'short_row' | 'replacement_character' | 'row_too_large';
  message: Text;
}

export interface FormsExportReading extends CsvMapping {
  encoding: CsvEncoding;
  delimiter: string;
  /** Rows left out, each with its line and why. */
  refused: RefusedRow[];
  /** What the reader decided and the user should know (an encoding other than UTF-8, a delimiter). */
  notes: Text[];
  /** Set when the whole file is refused (nothing can be imported from it). */
  refusal?: Text;
}

const DELIMITER_NAMES: Record<string, string> = {
  ',': 'koma / comma',
  ';': 'titik koma / semicolon',
  '\t': 'tab',
};

/** A forms export being read: what the header says now, the rows as they are read. */
export interface FormsExportStream extends Omit<FormsExportReading, 'rows'> {
  /** The rows that can be stored, read, checked and mapped one at a time (one pass); `refused` grows
   * (in line order) as rows are read. */
  rows: IterableIterator<CsvRowResult>;
  /** How much of the text has been read (0 to 1), for progress. */
  fractionRead(): number;
}

/** JSON punctuation and the fields besides the answers, in bytes: more than a submission ever has. */
const SUBMISSION_OVERHEAD = 512;

/**
 * Reads a forms export decoded from its bytes (infra/cli/csv-decode.ts; an encoding other than UTF-8 is said
 * in the notes), detects the delimiter, refuses a header matching no question, and leaves out (reported with
 * their line) rows with fewer fields than the header (a file cut mid-row), rows holding U+FFFD (text
 * already damaged) and rows larger than the API accepts, so the rest can be stored. Rows are parsed and
 * mapped as they are asked for, so an import writes the first rows while later ones are still text.
 */
export function openFormsExport(
  decoded: { text: string; encoding: CsvEncoding },
  spec: FormSpec,
  nowIso: string,
): FormsExportStream {
  const { text, encoding } = decoded;
  const delimiter = detectDelimiter(text);
  const reader = new CsvRecordReader(text, { delimiter });
  const notes: Text[] = [];
  if (encoding !== 'utf-8')
    notes.push({
      id: `Berkas dibaca sebagai ${encoding === 'windows-1252' ? 'Windows-1252' : encoding.toUpperCase()} (bukan UTF-8)`,
      en: `File read as ${encoding === 'windows-1252' ? 'Windows-1252' : encoding.toUpperCase()} (not UTF-8)`,
    });
  if (delimiter !== ',')
    notes.push({
      id: `Pemisah kolom: ${DELIMITER_NAMES[delimiter]?.split(' / ')[0]}`,
      en: `Column delimiter: ${DELIMITER_NAMES[delimiter]?.split(' / ')[1]}`,
    });
  const first = reader.next();
  const header = first.done ? [] : first.value.fields;
  const refused: RefusedRow[] = [];
  const base = {
    encoding,
    delimiter,
    notes,
    refused,
    fractionRead: () => (reader.length ? reader.offset / reader.length : 1),
  };
  if (!resolveTitles(spec, header).some(Boolean)) {
    return {
      ...base,
      rows: [][Symbol.iterator](),
      unknownColumns: header.filter((h) => h.trim()),
      missingQuestions: [],
      refusal: {
        id: 'Tidak ada kolom yang cocok dengan pertanyaan formulir: apakah ini ekspor CSV Google Formulir (baris pertama = judul pertanyaan)?',
        en: 'No column matches a question of the form: is this a Google Forms CSV export (first line = the question titles)?',
      },
    };
  }
  const mapper = new CsvRowMapper(spec, header, nowIso);
  function* rows(): Generator<CsvRowResult, void, undefined> {
    for (const r of reader) {
      if (r.fields.length < header.length) {
        refused.push({
          line: r.line,
          code: 'short_row',
          message: {
            id: `Baris berisi ${r.fields.length} kolom, judul ${header.length}: berkas terpotong? Baris tidak diimpor`,
            en: `Row has ${r.fields.length} fields, the header ${header.length}: was the file cut? Row not imported`,
          },
        });
        continue;
      }
      let chars = 0;
      let damaged = false;
      for (const f of r.fields) {
        chars += f.length;
        if (f.includes('\ufffd')) damaged = true;
      }
      if (damaged) {
        refused.push({
          line: r.line,
          code: 'replacement_character',
          message: {
            id: 'Baris berisi karakter pengganti (\ufffd): teks sudah rusak sebelum diekspor; perbaiki lalu impor ulang',
            en: 'Row holds a replacement character (\ufffd): the text was damaged before export; fix it and import again',
          },
        });
        continue;
      }
      const row = mapper.map(r);
      // A JSON string takes at most 6 bytes per UTF-16 unit (\uXXXX) and the keys are question ids: a row
      // whose cells are small enough cannot be too large, so it is not serialised to be measured.
      if (6 * chars + mapper.keyBytes + SUBMISSION_OVERHEAD > MAX_BODY_BYTES) {
        const size = utf8Length(JSON.stringify(row.submission));
        if (size > MAX_BODY_BYTES) {
          refused.push({
            line: row.line,
            code: 'row_too_large',
            message: {
              id: `Baris terlalu besar (${size} byte, maks. ${MAX_BODY_BYTES}); tidak diimpor`,
              en: `Row too large (${size} bytes, max. ${MAX_BODY_BYTES}); not imported`,
            },
          });
          continue;
        }
      }
      yield row;
    }
  }
  return {
    ...base,
    rows: rows(),
    unknownColumns: mapper.unknownColumns,
    missingQuestions: mapper.missingQuestions,
  };
}

/** openFormsExport read to the end: every row mapped, every refused row listed. */
export function readFormsExport(
  decoded: { text: string; encoding: CsvEncoding },
  spec: FormSpec,
  nowIso: string,
): FormsExportReading {
  const { rows, fractionRead: _, ...reading } = openFormsExport(decoded, spec, nowIso);
  const all = [...rows];
  reading.refused.sort((a, b) => a.line - b.line);
  return { ...reading, rows: all };
}
