// Types of budgets.js (plain CommonJS: the build script reads it without a TypeScript loader).
export declare const DEFAULT_BUDGET: number;
export declare const BUDGETS: Record<string, number>;
export declare function budgetOf(name: string): number;
export declare function overBudget(sizes: Record<string, number>): string[];
