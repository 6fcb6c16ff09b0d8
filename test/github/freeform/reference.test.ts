import { describe, expect, it } from "vitest";
import type { JsonObject, JsonValue } from "../../../src/kernel/json.ts";
import { validateScript } from "../../../src/engine/script/index.ts";
import { normalizeFindings } from "../../../src/github/finding.ts";
import { AUTHORING_REFERENCE, BAD_EXAMPLES, GOOD_EXAMPLES } from "../../../src/github/freeform/index.ts";
import { PATTERNS_SOURCE } from "../../../src/workflows/patterns.ts";
import { createScriptedRunner } from "../../support/scripted-runner.ts";
import { runScript } from "../../support/run-script.ts";

/** A minimal instance of a JSON Schema: what a cooperative model would answer. */
function sample(schema: JsonObject): JsonValue {
  if (Array.isArray(schema.enum)) return schema.enum[0] ?? null;
  switch (schema.type) {
    case "object": {
      const out: JsonObject = {};
      const props = (schema.properties ?? {}) as Record<string, JsonObject>;
      for (const [key, sub] of Object.entries(props)) out[key] = sample(sub);
      return out;
    }
    case "array":
      return [sample((schema.items ?? { type: "string" }) as JsonObject)];
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    default:
      return "src/app.js";
  }
}

describe("G7 authoring reference", () => {
  it("G7 every good example validates and runs to a result whose findings follow the Finding contract", async () => {
    for (const example of GOOD_EXAMPLES) {
      const validation = validateScript(example.source, "example.js");
      expect(validation.ok, `${example.title}: ${JSON.stringify(validation.ok ? [] : validation.errors)}`).toBe(true);
      const runner = createScriptedRunner({
        respond: ({ request }) => (request.schema ? sample(request.schema) : "An answer citing src/app.js:1."),
      });
      const run = await runScript(example.source, { runner });
      expect(run.status, `${example.title}: ${run.error ?? ""}`).toBe("succeeded");
      const normalized = normalizeFindings(run.result);
      expect(normalized.errors, example.title).toEqual([]);
      expect(runner.calls.length, example.title).toBeGreaterThan(0);
    }
  });

  it("G7 the bad examples that break the format fail validation; the others are named for what they do wrong", () => {
    const outcomes = BAD_EXAMPLES.map((e) => ({ title: e.title, ok: validateScript(e.source, "bad.js").ok }));
    expect(outcomes.filter((o) => !o.ok).map((o) => o.title)).toEqual(["Computed meta and an import", "TypeScript syntax"]);
    for (const example of BAD_EXAMPLES) expect(example.note.length).toBeGreaterThan(40);
  });

  it("G7 documents every primitive and every quality pattern the sandbox defines", () => {
    const patterns = [...PATTERNS_SOURCE.matchAll(/^\s{4}(\w+): Object\.freeze\(\1\)/gm)].map((m) => m[1]);
    expect(patterns.length).toBeGreaterThanOrEqual(6);
    for (const name of patterns) expect(AUTHORING_REFERENCE, name).toContain(`patterns.${name}(`);
    for (const primitive of ["agent(", "parallel(", "pipeline(", "phase(", "log(", "budget.", "args", "workflow(", "runTests("]) {
      expect(AUTHORING_REFERENCE, primitive).toContain(primitive);
    }
    for (const rule of ["Date.now()", "Math.random()", "import", "require", "TypeScript", "findings", "isolation: \"worktree\""]) expect(AUTHORING_REFERENCE).toContain(rule);
  });
});
