// One way to start headless Chromium for every browser test: Debian's /usr/bin/chromium when installed, else the Chromium inside @sparticuz/chromium's npm tarball (no download).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Without these, Chromium reaches for Google's hosts at every start; this machine's closed network refuses
 * them many at a time (/work/.library/env/machines/node.md, "Known to work").
 */
const QUIET_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @sparticuz/chromium's Lambda flags switch these off; pages under test should meet the browser's usual security. */
const INSECURE_FLAGS = new Set(['--disable-web-security', '--allow-running-insecure-content']);

export interface ChromiumExecutable {
  executablePath: string;
  args: string[];
  /** Extra environment for the browser process (the bundled fontconfig). */
  env: Record<string, string>;
  source: 'system' | 'npm';
}

let resolved: Promise<ChromiumExecutable> | undefined;

/** Where Chromium is and how to start it; unpacks the npm copy once per version into the temp dir. */
export function chromiumExecutable(): Promise<ChromiumExecutable> {
  if (!resolved) {
    resolved = existsSync(SYSTEM_CHROMIUM)
      ? Promise.resolve({
          executablePath: SYSTEM_CHROMIUM,
          // As root, Debian's chromium needs --no-sandbox.
          args: ['--headless', '--no-sandbox', ...QUIET_FLAGS],
          env: {},
          source: 'system',
        })
      : npmChromium();
    resolved.catch(() => {
      resolved = undefined;
    });
  }
  return resolved;
}

/**
 * Headless Chromium through playwright-core, with a fresh profile that playwright deletes on close.
 * Call `browser.newContext({ viewport })` for pages; `await browser.close()` in afterAll.
 */
export async function launchBrowser(): Promise<Browser> {
  const exe = await chromiumExecutable();
  return chromium.launch({
    executablePath: exe.executablePath,
    args: exe.args,
    headless: true,
    env: { ...(process.env as Record<string, string>), ...exe.env },
  });
}

async function npmChromium(): Promise<ChromiumExecutable> {
  const packageDir = dirname(dirname(require.resolve('@sparticuz/chromium')));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const home = join(tmpdir(), `cocreate-chromium-${version}`);
  if (!existsSync(join(home, 'chromium'))) await unpack(packageDir, home);
  const args = JSON.parse(readFileSync(join(home, 'args.json'), 'utf8')) as string[];
  return {
    executablePath: join(home, 'chromium'),
    args: [...args.filter((a) => !INSECURE_FLAGS.has(a)), ...QUIET_FLAGS],
    env: { FONTCONFIG_PATH: home },
    source: 'npm',
  };
}

/**
 * The package inflates into os.tmpdir() and trusts whatever it finds there, so two test workers (or two
 * checkouts) unpacking at once could run a half-written binary. Each unpacks into its own staging folder
 * (TMPDIR points the package there) and renames it into place; a loser of the race keeps the winner's copy.
 */
async function unpack(packageDir: string, home: string): Promise<void> {
  mkdirSync(dirname(home), { recursive: true });
  const staging = mkdtempSync(`${home}.partial-`);
  try {
    // The package is ESM only and Jest runs CommonJS: a child Node process imports it.
    const script = `import c from ${JSON.stringify(pathToFileURL(join(packageDir, 'build', 'index.js')).href)};
      c.setGraphicsMode = false; // no WebGL: pages under test draw none
      const path = await c.executablePath();
      process.stdout.write(JSON.stringify({ path, args: c.args }));`;
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: staging };
    // These would make the package set up Amazon Linux libraries instead of using this machine's.
    for (const k of ['AWS_EXECUTION_ENV', 'AWS_LAMBDA_JS_RUNTIME', 'CODEBUILD_BUILD_IMAGE', 'VERCEL'])
      delete env[k];
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env,
      maxBuffer: 1 << 20,
    });
    const out = JSON.parse(stdout) as { path: string; args: string[] };
    if (out.path !== join(staging, 'chromium'))
      throw new Error(`@sparticuz/chromium unpacked to ${out.path}`);
    writeFileSync(join(staging, 'args.json'), JSON.stringify(out.args));
    // The bundled fonts.conf names Lambda's folders; this one keeps the machine's fonts and adds the bundled ones.
    writeFileSync(
      join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${join(home, 'fonts')}</dir>
  <cachedir>${join(home, 'fonts-cache')}</cachedir>
</fontconfig>
`,
    );
    try {
      renameSync(staging, home);
    } catch (err) {
      if (!existsSync(join(home, 'chromium'))) throw err;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
