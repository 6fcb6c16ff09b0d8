/**
 * The Action bundle validates `.github/quorum.yml` with code generated at build time
 * (scripts/config-validator-code.mjs, put in place of src/github/config-validator.ts by
 * scripts/build.mjs). These tests prove that code and the schema agree: it embeds the schema as it
 * is now, it is generated the same way every time, and on documents touching every key of the
 * schema (right values, wrong types, bounds, patterns, unknown keys) it accepts and rejects exactly
 * what the validator compiled from the schema does, with the same errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ValidateFunction } from "ajv";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without type declarations
import { configValidatorSource } from "../../scripts/config-validator-code.mjs";
import { CONFIG_SCHEMA } from "../../src/github/config-schema.ts";
import { CONFIG_AJV_OPTIONS, configValidator } from "../../src/github/config-validator.ts";

const generate = configValidatorSource as () => string;
const GITHUB_SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src/github");

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
}

/** Values of every kind and at every bound the schema checks. */
const PROBES: unknown[] = [
  "",
  "a",
  "review",
  "staged",
  "security-review",
  "Bad Name",
  "has space",
  "a,b",
  "x".repeat(41),
  "x".repeat(51),
  "x".repeat(65),
  "😀".repeat(40),
  "😀".repeat(41),
  0,
  -1,
  1,
  1.5,
  256,
  257,
  1000,
  1001,
  0.01,
  true,
  null,
  [],
  ["a"],
  ["review", "review"],
  ["review", "Bad"],
  [""],
  {},
  { a: "x" },
  { a: "" },
];

/** One document per (key path, probe), plus an unknown key at every object level. */
function documents(node: SchemaNode = CONFIG_SCHEMA as SchemaNode, path: string[] = []): unknown[] {
  const at = (value: unknown): unknown => path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  const docs: unknown[] = PROBES.map(at);
  if (node.properties) {
    docs.push(at({ unknownKey: 1 }));
    for (const [key, child] of Object.entries(node.properties)) docs.push(...documents(child, [...path, key]));
  }
  if (node.items) docs.push(...PROBES.map((p) => at([p])), ...PROBES.map((p) => at(["a", p])));
  return docs;
}

function verdict(validate: ValidateFunction, doc: unknown): { valid: boolean; errors: unknown } {
  const valid = validate(doc) as boolean;
  return { valid, errors: valid ? null : structuredClone(validate.errors) };
}

let generated: ValidateFunction;
let scratch: string;

beforeAll(async () => {
  // Bundled as scripts/build.mjs bundles it (ajv's runtime helpers resolved from src/github).
  const out = await build({ stdin: { contents: generate(), resolveDir: GITHUB_SRC, loader: "js" }, bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent" });
  scratch = mkdtempSync(join(tmpdir(), "quorum-config-validator-"));
  const file = join(scratch, "validator.mjs");
  writeFileSync(file, out.outputFiles[0]!.text);
  const mod = (await import(pathToFileURL(file).href)) as { configValidator: () => ValidateFunction; CONFIG_AJV_OPTIONS: unknown };
  expect(mod.CONFIG_AJV_OPTIONS).toEqual(CONFIG_AJV_OPTIONS);
  generated = mod.configValidator();
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the config validator generated for the Action bundle", () => {
  it("G6 embeds the schema as src/github/config-schema.ts defines it, and is generated the same way every time", () => {
    const source = generate();
    const embedded = /^const schema11 = (.*);$/m.exec(source)?.[1];
    expect(embedded, "the generated code no longer starts from `const schema11 = …`").toBeDefined();
    expect(JSON.parse(embedded!)).toEqual(CONFIG_SCHEMA);
    expect(generate()).toBe(source);
    expect(source).not.toMatch(/\brequire\(/);
  });

  it("G6 accepts and rejects the same documents as the validator compiled from the schema, with the same errors", () => {
    const docs = documents();
    const compiled = configValidator();
    let accepted = 0;
    for (const doc of docs) {
      const expected = verdict(compiled, doc);
      expect(verdict(generated, doc), JSON.stringify(doc)).toEqual(expected);
      if (expected.valid) accepted++;
    }
    // The corpus exercises both sides (a corpus that every validator rejects would prove nothing).
    expect(accepted).toBeGreaterThan(20);
    expect(docs.length - accepted).toBeGreaterThan(200);
  });

  it("G6 accepts a full valid config and rejects a misspelt key, a bad workflow name and a too-long label prefix", () => {
    const full = {
      workflows: { schedule: ["security-review"], pullRequest: ["review"] },
      labelPrefix: "quorum:",
      allowBots: ["dependabot[bot]"],
      publish: { mode: "staged", draft: true, allowPaths: [".github/**"], maxPullRequests: 5, maxReviewComments: 0, maxIssues: 1000, issues: false, issueLabel: "q", reopenClosedIssues: true },
      models: { default: "claude-sonnet-4-5", phases: { skeptic: "claude-haiku-4-5" } },
      limits: { maxConcurrency: 256, maxAgents: 1, budgetTokens: 10, maxCostUsd: 0.5 },
      run: { allowlist: ["npm test"], testCommand: "npm test" },
      freeform: { autoApprove: false },
    };
    expect(generated(full)).toBe(true);
    for (const bad of [{ publish: { mdoe: "review" } }, { workflows: { schedule: ["Bad Name"] } }, { labelPrefix: "x".repeat(41) }, { limits: { maxCostUsd: 0 } }]) {
      expect(generated(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
