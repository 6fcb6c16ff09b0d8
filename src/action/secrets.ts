/**
 * The run's secrets, for redaction (rule X4, X11): the model keys, the GitHub token(s), secret
 * `INPUT_*` values and any other variable of the step whose name says it holds a credential. Each
 * is masked in the job log (`::add-mask::`) as well, so the log and what Quorum writes agree.
 *
 * Edge cases:
 * - Read once, at start-up, before the inputs are removed from the environment (rule X1).
 * - A variable counts as secret by its name: `…TOKEN`, `…KEY`, `…SECRET`, `…PASSWORD`, `…PAT`,
 *   `…CREDENTIALS` as a whole word (`_` or `-` separated), so `INPUT_BUDGET-TOKENS` or
 *   `INPUT_LABEL-PREFIX` are not.
 * - Values shorter than 8 characters are left out (see MIN_EXACT_SECRET_LENGTH in redact.ts).
 */
import * as core from "@actions/core";
import { MIN_EXACT_SECRET_LENGTH } from "../github/redact.ts";

/** Always secret when set. */
const KNOWN = ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GITHUB_TOKEN", "GH_TOKEN", "ACTIONS_RUNTIME_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "INPUT_GITHUB-TOKEN", "INPUT_ANTHROPIC-API-KEY"];
const SECRET_NAME = /(?:^|[_-])(?:TOKEN|KEY|SECRET|PASSWORD|PASSWD|PAT|CREDENTIALS?)(?:[_-]|$)/i;

/** The secret values in `env` (unique, longest first), each masked in the job log. */
export function collectRunSecrets(env: Record<string, string | undefined>, mask: (value: string) => void = core.setSecret): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < MIN_EXACT_SECRET_LENGTH) continue;
    if (KNOWN.includes(name.toUpperCase()) || SECRET_NAME.test(name)) values.add(value.trim());
  }
  const out = [...values].filter((v) => v.length >= MIN_EXACT_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  for (const value of out) mask(value);
  return out;
}
