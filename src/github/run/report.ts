/**
 * The run's report for the job summary and the summary reply (rule P7, P3): the engine's report
 * (phase table, nulls, findings, log) followed by where each finding was published.
 */
import type { ProgressState } from "../../engine/progress.ts";
import { escapeCell, renderReport } from "../../engine/report.ts";
import { clipLine } from "../checkrun/fit.ts";
import type { FindingLine } from "../checkrun/render.ts";
import type { FindingError } from "../finding.ts";
import { neutralizeRecordSyntax } from "../record-syntax.ts";
import { destinationText, type PublishedFinding } from "./publish-findings.ts";
import { renderStagedSection, type StagedPreview } from "./staged-preview.ts";

/** The staged-mode section (rule P9) for the previews among `published`. */
export function stagedSectionOf(published: readonly PublishedFinding[], headingLevel: 2 | 3): string {
  return renderStagedSection(published.map((p) => p.preview).filter((p): p is StagedPreview => p !== undefined), headingLevel);
}

/** Findings listed with their destination in the report; the rest are counted. */
export const REPORT_LISTED_PUBLICATIONS = 200;

export function findingLines(published: readonly PublishedFinding[]): FindingLine[] {
  return published.map((p) => ({
    title: p.finding.title,
    severity: p.finding.severity,
    ...(p.finding.location ? { location: `${p.finding.location.path}:${p.finding.location.line}` } : {}),
    where: destinationText(p),
  }));
}

export function invalidFindingMessages(errors: readonly FindingError[]): string[] {
  return errors.map((e) => `${e.index >= 0 ? `#${e.index + 1}` : "findings"}${e.title ? ` "${e.title}"` : ""}: ${e.message}`);
}

/** The engine's `## Findings` section: replaced by the same findings with where each was published. */
const ENGINE_FINDINGS_SECTION = /\n## Findings \(\d+\)\n[\s\S]*?(?=\n## |$)/;

/** The engine's report, with its findings listed as published, plus notes and invalid findings. */
export function renderRunReport(state: ProgressState, published: readonly PublishedFinding[], invalid: readonly FindingError[], notes: readonly string[]): string {
  const engine = renderReport(state).trimEnd();
  const lines = [published.length > 0 ? engine.replace(ENGINE_FINDINGS_SECTION, "") : engine];
  if (notes.length > 0) lines.push("", "## Notes", "", ...notes.map((n) => `- ${clipLine(n, 2_000)}`));
  if (published.length > 0) {
    lines.push("", `## Findings (${published.length})`, "");
    for (const f of findingLines(published).slice(0, REPORT_LISTED_PUBLICATIONS)) {
      lines.push(`- **[${f.severity}]** ${clipLine(escapeCell(f.title), 200)}${f.location ? ` — \`${f.location}\`` : ""} — ${f.where}`);
    }
    if (published.length > REPORT_LISTED_PUBLICATIONS) lines.push(`- … and ${published.length - REPORT_LISTED_PUBLICATIONS} more (see published.json in the run's artifact)`);
  }
  if (published.some((p) => p.state === "staged")) lines.push("", stagedSectionOf(published, 2));
  const messages = invalidFindingMessages(invalid);
  if (messages.length > 0) {
    lines.push("", `## Invalid findings (${messages.length}, not published)`, "");
    for (const m of messages.slice(0, REPORT_LISTED_PUBLICATIONS)) lines.push(`- ${clipLine(m)}`);
  }
  // Rule X13: the report quotes logs and findings; it goes into Quorum's own comments.
  return neutralizeRecordSyntax(`${lines.join("\n")}\n`);
}
