// Bilingual text: Bahasa Indonesia first, English second. Every user-facing string is a Text.

export type Lang = 'id' | 'en';

/** A user-facing string in both languages. */
export interface Text {
  id: string;
  en: string;
}

/** Both languages on one line, Indonesian first: "Judul / Title". */
export function bilingual(text: Text): string {
  return text.id === text.en ? text.id : `${text.id} / ${text.en}`;
}
