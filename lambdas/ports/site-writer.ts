// The persistence port for the public site: a folder locally (adapters/folder-site-writer.ts), S3 deployed.

/** Site files by path under the site root. */
export type SiteFiles = Map<string, string | Uint8Array>;

/** Where the site goes: writes every file whose bytes changed, returns how many it wrote. */
export interface SiteWriter {
  /**
   * `versions`: a file's content version when its bytes are not stable for the same content (a .docx holds
   * its creation time); the writer compares that instead of the bytes.
   */
  write(
    files: SiteFiles,
    versions?: ReadonlyMap<string, string>,
  ): Promise<{ written: number; unchanged: number }>;
  /** Where a reader finds the site (a folder path or a URL). */
  readonly location: string;
}
