// Starts the BUILT CLI's `cocreate dev` in a child process on free ports and waits for "ready <url>".
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StackInfo } from '../../infra/local-stack/stack-file';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'index.js');

export interface DevStack extends StackInfo {
  stateDir: string;
  signingSecret: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startDevStack(extraArgs: string[] = []): Promise<DevStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'cocreate-e2e-'));
  const child = spawn(process.execPath, [CLI, 'dev', ...extraArgs], {
    env: {
      ...process.env,
      COCREATE_STATE_DIR: stateDir,
      COCREATE_API_PORT: '0',
      COCREATE_DYNAMODB_PORT: '0',
      COCREATE_MAIL_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const apiUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev stack not ready:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /^ready (\S+)$/m.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('exit', (code) => reject(new Error(`dev stack exited ${code}:\n${output}`)));
  });
  const info = JSON.parse(readFileSync(join(stateDir, 'stack.json'), 'utf8')) as StackInfo;
  return {
    ...info,
    apiUrl,
    stateDir,
    signingSecret: readFileSync(join(stateDir, 'signing-secret'), 'utf8').trim(),
    child,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
