/**
 * Agent definitions from a checkout's `.claude/agents/*.md` (rule S7), for local runs. Read once
 * per run, on the first `agentType`; a file that cannot be parsed is an error when its type is used.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AgentDefinitionError, findAgentType, parseAgentDefinition, unknownAgentTypeMessage, type AgentDefinition } from "./agent-definition.ts";
import { errorMessage } from "../kernel/errors.ts";

export const AGENT_DEFINITIONS_DIR = join(".claude", "agents");

/** Parses every `.md` file in `.claude/agents/`; broken files are kept as errors. */
export function readAgentDefinitions(repo: string): { definitions: AgentDefinition[]; broken: { name: string; error: string }[] } {
  const dir = join(repo, AGENT_DEFINITIONS_DIR);
  const definitions: AgentDefinition[] = [];
  const broken: { name: string; error: string }[] = [];
  if (!existsSync(dir)) return { definitions, broken };
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".md")).sort()) {
    const path = join(AGENT_DEFINITIONS_DIR, file);
    try {
      definitions.push(parseAgentDefinition(readFileSync(join(repo, path), "utf8"), path, file.slice(0, -3)));
    } catch (error) {
      broken.push({ name: file.slice(0, -3), error: errorMessage(error) });
    }
  }
  return { definitions, broken };
}

/** A resolver over one checkout: type → definition; throws with what exists for an unknown type. */
export function localAgentTypes(repo: string): (type: string) => AgentDefinition {
  let loaded: ReturnType<typeof readAgentDefinitions> | undefined;
  return (type) => {
    loaded ??= readAgentDefinitions(repo);
    const found = findAgentType(loaded.definitions, type);
    if (found) return found;
    const broken = loaded.broken.find((b) => b.name === type);
    if (broken) throw new AgentDefinitionError(broken.error);
    throw new AgentDefinitionError(unknownAgentTypeMessage(type, loaded.definitions, `${AGENT_DEFINITIONS_DIR}/ of the checkout`));
  };
}
