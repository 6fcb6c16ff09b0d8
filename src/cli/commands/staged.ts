/**
 * `quorum run --staged` (rule P9): after the run, what Quorum would publish on GitHub for its
 * findings — each pull request (title, branch, files, body excerpt) and each finding that would
 * only be listed — printed and written to `staged.md` in the run directory. The command line never
 * publishes; this is the same preview a `publish.mode: staged` run shows in its check run.
 *
 * Edge cases:
 * - Findings are routed as on an issue (no pull request to comment on): with a patch → a pull
 *   request, otherwise listed. Protected paths and secrets in patches are checked as the publisher
 *   would (rule X12), and refusals are shown.
 * - Invalid findings are counted, not previewed.
 */
import { writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { RunOutcome } from "../../engine/run.ts";
import { fingerprintOf, normalizeFindings } from "../../github/finding.ts";
import { previewPullRequest, renderStagedSection } from "../../github/run/staged-preview.ts";
import type { CliIo } from "../io.ts";

/** Prints the staged preview of `outcome`'s findings and writes it to `<runDir>/staged.md`. */
export function printStaged(io: CliIo, outcome: RunOutcome, workflow: string, repo: string): void {
  const { findings, errors } = normalizeFindings(outcome.result);
  const ctx = { owner: "local", repo: basename(repo), workflow, runId: outcome.runId };
  const previews = findings.filter((f) => f.patch).map((f) => previewPullRequest(f, fingerprintOf(f, workflow), ctx));
  const listed = findings.filter((f) => !f.patch).map((f) => `- **[${f.severity}]** ${f.title.replace(/\s+/g, " ")} — would be listed (no patch)`);
  const text = [
    renderStagedSection(previews, 2),
    ...(listed.length > 0 ? ["", "### Listed only", "", ...listed] : []),
    ...(errors.length > 0 ? ["", `_${errors.length} invalid finding(s) would not be published._`] : []),
    "",
  ].join("\n");
  try {
    writeFileSync(join(outcome.runDir, "staged.md"), text);
  } catch {
    // A run that never created its directory has no findings either; the preview is still printed.
  }
  io.stderr.write(`\n${text}`);
}
