/**
 * Staged mode (rule P9): what each finding would become — a pull request (title, branch, files,
 * body excerpt), a review comment (where, body excerpt) or an entry of the review body — built
 * with the same renderers and checks the publishers use (redaction, protected paths, secrets in
 * patches), and nothing written. The check run and the job summary show the preview.
 *
 * Edge cases:
 * - A patch the publisher would refuse (protected path, secret, not a diff) is previewed with the
 *   refusal, exactly as the real run would report it.
 * - Whether a patch still applies to the base commit is not checked (that needs the base tree's
 *   files); the real run reports it if not.
 * - Excerpts are cut at {@link PREVIEW_EXCERPT_CHARS} characters, with the cut said.
 */
import { errorMessage } from "../../kernel/errors.ts";
import { shortFingerprint, type ValidFinding } from "../finding.ts";
import { parseFilePatches } from "../publish/apply-patch.ts";
import type { PublishContext } from "../publish/context.ts";
import { assertPatchPaths } from "../publish/pull-request.ts";
import { quorumBranchName } from "../publish/ref-guard.ts";
import { pullRequestBody, pullRequestTitle, reviewCommentBody } from "../publish/render.ts";
import { addedLines } from "../publish/apply-patch.ts";
import { redactCanonical } from "../redact.ts";
import { neutralizeRecordSyntax } from "../record-syntax.ts";

/** Characters of a body shown in the preview. */
export const PREVIEW_EXCERPT_CHARS = 400;

export interface StagedPreview {
  /** What would be made. */
  kind: "pull-request" | "review-comment" | "review-body";
  /** PR title, or the finding's title for comments. */
  title: string;
  /** The `quorum/*` branch of a PR. */
  branch?: string;
  /** Files a PR's patch changes. */
  files?: string[];
  /** `path:line` of a review comment. */
  location?: string;
  excerpt: string;
  /** Why the publisher would refuse it (then nothing would be made). */
  refused?: string;
}

function excerpt(text: string): string {
  const body = text.replace(/<!-- quorum:fingerprint=[0-9a-f]+ -->/g, "").trim();
  return body.length > PREVIEW_EXCERPT_CHARS ? `${body.slice(0, PREVIEW_EXCERPT_CHARS)}… (${body.length - PREVIEW_EXCERPT_CHARS} more characters)` : body;
}


/** The pull request a finding with a patch would open. */
export function previewPullRequest(finding: ValidFinding, fingerprint: string, ctx: PublishContext): StagedPreview {
  const preview: StagedPreview = {
    kind: "pull-request",
    title: pullRequestTitle(finding, ctx).text,
    branch: quorumBranchName(ctx.workflow, shortFingerprint(fingerprint)),
    excerpt: excerpt(pullRequestBody(finding, fingerprint, ctx).text),
  };
  try {
    const patch = finding.patch ?? "";
    assertPatchPaths(patch, ctx);
    const files = parseFilePatches(patch);
    preview.files = [...new Set(files.flatMap((f) => [f.oldPath, f.newPath]).filter((p): p is string => p !== null))];
    for (const { path, line } of addedLines(files)) {
      const found = redactCanonical(line, ctx.secrets ?? []);
      if (found.count > 0) throw new Error(`The patch adds what looks like a secret (${Object.keys(found.kinds).join(", ")}) to ${path}.`);
    }
  } catch (error) {
    preview.refused = errorMessage(error);
  }
  return preview;
}

/** The review comment (or review-body entry) a finding would become. */
export function previewReviewEntry(finding: ValidFinding, fingerprint: string, ctx: PublishContext, inline: boolean): StagedPreview {
  const location = finding.location ? `${finding.location.path}:${finding.location.line}` : undefined;
  return {
    kind: inline ? "review-comment" : "review-body",
    title: redactCanonical(finding.title, ctx.secrets ?? []).text,
    ...(location ? { location } : {}),
    excerpt: excerpt(reviewCommentBody(finding, fingerprint, ctx, null).text),
  };
}

/** One line of Markdown for a preview, as the check run lists it next to the finding. */
export function stagedDestinationText(preview: StagedPreview): string {
  const refused = preview.refused ? ` — **would be refused**: ${preview.refused}` : "";
  switch (preview.kind) {
    case "pull-request":
      return `would open a PR from \`${preview.branch ?? "?"}\`${refused}`;
    case "review-comment":
      return `would comment on \`${preview.location ?? "?"}\``;
    case "review-body":
      return "would be listed in the review body";
  }
}

/** A quoted excerpt that cannot break out of its quote or forge a record. */
function quoted(text: string): string {
  return neutralizeRecordSyntax(text)
    .split(/\r?\n/)
    .map((l) => `> ${l}`)
    .join("\n");
}

/** The "what would be published" section for the check run and the job summary. */
export function renderStagedSection(previews: readonly StagedPreview[], headingLevel: 2 | 3): string {
  const h = "#".repeat(headingLevel);
  const lines = [
    `${h} Staged: nothing was published (${previews.length} item${previews.length === 1 ? "" : "s"} would be)`,
    "",
    "_`publish.mode: staged`: the run happened; this is what it would write. Set another mode to publish._",
  ];
  for (const p of previews) {
    lines.push("");
    const title = neutralizeRecordSyntax(p.title.replace(/\s+/g, " "));
    if (p.kind === "pull-request") {
      lines.push(`- **Pull request** ${title}`, `  - branch \`${p.branch ?? "?"}\``);
      if (p.files) lines.push(`  - files: ${p.files.map((f) => `\`${neutralizeRecordSyntax(f)}\``).join(", ")}`);
      if (p.refused) lines.push(`  - **would be refused**: ${neutralizeRecordSyntax(p.refused)}`);
    } else {
      lines.push(`- **${p.kind === "review-comment" ? "Review comment" : "Review body entry"}** ${title}${p.location ? ` on \`${p.location}\`` : ""}`);
    }
    lines.push("", quoted(p.excerpt));
  }
  return lines.join("\n");
}
