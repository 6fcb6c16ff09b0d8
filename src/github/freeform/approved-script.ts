/**
 * The approved free-form script as a git blob (rule G7): approval is of exact bytes, and a blob
 * is content-addressed, so the runner gets the approved script byte for byte or nothing.
 *
 * - {@link storeApprovedScript} writes the blob through the Git Data API (`POST /git/blobs`) and
 *   checks that GitHub's sha is the one computed locally.
 * - {@link loadApprovedScript} (for the Action, with the `script-blob` dispatch input) reads the
 *   blob back and recomputes its sha from the bytes before returning the text.
 *
 * Edge cases:
 * - SHA-1 repositories have 40-hex blob ids, SHA-256 repositories 64-hex ids; the algorithm is
 *   picked by the length of the id.
 * - A blob that is not valid UTF-8, or contains a NUL byte, is refused: a script is text.
 * - A blob that no ref points at may be garbage-collected by GitHub after a while (weeks); a run
 *   approved long ago then fails with {@link ApprovedScriptError} naming the sha, and the task has
 *   to be asked again. `/workflow save` makes a script permanent.
 */
import { hasHttpStatus } from "../api-error.ts";
import { createHash } from "node:crypto";
import type { Octokit } from "@octokit/rest";
import { QuorumGitHubError } from "../errors.ts";
import type { RepoRef } from "../repo.ts";

/** Largest free-form script Quorum stores or loads (it must fit in a check run with its framing). */
export const MAX_APPROVED_SCRIPT_BYTES = 50_000;

const SHA1_BLOB = /^[0-9a-f]{40}$/;
const SHA256_BLOB = /^[0-9a-f]{64}$/;

/** The approved script cannot be stored, found, or trusted. */
export class ApprovedScriptError extends QuorumGitHubError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("approved_script", message, options);
  }
}

/** The git object id of a blob with these bytes (`sha1("blob <size>\0" + bytes)`, or sha256). */
export function gitBlobSha(bytes: Uint8Array, algorithm: "sha1" | "sha256" = "sha1"): string {
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

function algorithmOf(sha: string): "sha1" | "sha256" {
  if (SHA1_BLOB.test(sha)) return "sha1";
  if (SHA256_BLOB.test(sha)) return "sha256";
  throw new ApprovedScriptError(`"${sha.slice(0, 80)}" is not a git blob sha (40 or 64 lowercase hex digits).`);
}

function decodeScript(bytes: Buffer, sha: string): string {
  if (bytes.length > MAX_APPROVED_SCRIPT_BYTES) {
    throw new ApprovedScriptError(`Blob ${sha} is ${bytes.length} bytes; an approved script has at most ${MAX_APPROVED_SCRIPT_BYTES}.`);
  }
  if (bytes.includes(0)) throw new ApprovedScriptError(`Blob ${sha} contains a NUL byte; it is not a workflow script.`);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new ApprovedScriptError(`Blob ${sha} is not UTF-8 text; it is not a workflow script.`, { cause: error });
  }
}

/**
 * Stores `source` as a blob in `repo` and returns its sha. Throws {@link ApprovedScriptError} when
 * the script is too large or GitHub answers with another sha than the bytes have.
 */
export async function storeApprovedScript(octokit: Octokit, repo: RepoRef, source: string): Promise<string> {
  const bytes = Buffer.from(source, "utf8");
  if (bytes.length > MAX_APPROVED_SCRIPT_BYTES) {
    throw new ApprovedScriptError(`The script is ${bytes.length} bytes; an approved script has at most ${MAX_APPROVED_SCRIPT_BYTES}.`);
  }
  const { data } = await octokit.rest.git.createBlob({ owner: repo.owner, repo: repo.repo, content: bytes.toString("base64"), encoding: "base64" });
  const expected = gitBlobSha(bytes, algorithmOf(data.sha));
  if (data.sha !== expected) {
    throw new ApprovedScriptError(`GitHub stored the script as blob ${data.sha}, but its bytes hash to ${expected}. Nothing was approved; ask again.`);
  }
  return data.sha;
}

/**
 * Reads the approved script `blobSha` from `repo` and returns its text, byte for byte as approved.
 * Throws {@link ApprovedScriptError} when the sha is malformed, the blob is missing (404), or its
 * bytes do not hash to `blobSha`.
 */
export async function loadApprovedScript(octokit: Octokit, repo: RepoRef, blobSha: string): Promise<string> {
  const algorithm = algorithmOf(blobSha);
  let data: { content: string; encoding: string };
  try {
    ({ data } = await octokit.rest.git.getBlob({ owner: repo.owner, repo: repo.repo, file_sha: blobSha }));
  } catch (error) {
    if (hasHttpStatus(error, 404)) {
      throw new ApprovedScriptError(
        `The approved script (blob ${blobSha}) is not in ${repo.owner}/${repo.repo}: it was never stored there or GitHub garbage-collected it. Ask for the free-form task again.`,
        { cause: error },
      );
    }
    throw error;
  }
  if (data.encoding !== "base64" && data.encoding !== "utf-8") {
    throw new ApprovedScriptError(`GitHub returned blob ${blobSha} with encoding "${data.encoding}"; expected base64.`);
  }
  const bytes = Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8");
  const actual = gitBlobSha(bytes, algorithm);
  if (actual !== blobSha) {
    throw new ApprovedScriptError(`Blob ${blobSha} came back with bytes that hash to ${actual}; refusing to run a script that is not the approved one.`);
  }
  return decodeScript(bytes, blobSha);
}
