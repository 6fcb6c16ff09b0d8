/**
 * Typed errors of the GitHub room: one class per failure, each message saying what went wrong and
 * what to do next. Callers branch on the class (`instanceof`) or on `code`, never on message text.
 * Every one is a kernel {@link QuorumError} (src/kernel/errors.ts), so entry points print them alike.
 */
import { QuorumError, type QuorumErrorOptions } from "../kernel/errors.ts";

/** Base class: every error thrown on purpose by `src/github` is one of these. */
export class QuorumGitHubError extends QuorumError {
  constructor(code: string, message: string, options?: QuorumErrorOptions) {
    super(code, message, options);
  }
}

/** A comment starts with `/workflow` but is not a valid command (rule G1). The message is a reply. */
export class CommandParseError extends QuorumGitHubError {
  constructor(message: string) {
    super("command_parse", message);
  }
}

/** One problem in `.github/quorum.yml`, pointing at the key (`publish.mode`, `limits.maxAgents`). */
export interface ConfigProblem {
  /** Dotted key path; `(root)` for the document itself. */
  path: string;
  message: string;
}

/** `.github/quorum.yml` is not valid YAML or does not match the schema (rule G6). */
export class ConfigError extends QuorumGitHubError {
  readonly problems: readonly ConfigProblem[];
  readonly source: string;

  constructor(source: string, problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n");
    super(
      "config_invalid",
      `${source} is invalid:\n${lines}\nFix the file on the default branch; see the README for the configuration reference.`,
    );
    this.problems = problems;
    this.source = source;
  }
}

/** A workflow name that cannot be a file name (`[a-z0-9][a-z0-9-_]*`). */
export class InvalidWorkflowNameError extends QuorumGitHubError {
  constructor(name: string) {
    super(
      "workflow_name_invalid",
      `"${name.slice(0, 80)}" is not a valid workflow name: use lowercase letters, digits, "-" and "_", starting with a letter or digit (at most 64 characters).`,
    );
  }
}

/** A file Quorum reads from the repository is bigger than it accepts. */
export class FileTooLargeError extends QuorumGitHubError {
  constructor(path: string, size: number, limit: number) {
    super("file_too_large", `${path} is ${size} bytes; Quorum reads at most ${limit} bytes from it. Make the file smaller.`);
  }
}

/** A finding's patch does not apply to the base commit; the finding is reported, not published (rule P4). */
export class PatchDoesNotApplyError extends QuorumGitHubError {
  readonly path: string;

  constructor(path: string, detail: string) {
    super(
      "patch_does_not_apply",
      `The patch for ${path} does not apply to the base commit (${detail}). The finding is reported without a pull request; re-run the workflow on the current default branch.`,
    );
    this.path = path;
  }
}

/** A finding's patch is not a unified diff Quorum can commit (binary, no files, bad path). */
export class UnsupportedPatchError extends QuorumGitHubError {
  constructor(detail: string) {
    super("patch_unsupported", `The finding's patch cannot be published: ${detail}. The finding is reported without a pull request.`);
  }
}

/** A patch would commit something that looks like a secret (rule X4). */
export class SecretInPatchError extends QuorumGitHubError {
  constructor(path: string, kinds: readonly string[]) {
    super(
      "secret_in_patch",
      `The patch adds what looks like a secret (${kinds.join(", ")}) to ${path}; it was not published. Review the finding's patch in the run report.`,
    );
  }
}

/** A fix patch touches a protected path (rule X12): a symlink, a submodule, `.git`, CI or ownership files. */
export class ProtectedPathError extends QuorumGitHubError {
  readonly refusals: readonly { path: string; reason: string }[];
  constructor(refusals: readonly { path: string; reason: string }[]) {
    super(
      "protected_path",
      `The patch touches protected paths (${refusals.map((r) => `${r.path}: ${r.reason}`).join("; ")}); it was not published. ` +
        "If the repository wants Quorum to change such a path, list it in `publish.allowPaths` in .github/quorum.yml.",
    );
    this.refusals = refusals;
  }
}

/** A ref write outside `refs/heads/quorum/` was attempted (rule X5). This is always a bug. */
export class RefGuardError extends QuorumGitHubError {
  readonly ref: string;

  constructor(ref: string, reason: string) {
    super("ref_refused", `Refusing to write ref "${ref}": ${reason}. Quorum only writes branches under refs/heads/quorum/.`, { audience: "bug" });
    this.ref = ref;
  }
}

/** The branch for a fingerprint already carries a pull request for a different finding. */
export class FingerprintCollisionError extends QuorumGitHubError {
  constructor(branch: string, prNumber: number) {
    super(
      "fingerprint_collision",
      `Branch ${branch} already has pull request #${prNumber} for a different finding. Close that pull request and delete the branch, or give the finding an explicit fingerprint.`,
    );
  }
}

/** `createOctokit` or another setup function got options that cannot work. */
export class GitHubClientConfigError extends QuorumGitHubError {
  constructor(message: string) {
    super("client_misconfigured", message);
  }
}
