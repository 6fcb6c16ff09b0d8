/**
 * `/workflow save <run-id> <name>` (SPEC G7), recognised before `parseCommand` (command.ts), which
 * does not know the verb and would read `save` as a workflow name.
 *
 * Edge cases: the same first-line rules as command.ts (sanitised, `/workflow` as a word); `save`
 * with a missing or malformed run id or name is a {@link CommandParseError} whose message is the
 * reply; a workflow literally named `save` can no longer be run by comment.
 */
import { sanitizeUntrusted } from "../../agents/sanitize.ts";
import { COMMAND_PREFIX, isWorkflowCommand, RUN_ID_PATTERN } from "../command.ts";
import { CommandParseError } from "../errors.ts";
import { WORKFLOW_NAME_PATTERN } from "../workflow-script.ts";

export const SAVE_VERB = "save";

export interface SaveCommand {
  kind: "save";
  runId: string;
  name: string;
}

const USAGE = "Usage: `/workflow save <run-id> <name>` — the run id of an approved free-form workflow, and a name of lowercase letters, digits, `-` and `_`.";

/** The save command in `body`'s first line; null when the comment is not `/workflow save …`. */
export function parseSaveCommand(body: string): SaveCommand | null {
  if (!isWorkflowCommand(body)) return null;
  const line = sanitizeUntrusted(body.split(/\r?\n|\r/)[0] ?? "").trim();
  const words = line.slice(COMMAND_PREFIX.length).trim().split(/\s+/);
  if (words[0] !== SAVE_VERB) return null;
  const [, runId, name, extra] = words;
  if (!runId || !name || extra !== undefined) throw new CommandParseError(USAGE);
  if (!RUN_ID_PATTERN.test(runId)) throw new CommandParseError(`\`${runId.slice(0, 64).replace(/`/g, "'")}\` is not a run id. ${USAGE}`);
  if (!WORKFLOW_NAME_PATTERN.test(name)) throw new CommandParseError(`\`${name.slice(0, 64).replace(/`/g, "'")}\` is not a workflow name. ${USAGE}`);
  return { kind: "save", runId, name };
}
