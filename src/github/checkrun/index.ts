/** Progress as a check run (rule P1, P2). */
export { CheckRunReporter, CHECK_RUN_NAME_PREFIX, MIN_UPDATE_INTERVAL_MS, updateIntervalFor } from "./reporter.ts";
export type { CheckRunTarget, FinalOutput, ReporterOptions } from "./reporter.ts";
export { decideConclusion, conclusionInputOf } from "./conclusion.ts";
export type { CheckConclusion, ConclusionInput, Verdict } from "./conclusion.ts";
export { renderCheckRunOutput } from "./render.ts";
export type { CheckRunExtras, CheckRunOutput, FindingLine } from "./render.ts";
export { fitText, clipLine, MAX_CHECK_RUN_OUTPUT_CHARS, MAX_COMMENT_CHARS } from "./fit.ts";
export { SYSTEM_CLOCK } from "./clock.ts";
export type { Clock } from "./clock.ts";
