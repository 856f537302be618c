// Site writer for a local folder (the CLI and the local stack): writes a file only when its bytes changed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { SiteFiles, SiteWriter } from '../ports/site-writer';

export class FolderSiteWriter implements SiteWriter {
  readonly location: string;

  constructor(dir: string) {
    this.location = resolve(dir);
  }

  async write(files: SiteFiles) {
    let written = 0;
    let unchanged = 0;
    for (const [path, content] of files) {
      const target = resolve(join(this.location, path));
      // Paths come from proposal ids; refuse anything that would leave the folder.
      if (!target.startsWith(this.location + sep))
        throw new Error(`Refusing to write outside the site: ${path}`);
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
      let before: Buffer | undefined;
      try {
        before = readFileSync(target);
      } catch {
        before = undefined;
      }
      if (before?.equals(bytes)) {
        unchanged++;
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      written++;
    }
    return { written, unchanged };
  }
}
