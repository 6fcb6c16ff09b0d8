/**
 * The rooms of docs/architecture.md, checked against the imports of src/: arrows point one way
 * (entry points → github → engine → agents; every room may use the kernel), the entry points know
 * nothing of each other, and the narrow doors stay narrow (the engine reaches the agents room only
 * through its contract, the testing room only through `agents/commands.ts`).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/rule-coverage.ts";

const SRC = path.join(ROOT, "src");

/** Which rooms each room may import from (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  kernel: [],
  schema: ["kernel"],
  agents: ["kernel", "schema"],
  "claude-code": ["kernel", "agents"],
  testing: ["kernel", "agents"],
  workflows: ["kernel"],
  engine: ["kernel", "agents", "schema", "claude-code", "testing", "workflows"],
  github: ["kernel", "agents", "claude-code", "engine", "workflows"],
  action: ["kernel", "agents", "engine", "github"],
  app: ["kernel", "agents", "engine", "github"],
  cli: ["kernel", "agents", "engine", "github", "workflows"],
};

/** The only files of a room another room may import, where the door is narrow. */
const DOORS: Record<string, Record<string, readonly string[]>> = {
  engine: { agents: ["agents/contract.ts"] },
  testing: { agents: ["agents/commands.ts"] },
  "claude-code": { agents: ["agents/contract.ts"] },
};

interface Edge {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

function imports(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      const target = path.resolve(path.dirname(file), match[1] ?? "");
      if (!target.startsWith(SRC + path.sep)) continue;
      edges.push({ from: path.relative(SRC, file), to: path.relative(SRC, target) });
    }
  }
  return edges;
}

const roomOf = (file: string) => file.split(path.sep)[0] ?? file;

describe("the rooms", () => {
  const edges = imports();

  it("every folder of src/ is a known room", () => {
    const rooms = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(rooms.filter((room) => !(room in ALLOWED))).toEqual([]);
  });

  it("imports between rooms point one way; the kernel imports nothing; entry points never import each other", () => {
    expect(edges.length).toBeGreaterThan(100);
    const wrong = edges
      .filter((e) => roomOf(e.from) !== roomOf(e.to) && !(ALLOWED[roomOf(e.from)] ?? []).includes(roomOf(e.to)))
      .map((e) => `${e.from} → ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it("narrow doors: the engine and claude-code see only the agents contract, the testing room only agents/commands.ts", () => {
    const wrong = edges
      .filter((e) => {
        const doors = DOORS[roomOf(e.from)]?.[roomOf(e.to)];
        return doors !== undefined && !doors.includes(e.to.split(path.sep).join("/"));
      })
      .map((e) => `${e.from} → ${e.to}`);
    expect(wrong).toEqual([]);
  });
});
