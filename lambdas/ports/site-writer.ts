// The persistence port for the public site: a folder locally (adapters/folder-site-writer.ts), S3 deployed.

/** Site files by path under the site root. */
export type SiteFiles = Map<string, string | Uint8Array>;

/** Where the site goes: writes every file whose bytes changed, returns how many it wrote. */
export interface SiteWriter {
  write(files: SiteFiles): Promise<{ written: number; unchanged: number }>;
  /** Where a reader finds the site (a folder path or a URL). */
  readonly location: string;
}
