// docs/deploy.md against the BUILT CLI: every `npx cocreate` line of the runbook names a command and options
// that exist; the offline ones run for real, in the runbook's order, in a fresh folder (deploy as --dry-run),
// and the rest show their --help. Files, npm scripts and clasp commands it names must exist too.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { CLI, ROOT } from '../support/dev-stack';

const RUNBOOK = join(ROOT, 'docs', 'deploy.md');
const doc = readFileSync(RUNBOOK, 'utf8');
const home = mkdtempSync(join(tmpdir(), 'cocreate-runbook-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Commands that touch no cloud: the runbook's lines run as written. */
const OFFLINE = new Set(['stage', 'form', 'preview', 'help', '--help', '-h']);
/** Values for the placeholders the runbook asks the reader to fill in. */
const PLACEHOLDERS: Record<string, string> = {
  '<SPREADSHEET_ID>': '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd',
  '<FORM_ID>': '1FaIpQLSeXaMpLeFoRmIdEnTiFiEr0123456789ab',
};
/** Files the runbook's own steps create (or the build makes), so they need not be in the repository. */
const MADE_BY_THE_STEPS = new Set([
  'key.json',
  'cred.json',
  'backup.json',
  '.clasp.json',
  'cocreate.stage.prod.json',
  'Code.js',
  'appsscript.json',
  'dist/apps-script',
]);

/** Shell words of one command line: quotes grouped, a trailing comment dropped. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const word = m[1] ?? m[2] ?? (m[3] as string);
    if (m[3]?.startsWith('#')) break;
    out.push(word);
  }
  return out;
}

const fenced = [...doc.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].flatMap((m) =>
  (m[1] as string).replace(/\\\n\s*/g, ' ').split('\n'),
);
const prose = doc.replace(/```[a-z]*\n[\s\S]*?```/g, '');
const inline = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string);
const lines = [...fenced, ...inline].map((l) => l.trim().replace(/^\$ /, ''));

const cocreateLines = [...new Set(lines.filter((l) => /^npx cocreate(\s|$)/.test(l)))];
const fencedCocreate = fenced.map((l) => l.trim()).filter((l) => /^npx cocreate(\s|$)/.test(l));

async function cocreate(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd: home,
      timeout: 170_000,
      env: {
        ...process.env,
        COCREATE_STAGE_DIR: home,
        COCREATE_STATE_DIR: join(home, '.cocreate'),
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_PROFILE: undefined,
        CI: '1',
        SLS_DEPRECATION_DISABLE: '*',
      },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const optionsOf = (args: string[]) =>
  args.filter((a) => a.startsWith('--') && a !== '--help').map((a) => a.split('=')[0] as string);

describe('docs/deploy.md, the go-live runbook', () => {
  it('shows cocreate commands, in code blocks and in the text', () => {
    expect(fencedCocreate.length).toBeGreaterThan(5);
    expect(cocreateLines.some((l) => l.includes('deploy --stage prod --dry-run'))).toBe(true);
  });

  it('names only commands and options that exist: each command has its --help, listing each option used', async () => {
    const problems: string[] = [];
    for (const line of cocreateLines) {
      const args = words(line).slice(2);
      const command = args[0] ?? '--help';
      if (/^<.+>$/.test(command)) continue; // "npx cocreate <command> --help": the pattern, not a command
      const help = await cocreate(command.startsWith('-') ? [command] : [command, '--help']);
      if (help.code !== 0) {
        problems.push(`${line}: "cocreate ${command} --help" exited ${help.code}: ${help.stderr.trim()}`);
        continue;
      }
      for (const option of optionsOf(args))
        if (!help.stdout.includes(option))
          problems.push(`${line}: ${option} is not in "cocreate ${command} --help"`);
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it("runs the offline commands in the runbook's order (deploy as a dry run), and a redeploy still sends the ids", async () => {
    const done = new Set<string>();
    const packaged: string[] = [];
    for (const line of fencedCocreate) {
      const args = words(line).slice(2);
      const command = args[0] ?? '--help';
      const dryRun = args.includes('--dry-run') || command === 'deploy';
      if (!OFFLINE.has(command) && !dryRun) continue;
      const filled = args.map((a) => Object.entries(PLACEHOLDERS).reduce((s, [k, v]) => s.replace(k, v), a));
      const unfilled = filled.filter((a) => /<[A-Z_]+>/.test(a));
      expect([line, unfilled]).toEqual([line, []]);
      if (dryRun) {
        const settings = readdirSync(home)
          .filter((f) => f.startsWith('cocreate.stage.'))
          .map((f) => readFileSync(join(home, f), 'utf8'))
          .join();
        // The same package twice (deploy --dry-run, then deploy with nothing changed) is run once.
        const key = `${settings}|${filled.filter((a) => a !== '--dry-run').join(' ')}`;
        if (done.has(key)) continue;
        done.add(key);
        if (!filled.includes('--dry-run')) filled.push('--dry-run');
        filled.push('--package', join(home, `package-${done.size}`));
      }
      const res = await cocreate(filled);
      expect([line, res.code, res.code === 0 ? '' : res.stderr]).toEqual([line, 0, '']);
      if (dryRun) packaged.push(res.stdout + res.stderr);
    }
    expect(packaged.length).toBeGreaterThanOrEqual(2);
    // Step 9: after the ids were set once, every later deploy sends them.
    const last = packaged.at(-1) as string;
    expect(last).toContain(`--param=reviewSpreadsheetId=${PLACEHOLDERS['<SPREADSHEET_ID>']}`);
    expect(last).toContain(`--param=formId=${PLACEHOLDERS['<FORM_ID>']}`);
    expect(last).toContain('Service packaged');
  }, 480_000);

  it('names only repository files that exist, or that its own steps create', () => {
    const paths = inline
      .concat(fenced.flatMap(words))
      .map((t) => t.replace(/^file:\/\//, ''))
      .filter(
        (t) =>
          /^(\.?[\w-]+\/)*\.?[\w.-]+\.(json|md|ts|js|mjs|yml|example)$/.test(t) ||
          /^(infra|docs|test|dist|apps-script|lambdas|shared)\//.test(t),
      );
    expect(paths.length).toBeGreaterThan(3);
    const missing = paths.filter((p) => !MADE_BY_THE_STEPS.has(p) && !existsSync(join(ROOT, p)));
    const links = [...doc.matchAll(/\]\(([\w./-]+\.md)\)/g)].map((m) => m[1] as string);
    const brokenLinks = links.filter((l) => !existsSync(join(ROOT, 'docs', l)));
    expect({ missing, brokenLinks }).toEqual({ missing: [], brokenLinks: [] });
  });

  it('runs only npm scripts of package.json and clasp commands and options that clasp has', () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<
      string,
      string
    >;
    const npmRuns = lines.filter((l) => l.startsWith('npm run ')).map((l) => words(l)[2] as string);
    expect(npmRuns.filter((s) => !scripts[s])).toEqual([]);

    const claspDir = join(ROOT, 'node_modules', '@google', 'clasp', 'build', 'src', 'commands');
    const clasp = readdirSync(claspDir).map((f) => readFileSync(join(claspDir, f), 'utf8'));
    const claspLines = lines.filter((l) => l.startsWith('npx clasp '));
    expect(claspLines.length).toBeGreaterThan(0);
    for (const line of claspLines) {
      const [, , sub, ...rest] = words(line);
      const source = clasp.find(
        (text) => text.includes(`new Command('${sub}')`) || text.includes(`.alias('${sub}')`),
      );
      expect([line, source !== undefined]).toEqual([line, true]);
      for (const option of optionsOf(rest))
        expect([line, option, source?.includes(`'${option} `) || source?.includes(`'${option}'`)]).toEqual([
          line,
          option,
          true,
        ]);
    }
  });
});
