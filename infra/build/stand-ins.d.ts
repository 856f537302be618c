// Types of stand-ins.js (plain CommonJS: the build script reads it without a TypeScript loader).
export declare const LAMBDA_SHIMS: Record<string, string>;
