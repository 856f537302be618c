// Size budgets of the Lambda bundles: the build fails when one is over (a dependency change that would
// slow every cold start shows up as a failed build, not as a slow function in production).
'use strict';

const KB = 1024;

/** Every bundle without a budget of its own. */
const DEFAULT_BUDGET = 300 * KB;

/**
 * reconcile runs the real google-auth-library and googleapis-common entry points (stand-ins for their
 * internal files were dropped: semver does not cover them); it runs every 15 minutes with nobody waiting.
 */
/**
 * publish writes the action plan .docx with the docx package (~230 KB of the bundle); it runs on a schedule
 * with nobody waiting.
 */
const BUDGETS = { reconcile: 450 * KB, publish: 500 * KB };

const budgetOf = (name) => BUDGETS[name] ?? DEFAULT_BUDGET;

/** One line per bundle over its budget (empty when all fit); `sizes` maps function name -> bytes. */
function overBudget(sizes) {
  return Object.entries(sizes)
    .filter(([name, bytes]) => bytes > budgetOf(name))
    .map(
      ([name, bytes]) =>
        `lambdas/${name}/index.js is ${(bytes / KB).toFixed(1)} KB, over its ${budgetOf(name) / KB} KB budget (infra/build/budgets.js; node infra/build/build.mjs --analyze shows what it holds)`,
    );
}

module.exports = { DEFAULT_BUDGET, BUDGETS, budgetOf, overBudget };
