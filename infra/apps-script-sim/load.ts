// Runs the built Apps Script bundle (dist/apps-script/Code.js) in a fresh V8 context whose globals are the
// ECMAScript built-ins (JSON, Math, Date, ...) plus the fake services: no require, process, Buffer,
// setTimeout, fetch, URL or TextEncoder, as in Apps Script's V8 runtime. `Date` follows the simulated clock.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import type { AppsScriptSim } from './services';

export type ScriptFunction = (...args: unknown[]) => unknown;

export interface LoadedAppsScript {
  /** The top-level functions the bundle declared; each call is one execution (locks released after). */
  functions: Record<string, ScriptFunction>;
  call(name: string, ...args: unknown[]): unknown;
  /** Runs a function as a trigger would: counted against the daily trigger runtime, refused past it. */
  fire(name: string, ...args: unknown[]): unknown;
  /** Every name the bundle added to the global scope (functions and anything else that leaked). */
  globalNames(): string[];
  context: vm.Context;
}

const INSTALL_CLOCK = `(function (now) {
  var RealDate = Date;
  function SimDate() {
    if (!new.target) return new RealDate(now()).toString();
    if (arguments.length === 0) return new RealDate(now());
    return new (Function.prototype.bind.apply(RealDate, [null].concat(Array.prototype.slice.call(arguments))))();
  }
  SimDate.prototype = RealDate.prototype;
  SimDate.now = function () { return now(); };
  SimDate.parse = RealDate.parse;
  SimDate.UTC = RealDate.UTC;
  Object.defineProperty(globalThis, 'Date', { value: SimDate, writable: true, configurable: true, enumerable: false });
})`;

export function loadAppsScript(codePath: string, sim: AppsScriptSim): LoadedAppsScript {
  const code = readFileSync(codePath, 'utf8');
  const context = vm.createContext({ ...sim.globals });
  (vm.runInContext(INSTALL_CLOCK, context) as (now: () => number) => void)(() => sim.clock.now());
  const namesNow = () => vm.runInContext('Object.getOwnPropertyNames(globalThis)', context) as string[];
  const before = new Set(namesNow());
  new vm.Script(code, { filename: codePath }).runInContext(context);
  const added = namesNow().filter((n) => !before.has(n));
  const functions: Record<string, ScriptFunction> = {};
  for (const name of added) {
    const fn = context[name];
    if (typeof fn !== 'function') continue;
    functions[name] = (...args: unknown[]) => run(name, false, fn, args);
  }
  function run(name: string, trigger: boolean, fn: ScriptFunction, args: unknown[]): unknown {
    sim.beginExecution(name, trigger);
    try {
      return fn(...args);
    } finally {
      sim.endExecution();
    }
  }
  return {
    functions,
    call(name, ...args) {
      const fn = functions[name];
      if (!fn) throw new Error(`Apps Script bundle has no global function ${name}`);
      return fn(...args);
    },
    fire(name, ...args) {
      const fn = context[name];
      if (typeof fn !== 'function') throw new Error(`Apps Script bundle has no global function ${name}`);
      return run(name, true, fn as ScriptFunction, args);
    },
    globalNames: () =>
      namesNow()
        .filter((n) => !before.has(n))
        .sort(),
    context,
  };
}
