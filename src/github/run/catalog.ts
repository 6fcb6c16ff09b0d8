/**
 * The workflows a GitHub-triggered run may use (rule G6): the repository's own scripts, read from
 * the default branch only (`.github/quorum/workflows/`, then `.claude/workflows/`), then the
 * built-ins shipped with Quorum. Never the checkout, which may be a PR head.
 *
 * Edge cases:
 * - Listing costs one request per folder (a missing folder is a 404, not an error); each script
 *   one more. Everything is fetched once per event.
 * - Nested `workflow(name)` calls (rule C4) resolve synchronously, so {@link WorkflowCatalog.resolver}
 *   only knows what {@link WorkflowCatalog.prefetch} loaded: every repository script (at most
 *   {@link MAX_REPOSITORY_SCRIPTS}) and every built-in.
 * - Names as Claude Code saves them (rule S7): `x.js` and `x.workflow.js` are both `x` (the first
 *   in folder order wins); a loaded script is also found by its `meta.name`, and by its path for
 *   `workflow({ scriptPath })` — only paths of scripts read from the default branch, nothing else.
 * - Agent types (`agent(…, { agentType })`, S7) come from `.claude/agents/*.md` on the default
 *   branch too (a PR cannot change an agent's prompt or tools), fetched only when a script of the
 *   run mentions `agentType` (at most {@link MAX_REPOSITORY_SCRIPTS} files).
 * - `plugin:name` names a script inside a Claude Code plugin, which a repository does not hold: the
 *   error says so and what to do.
 */
import { errorMessage } from "../../kernel/errors.ts";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Octokit } from "@octokit/rest";
import { AgentDefinitionError, findAgentType, parseAgentDefinition, unknownAgentTypeMessage, type AgentDefinition } from "../../claude-code/agent-definition.ts";
import type { AgentTypeResolver, ResolvedWorkflow, WorkflowResolver } from "../../engine/context.ts";
import { BUILTIN_DIR, builtinNames, isPluginName, metaNameOf, pluginNameError, UnknownWorkflowError, workflowNameOf } from "../../workflows/resolve.ts";
import { getDefaultBranch, isNotFound, readTextFile, type RepoRef } from "../repo.ts";
import { WORKFLOW_DIRECTORIES, WORKFLOW_NAME_PATTERN } from "../workflow-script.ts";

/** Repository scripts loaded for nested calls at most; more are listed but not prefetched. */
export const MAX_REPOSITORY_SCRIPTS = 50;

/** Repository scripts read at once while prefetching. */
const PREFETCH_CONCURRENCY = 8;

/** Where Claude Code keeps agent definitions. */
export const AGENT_DEFINITIONS_DIRECTORY = ".claude/agents";

export interface CatalogNames {
  repository: string[];
  builtin: string[];
}

export class WorkflowCatalog {
  readonly #octokit: Octokit;
  readonly #repo: RepoRef;
  #listing: Promise<Map<string, string>> | null = null;
  readonly #scripts = new Map<string, ResolvedWorkflow>();
  #agentTypes: { definitions: AgentDefinition[]; broken: Map<string, string> } | null = null;

  constructor(octokit: Octokit, repo: RepoRef) {
    this.#octokit = octokit;
    this.#repo = repo;
  }

  /** Repository script name → path on the default branch (first folder wins). */
  #list(): Promise<Map<string, string>> {
    this.#listing ??= (async () => {
      const ref = await getDefaultBranch(this.#octokit, this.#repo);
      const found = new Map<string, string>();
      // Both folders are asked at once; they are still taken in order (the first folder wins).
      const listings = await Promise.all(
        WORKFLOW_DIRECTORIES.map(async (dir) => {
          try {
            return { dir, data: (await this.#octokit.rest.repos.getContent({ owner: this.#repo.owner, repo: this.#repo.repo, path: dir, ref })).data as unknown };
          } catch (error) {
            if (isNotFound(error)) return { dir, data: null };
            throw error;
          }
        }),
      );
      for (const { dir, data } of listings) {
        if (!Array.isArray(data)) continue;
        for (const entry of data as { name?: string; type?: string; path?: string }[]) {
          const name = entry.name !== undefined ? workflowNameOf(entry.name) : null;
          if (entry.type === "file" && name && WORKFLOW_NAME_PATTERN.test(name) && !found.has(name)) found.set(name, entry.path ?? `${dir}/${entry.name}`);
        }
      }
      return found;
    })();
    return this.#listing;
  }

  async names(): Promise<CatalogNames> {
    return { repository: [...(await this.#list()).keys()].sort(), builtin: builtinNames() };
  }

  /** The script for `name`: the repository's first, then the built-in; null when neither exists. */
  async get(name: string): Promise<ResolvedWorkflow | null> {
    const cached = this.#scripts.get(name);
    if (cached) return cached;
    if (!WORKFLOW_NAME_PATTERN.test(name)) return null;
    const path = (await this.#list()).get(name);
    if (path) {
      const ref = await getDefaultBranch(this.#octokit, this.#repo);
      const source = await readTextFile(this.#octokit, this.#repo, path, ref);
      if (source !== null) {
        const script = { name, source, filename: path };
        this.#scripts.set(name, script);
        return script;
      }
    }
    const builtin = join(BUILTIN_DIR, `${name}.js`);
    if (!existsSync(builtin)) return null;
    const script = { name, source: readFileSync(builtin, "utf8"), filename: builtin };
    this.#scripts.set(name, script);
    return script;
  }

  /** Loads every repository script (up to the cap) so nested calls can find them. */
  async prefetch(): Promise<void> {
    const names = [...(await this.#list()).keys()].slice(0, MAX_REPOSITORY_SCRIPTS);
    // A few reads at a time rather than one after another (each is a round trip to the API).
    const queue = [...names];
    const reader = async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) await this.get(name);
    };
    await Promise.all(Array.from({ length: Math.min(PREFETCH_CONCURRENCY, queue.length) }, reader));
  }

  /** A synchronous resolver over what is loaded, plus the built-ins. Paths name only scripts read from the default branch (G6). */
  resolver(): WorkflowResolver {
    return (nameOrPath: string): ResolvedWorkflow => {
      if (isPluginName(nameOrPath)) throw pluginNameError(nameOrPath);
      const loaded = this.#scripts.get(nameOrPath) ?? this.#byPathOrMetaName(nameOrPath);
      if (loaded) return loaded;
      const builtin = WORKFLOW_NAME_PATTERN.test(nameOrPath) ? join(BUILTIN_DIR, `${nameOrPath}.js`) : null;
      if (builtin && existsSync(builtin)) return { name: nameOrPath, source: readFileSync(builtin, "utf8"), filename: builtin };
      const known = [...new Set([...this.#scripts.keys(), ...builtinNames()])].sort();
      throw new UnknownWorkflowError(
        `unknown workflow "${nameOrPath}" (on GitHub, workflows come from the default branch's .github/quorum/workflows or .claude/workflows, or are built in). Known: ${known.join(", ") || "(none)"}.`,
      );
    };
  }

  /** A loaded repository script by its path on the default branch (`./` and `/` ignored) or by its meta name. */
  #byPathOrMetaName(nameOrPath: string): ResolvedWorkflow | undefined {
    const path = nameOrPath.replace(/^(\.\/)+/, "").replace(/^\/+/, "");
    const scripts = [...this.#scripts.values()].filter((s) => !s.filename.startsWith(BUILTIN_DIR));
    return scripts.find((s) => s.filename === path) ?? scripts.find((s) => metaNameOf(s.source) === nameOrPath);
  }

  /**
   * Loads `.claude/agents/*.md` from the default branch when any loaded script (or `extraSources`)
   * mentions `agentType`; a run whose scripts never use it costs no request.
   */
  async prefetchAgentTypes(extraSources: readonly string[] = []): Promise<void> {
    const sources = [...extraSources, ...[...this.#scripts.values()].map((s) => s.source)];
    if (this.#agentTypes !== null || !sources.some((source) => source.includes("agentType"))) return;
    const ref = await getDefaultBranch(this.#octokit, this.#repo);
    const loaded = { definitions: [] as AgentDefinition[], broken: new Map<string, string>() };
    let data: unknown = [];
    try {
      ({ data } = await this.#octokit.rest.repos.getContent({ owner: this.#repo.owner, repo: this.#repo.repo, path: AGENT_DEFINITIONS_DIRECTORY, ref }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const files = (Array.isArray(data) ? (data as { name?: string; type?: string; path?: string }[]) : [])
      .filter((e) => e.type === "file" && e.name?.endsWith(".md"))
      .slice(0, MAX_REPOSITORY_SCRIPTS);
    for (const entry of files) {
      const path = entry.path ?? `${AGENT_DEFINITIONS_DIRECTORY}/${entry.name ?? ""}`;
      const stem = (entry.name ?? "").slice(0, -3);
      const text = await readTextFile(this.#octokit, this.#repo, path, ref);
      if (text === null) continue;
      try {
        loaded.definitions.push(parseAgentDefinition(text, path, stem));
      } catch (error) {
        loaded.broken.set(stem, errorMessage(error));
      }
    }
    this.#agentTypes = loaded;
  }

  /** A synchronous resolver over the prefetched agent types (and Claude Code's built-in types). */
  agentTypeResolver(): AgentTypeResolver {
    return (type: string): AgentDefinition => {
      const definitions = this.#agentTypes?.definitions ?? [];
      const found = findAgentType(definitions, type);
      if (found) return found;
      const broken = this.#agentTypes?.broken.get(type);
      if (broken !== undefined) throw new AgentDefinitionError(broken);
      throw new AgentDefinitionError(unknownAgentTypeMessage(type, definitions, `${AGENT_DEFINITIONS_DIRECTORY}/ on the default branch`));
    };
  }

  /** Markdown for `/workflow help` and unknown names (rule G1). */
  async helpText(): Promise<string> {
    const { repository, builtin } = await this.names();
    const line = (names: string[]) => (names.length ? names.map((n) => `\`${n}\``).join(", ") : "_none_");
    return [
      `**Workflows in this repository** (default branch): ${line(repository)}`,
      `**Built in:** ${line(builtin.filter((n) => !repository.includes(n)))}`,
      "",
      "Run one with `/workflow <name> [key=value …]` or `/workflow <name> {\"key\": \"value\"}`; " +
        "`/workflow status|cancel|resume <run-id>` act on a run. A label `quorum:<name>` works too.",
    ].join("\n");
  }
}
