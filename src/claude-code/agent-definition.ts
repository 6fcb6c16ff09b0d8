/**
 * Claude Code agent definitions (`.claude/agents/<type>.md`, rule S7): YAML frontmatter with
 * `name`, `description`, `tools` and `model`, and a Markdown body that is the agent's system prompt.
 * `agent(prompt, { agentType })` applies the definition whose `name` is the type (a file whose
 * frontmatter has no name goes by its file name).
 *
 * - `tools`: a comma-separated string or a list, in Claude Code's names (mapped by
 *   tool-names.ts); left out → the agent gets the tools it would get without a type.
 * - `model`: an alias or id; `inherit` (or none) → the model the agent would get without a type.
 * - Claude Code's built-in types `general-purpose`, `Explore` and `Plan` exist without a file; a
 *   repository file of the same name replaces them.
 * - Other frontmatter keys (`color`, `permissionMode`, `skills`, …) are ignored.
 */
import { parse } from "yaml";
import { errorMessage, QuorumError } from "../kernel/errors.ts";

export interface AgentDefinition {
  name: string;
  description: string;
  /** Tool names as written (Claude Code's or Quorum's); undefined = not limited by the type. */
  tools: string[] | undefined;
  /** undefined = the model the agent would get without a type. */
  model: string | undefined;
  /** The body: added to Quorum's system prompt. */
  prompt: string;
  /** Where it came from (a path, or "built-in"). */
  source: string;
}

/** A definition file that cannot be used: what is wrong and where. */
export class AgentDefinitionError extends QuorumError {
  override name = "AgentDefinitionError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid_agent_definition", message, options);
  }
}

/** Claude Code's built-in agent types, which exist without a file. */
export const BUILTIN_AGENT_TYPES: Readonly<Record<string, AgentDefinition>> = {
  "general-purpose": { name: "general-purpose", description: "Claude Code's general-purpose agent", tools: undefined, model: undefined, prompt: "", source: "built-in" },
  Explore: {
    name: "Explore",
    description: "Claude Code's read-only explorer",
    tools: ["Read", "Grep", "Glob", "LS"],
    model: undefined,
    prompt: "You explore the codebase quickly and report what you find; you do not change anything.",
    source: "built-in",
  },
  Plan: {
    name: "Plan",
    description: "Claude Code's read-only planner",
    tools: ["Read", "Grep", "Glob", "LS"],
    model: undefined,
    prompt: "You research the codebase and return a concrete, step-by-step plan; you do not change anything.",
    source: "built-in",
  },
};

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

function stringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value.split(",").map((t) => t.trim()).filter((t) => t !== "");
  if (Array.isArray(value) && value.every((t) => typeof t === "string")) return value.map((t) => t.trim()).filter((t) => t !== "");
  throw new AgentDefinitionError(`${where}: "tools" must be a comma-separated string or a list of tool names.`);
}

/** Parses one definition file; `fallbackName` (the file name without `.md`) names it when the frontmatter does not. */
export function parseAgentDefinition(text: string, source: string, fallbackName: string): AgentDefinition {
  const match = FRONTMATTER.exec(text);
  if (!match) throw new AgentDefinitionError(`${source}: an agent definition starts with YAML frontmatter between --- lines (name, description, tools, model).`);
  let data: unknown;
  try {
    data = parse(match[1] ?? "");
  } catch (error) {
    throw new AgentDefinitionError(`${source}: the frontmatter is not valid YAML: ${errorMessage(error)}`);
  }
  const fields = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const name = typeof fields.name === "string" && fields.name.trim() !== "" ? fields.name.trim() : fallbackName;
  const model = typeof fields.model === "string" && fields.model.trim() !== "" && fields.model.trim() !== "inherit" ? fields.model.trim() : undefined;
  return {
    name,
    description: typeof fields.description === "string" ? fields.description : "",
    tools: stringList(fields.tools, source),
    model,
    prompt: text.slice(match[0].length).trim(),
    source,
  };
}

/** The definition's content as JSON, for journal keys (editing the file re-runs its agents). */
export function definitionKey(definition: AgentDefinition): { name: string; tools: string[] | null; model: string | null; prompt: string } {
  return { name: definition.name, tools: definition.tools ?? null, model: definition.model ?? null, prompt: definition.prompt };
}

/** Finds a type among definitions (exact name first, then case-insensitive), then the built-ins. */
export function findAgentType(definitions: readonly AgentDefinition[], type: string): AgentDefinition | null {
  return (
    definitions.find((d) => d.name === type) ??
    definitions.find((d) => d.name.toLowerCase() === type.toLowerCase()) ??
    BUILTIN_AGENT_TYPES[type] ??
    Object.values(BUILTIN_AGENT_TYPES).find((d) => d.name.toLowerCase() === type.toLowerCase()) ??
    null
  );
}

/** The error for an unknown type: what exists and where definitions go. */
export function unknownAgentTypeMessage(type: string, definitions: readonly AgentDefinition[], where: string): string {
  const known = [...new Set([...definitions.map((d) => d.name), ...Object.keys(BUILTIN_AGENT_TYPES)])].sort();
  return `unknown agentType "${type}": no agent definition with that name in ${where}. Known types: ${known.join(", ")}. Add .claude/agents/${type}.md (frontmatter name, description, tools, model; the body is its prompt).`;
}
