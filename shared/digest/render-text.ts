// The plain-text writer's pieces: section headings, "and 12 more", bars drawn with #.
import { label, type RenderContext } from './render-context';

/** A blank line, then "== Title (count) ==". */
export const sectionText = (title: string, count?: number) => [
  '',
  `== ${title}${count === undefined ? '' : ` (${count})`} ==`,
];

export const noneText = ({ lang }: RenderContext) => label('none', lang);

export const moreText = ({ lang, max }: RenderContext, total: number): string[] =>
  total > max ? [label('more', lang, { n: total - max })] : [];

export function textBars(bars: { label: string; value: number }[]): string[] {
  const top = Math.max(1, ...bars.map((b) => b.value));
  const width = Math.max(...bars.map((b) => b.label.length));
  return bars.map((b) =>
    `${b.label.padEnd(width)}  ${String(b.value).padStart(5)}  ${'#'.repeat(b.value ? Math.max(1, Math.round((b.value / top) * 24)) : 0)}`.trimEnd(),
  );
}
