// `.cocreate/stack.json`: how CLI commands find a running `cocreate dev` stack.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StackInfo {
  pid: number;
  apiUrl: string;
  dynamodbUrl: string;
  mailUrl: string;
  tableName: string;
  startedAt: string;
}

/** Records this process's running stack so that other CLI commands use it. */
export function writeStackInfo(
  stateDir: string,
  stack: Pick<StackInfo, 'apiUrl' | 'dynamodbUrl' | 'mailUrl' | 'tableName'>,
): void {
  const info: StackInfo = {
    pid: process.pid,
    apiUrl: stack.apiUrl,
    dynamodbUrl: stack.dynamodbUrl,
    mailUrl: stack.mailUrl,
    tableName: stack.tableName,
    startedAt: new Date().toISOString(),
  };
  writeFileSync(join(stateDir, 'stack.json'), `${JSON.stringify(info, null, 2)}\n`);
}

export function removeStackInfo(stateDir: string): void {
  rmSync(join(stateDir, 'stack.json'), { force: true });
}

/** The running stack, or undefined when none is recorded or its process is gone. */
export function readStackInfo(stateDir: string): StackInfo | undefined {
  const file = join(stateDir, 'stack.json');
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as StackInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined;
  }
}
