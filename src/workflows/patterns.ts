/**
 * The quality-pattern library (rule Q1–Q6) as guest source: `lib/patterns.js` is plain JavaScript
 * built only from the primitives, evaluated inside every script's sandbox and defined there as the
 * frozen global `patterns`. It lives in `lib/` so it is not listed as a built-in workflow.
 */
import { readFileSync } from "node:fs";

/** File the library is read from (shipped next to the built-in workflows). */
export const PATTERNS_FILE = new URL("./lib/patterns.js", import.meta.url);

/** The library's source: one JavaScript expression that evaluates to the frozen `patterns` object. */
export const PATTERNS_SOURCE: string = readFileSync(PATTERNS_FILE, "utf8");
