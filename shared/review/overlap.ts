// Overlap suggestions for reviewers: for each proposal, the most similar others (across working groups too)
// with the terms they share. TF-IDF cosine over Indonesian and English text, found through an inverted
// index so that only proposals sharing a distinctive term are ever compared (no all-pairs pass).

export interface OverlapDoc {
  id: string;
  workingGroupId: string;
  title: string;
  problem?: string;
  solution?: string;
}

export interface OverlapSuggestion {
  id: string;
  /** Cosine similarity, 0..1. */
  score: number;
  /** The shared distinctive terms as written in the proposal, strongest first. */
  sharedTerms: string[];
  crossGroup: boolean;
}

export interface OverlapOptions {
  /** Suggestions per proposal (default 3). */
  limit?: number;
  /** Suggestions scoring below this are dropped (default 0.1). */
  minScore?: number;
  /** Terms found in more than this share of proposals are too common to suggest anything (default 0.2). */
  maxDocShare?: number;
  /**
   * ... or in more than this many proposals (default 500). A cap that does not grow with the round keeps
   * the work close to linear: the cost is the sum of the squared posting lengths.
   */
  maxPostings?: number;
  /** Shared terms shown per suggestion (default 8). */
  maxSharedTerms?: number;
}

/** A title word counts this many times a body word. */
const TITLE_WEIGHT = 3;

// Function words only: domain words (data, publik, layanan) are left to IDF.
const STOPWORDS = new Set(
  // Bahasa Indonesia
  (
    'ada adalah agar akan antara apa atas atau bagaimana bagi bahwa baik banyak barang beberapa belum ' +
    'berbagai bisa dalam dan dapat dari demikian dengan di dia hal hanya harus hingga ia ialah ini itu ' +
    'jika juga kami kamu karena ke kepada kita lagi lain lebih maka masih melalui mereka namun oleh ' +
    'pada para saat saja sampai sangat satu saya sebagai sebuah secara sedang sehingga sejak semua ' +
    'serta setiap sudah suatu tanpa telah tentang terhadap termasuk tersebut tetapi tidak untuk yaitu ' +
    'yakni yang ' +
    // English
    'a about after all also an and any are as at be been being between both but by can could did do ' +
    'does each for from had has have he her his how if in into is it its may more most no nor not of ' +
    'on or other our over she should so such than that the their them then there these they this ' +
    'those through to under until very was we were what when where which while who whom whose why ' +
    'will with would you your'
  ).split(' '),
);

/** Lowercase, diacritics stripped, one space between words. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Removes one Indonesian prefix, or returns the word unchanged. The rest keeps at least 4 letters. */
function stripIndonesianPrefix(w: string): string {
  const rest = (n: number) => w.slice(n);
  const ok = (s: string) => s.length >= 4;
  if (/^(meny|peny)[aeiou]/.test(w) && ok(rest(3))) return `s${rest(4)}`;
  if (/^(meng|peng)[aeiougkh]/.test(w) && ok(rest(4))) return rest(4);
  if (/^(mem|pem)[bfpv]/.test(w) && ok(rest(3))) return rest(3);
  // pem- + vowel: pemanfaatan -> manfaat, pemilik -> milik (keeping the m is right more often than p).
  if (/^(mem|pem)[aeiou]/.test(w) && ok(rest(2))) return rest(2);
  if (/^(men|pen)[cdjstz]/.test(w) && ok(rest(3))) return rest(3);
  if (/^(men|pen)[aeiou]/.test(w) && ok(rest(2))) return `t${rest(3)}`;
  // per- before pe- + r: perizinan -> izin, peradilan -> adil.
  if (/^(ber|per|ter)/.test(w) && ok(rest(3))) return rest(3);
  if (/^(me|pe)[lmnrwy]/.test(w) && ok(rest(2))) return rest(2);
  if (/^(di|ke)/.test(w) && ok(rest(2))) return rest(2);
  return w;
}

/** Light Indonesian stemming: particles, -nya, -kan/-an/-i, then up to two prefixes. */
function stemIndonesian(word: string): string {
  let w = word;
  const strip = (suffix: string) => {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      return true;
    }
    return false;
  };
  strip('lah') || strip('kah') || strip('pun');
  strip('nya');
  // -kan and -i mark verbs (with me-/di-/ter-); elsewhere -kan is usually -an on a root ending in k
  // (tindakan) and -i part of a loanword (transparansi).
  const verb = /^(me|di|ter)/.test(w);
  if (verb) strip('kan') || strip('an') || strip('i');
  else strip('an');
  for (let i = 0; i < 2; i++) {
    const next = stripIndonesianPrefix(w);
    if (next === w) break;
    w = next;
  }
  return w;
}

/** Light English stemming: plurals, -ing, -ed. */
function stemEnglish(word: string): string {
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(x|z|ch|sh)es$/.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      if (/([^aeioulsz])\1$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  return w;
}

/** The index term of a normalised word: Indonesian affixes first, English endings when none applied. */
export function stem(word: string): string {
  const id = stemIndonesian(word);
  return id !== word ? id : stemEnglish(word);
}

/** Index terms of a text with the word each came from, stopwords and numbers left out. */
export function terms(text: string): { term: string; word: string }[] {
  const out: { term: string; word: string }[] = [];
  for (const word of normaliseText(text).split(/[^a-z0-9]+/)) {
    const term = termOf(word);
    if (term) out.push({ term, word });
  }
  return out;
}

/** A proposal as a sparse TF-IDF vector. */
interface DocVector {
  /** Term ids, ascending. */
  ids: Int32Array;
  /** Raw (title-weighted) term frequency until weighed, then the TF-IDF weight. */
  weights: Float64Array;
  /** Per term, the id of the word first written for it (title first). */
  wordIds: Int32Array;
  norm: number;
}

type Ranked = { b: number; score: number };

/**
 * For each proposal (in input order; a repeated id keeps its first occurrence) the `limit` most similar
 * other proposals scoring at least `minScore`. Only proposals sharing a term that appears in at most
 * `maxDocShare` of all proposals (and at most `maxPostings` of them) are compared, and only such terms add
 * to the score: common words cost nothing, and each pair is scored once. Never throws on any text.
 */
/** Terms in up to this many proposals are always usable, whatever the share cap says. */
const MIN_DF_CAP = 5;

export function suggestOverlaps(
  docs: readonly OverlapDoc[],
  opts: OverlapOptions = {},
): Map<string, OverlapSuggestion[]> {
  const limit = Math.max(0, Math.floor(opts.limit ?? 3));
  const minScore = opts.minScore ?? 0.1;
  const maxShare = opts.maxDocShare ?? 0.2;
  const maxPostings = opts.maxPostings ?? 500;
  const maxShared = opts.maxSharedTerms ?? 8;

  const unique: OverlapDoc[] = [];
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.id)) continue;
    seen.add(d.id);
    unique.push(d);
  }
  const n = unique.length;
  const result = new Map<string, OverlapSuggestion[]>(unique.map((d) => [d.id, []]));
  if (n < 2 || limit === 0) return result;

  const index = buildVectors(unique);
  const { vectors, df, wordText } = index;
  // A small round (a working group's first few proposals) still needs terms shared by a handful of
  // proposals: the share cap only bites once the round is large enough for such terms to be common.
  const maxDf = Math.max(MIN_DF_CAP, Math.min(Math.floor(maxShare * n), maxPostings));
  const indexed = (t: number) => {
    const f = df[t] as number;
    return f >= 2 && f <= maxDf;
  };

  // Inverted index over distinctive terms only; postings are in document order, and `at` remembers where
  // each document sits in each of its postings so that a pair is scored once (from its first document).
  const postingDocs: (Int32Array | undefined)[] = new Array(df.length);
  const postingWeights: (Float64Array | undefined)[] = new Array(df.length);
  const fill = new Int32Array(df.length);
  for (let t = 0; t < df.length; t++) {
    if (!indexed(t)) continue;
    postingDocs[t] = new Int32Array(df[t] as number);
    postingWeights[t] = new Float64Array(df[t] as number);
  }
  const at: Int32Array[] = vectors.map((v, d) => {
    const pos = new Int32Array(v.ids.length).fill(-1);
    for (let i = 0; i < v.ids.length; i++) {
      const t = v.ids[i] as number;
      const docsOf = postingDocs[t];
      if (!docsOf) continue;
      const k = fill[t] as number;
      docsOf[k] = d;
      (postingWeights[t] as Float64Array)[k] = v.weights[i] as number;
      pos[i] = k;
      fill[t] = k + 1;
    }
    return pos;
  });

  const tops: Ranked[][] = vectors.map(() => []);
  const offer = (top: Ranked[], b: number, score: number) => {
    if (top.length === limit && !better(score, b, top[limit - 1] as Ranked)) return;
    let i = top.length;
    while (i > 0 && better(score, b, top[i - 1] as Ranked)) i--;
    top.splice(i, 0, { b, score });
    if (top.length > limit) top.pop();
  };
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  for (let a = 0; a < n; a++) {
    const va = vectors[a] as DocVector;
    const pos = at[a] as Int32Array;
    let count = 0;
    for (let i = 0; i < va.ids.length; i++) {
      const docsOf = postingDocs[va.ids[i] as number];
      if (!docsOf) continue;
      const ws = postingWeights[va.ids[i] as number] as Float64Array;
      const wa = va.weights[i] as number;
      for (let k = (pos[i] as number) + 1; k < docsOf.length; k++) {
        const b = docsOf[k] as number;
        if (acc[b] === 0) touched[count++] = b;
        acc[b] = (acc[b] as number) + wa * (ws[k] as number);
      }
    }
    for (let k = 0; k < count; k++) {
      const b = touched[k] as number;
      const score = (acc[b] as number) / (va.norm * (vectors[b] as DocVector).norm);
      acc[b] = 0;
      if (!(score >= minScore)) continue;
      offer(tops[a] as Ranked[], b, score);
      offer(tops[b] as Ranked[], a, score);
    }
  }

  tops.forEach((top, a) => {
    const docA = unique[a] as OverlapDoc;
    result.set(
      docA.id,
      top.map(({ b, score }) => {
        const docB = unique[b] as OverlapDoc;
        return {
          id: docB.id,
          score: Math.min(1, Math.round(score * 1e6) / 1e6),
          sharedTerms: sharedTerms(
            vectors[a] as DocVector,
            vectors[b] as DocVector,
            indexed,
            wordText,
            maxShared,
          ),
          crossGroup: docA.workingGroupId !== docB.workingGroupId,
        };
      }),
    );
  });
  return result;
}

/** Tokenises every document once (each distinct word is stemmed once) into TF-IDF vectors. */
function buildVectors(docs: readonly OverlapDoc[]): {
  vectors: DocVector[];
  df: number[];
  wordText: string[];
} {
  const wordIds = new Map<string, number>();
  const wordText: string[] = [];
  const wordTerm: number[] = [];
  const termIds = new Map<string, number>();
  const df: number[] = [];
  // Per-term scratch for the document being read, reset after each document.
  const tf: number[] = [];
  const firstWord: number[] = [];

  const vectors = docs.map((d): DocVector => {
    const found: number[] = [];
    const read = (text: unknown, weight: number) => {
      if (typeof text !== 'string' || !text) return;
      for (const word of normaliseText(text).split(/[^a-z0-9]+/)) {
        let w = wordIds.get(word);
        if (w === undefined) {
          w = wordText.length;
          wordIds.set(word, w);
          wordText.push(word);
          const term = termOf(word);
          let t = term === '' ? -1 : termIds.get(term);
          if (t === undefined) {
            t = df.length;
            termIds.set(term, t);
            df.push(0);
            tf.push(0);
            firstWord.push(-1);
          }
          wordTerm.push(t);
        }
        const t = wordTerm[w] as number;
        if (t < 0) continue;
        if (tf[t] === 0) {
          found.push(t);
          firstWord[t] = w;
        }
        tf[t] = (tf[t] as number) + weight;
      }
    };
    read(d.title, TITLE_WEIGHT);
    read(d.problem, 1);
    read(d.solution, 1);
    const ids = Int32Array.from(found).sort();
    const weights = new Float64Array(ids.length);
    const words = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i] as number;
      weights[i] = tf[t] as number;
      words[i] = firstWord[t] as number;
      df[t] = (df[t] as number) + 1;
      tf[t] = 0;
    }
    return { ids, weights, wordIds: words, norm: 0 };
  });

  const n = docs.length;
  for (const v of vectors) {
    let sq = 0;
    for (let i = 0; i < v.ids.length; i++) {
      const w =
        (1 + Math.log(v.weights[i] as number)) * Math.log((n + 1) / (df[v.ids[i] as number] as number));
      v.weights[i] = w;
      sq += w * w;
    }
    v.norm = Math.sqrt(sq);
  }
  return { vectors, df, wordText };
}

/** The index term of a normalised word, or '' for a word that is not indexed. */
function termOf(word: string): string {
  if (word.length < 3 || STOPWORDS.has(word) || !/[a-z]/.test(word)) return '';
  const s = stem(word);
  return s.length >= 3 ? s : word;
}

function better(score: number, b: number, than: Ranked): boolean {
  return score > than.score || (score === than.score && b < than.b);
}

function sharedTerms(
  a: DocVector,
  b: DocVector,
  indexed: (t: number) => boolean,
  wordText: readonly string[],
  max: number,
): string[] {
  const shared: { word: string; weight: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const ta = a.ids[i] as number;
    const tb = b.ids[j] as number;
    if (ta < tb) i++;
    else if (tb < ta) j++;
    else {
      if (indexed(ta)) {
        shared.push({
          word: wordText[a.wordIds[i] as number] ?? '',
          weight: (a.weights[i] as number) * (b.weights[j] as number),
        });
      }
      i++;
      j++;
    }
  }
  shared.sort((x, y) => y.weight - x.weight || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0));
  return shared.slice(0, max).map((s) => s.word);
}
