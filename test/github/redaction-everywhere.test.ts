import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectRunSecrets } from "../../src/action/secrets.ts";
import { redactedSnapshot, redactRunFileText } from "../../src/github/persist/redacted-snapshot.ts";
import { redactWriteRequest } from "../../src/github/redaction/request-hook.ts";
import { applyCap, overCapReason } from "../../src/github/run/output-caps.ts";

const TOKEN = "ghs_" + "Zq8wX2vB7nM4kL1pR6tY9uH3jF5dS0aC".padEnd(36, "x");
const KEY = "sk-ant-api03-" + "k".repeat(40);

describe("X4 X11 redaction reaches every write, output and artifact", () => {
  it("X4 the request hook redacts every text parameter of a write, never routing or git objects", () => {
    const comment = { method: "POST", url: "/repos/{owner}/{repo}/issues/{issue_number}/comments", owner: "o", repo: "r", issue_number: 1, body: `x ${TOKEN.replace("_", "&#95;")}` };
    redactWriteRequest(comment, [TOKEN]);
    expect(comment.body).toBe("x [REDACTED:secret]");
    const check = { method: "PATCH", url: "/repos/{owner}/{repo}/check-runs/{check_run_id}", head_sha: "a".repeat(40), output: { title: "t", summary: `k ${[...KEY].join("\u200b")}`, text: "ok" }, actions: [{ label: "l", description: TOKEN, identifier: "i" }] };
    redactWriteRequest(check, [TOKEN, KEY]);
    expect(check.output.summary).toBe("k [REDACTED:secret]");
    expect(check.actions[0]?.description).toBe("[REDACTED:secret]");
    expect(check.head_sha).toBe("a".repeat(40));
    const blob = { method: "POST", url: "/repos/{owner}/{repo}/git/blobs", content: TOKEN };
    redactWriteRequest(blob, [TOKEN]);
    expect(blob.content).toBe(TOKEN);
    const read = { method: "GET", url: "/repos/{owner}/{repo}/issues", q: TOKEN };
    redactWriteRequest(read, [TOKEN]);
    expect(read.q).toBe(TOKEN);
  });

  it("X4 the step's secrets are collected by name and masked; ordinary inputs are not", () => {
    const masked: string[] = [];
    const env = {
      "INPUT_GITHUB-TOKEN": TOKEN,
      ANTHROPIC_API_KEY: KEY,
      OPENAI_API_KEY: "sk-openai-secret-value-123",
      NPM_TOKEN: "npm-token-value-123456",
      "INPUT_DEPLOY-KEY": "deploy-key-value-123",
      "INPUT_BUDGET-TOKENS": "100000000",
      "INPUT_LABEL-PREFIX": "quorum-label:",
      INPUT_WORKFLOW: "audit-auth-long-name",
      SHORT_TOKEN: "abc",
    };
    const secrets = collectRunSecrets(env, (v) => masked.push(v));
    expect(new Set(secrets)).toEqual(new Set([TOKEN, KEY, "sk-openai-secret-value-123", "npm-token-value-123456", "deploy-key-value-123"]));
    expect(new Set(masked)).toEqual(new Set(secrets));
  });

  it("X11 artifact files are redacted value by value and stay valid JSON; untouched files are copied byte for byte", () => {
    const dir = mkdtempSync(join(tmpdir(), "quorum-snap-"));
    mkdirSync(join(dir, "patches"));
    const journal = [JSON.stringify({ key: "k1", result: `split ${TOKEN.slice(0, 10)}\n${TOKEN.slice(10)}` }), JSON.stringify({ key: "k2", result: "clean" }), '{"torn": "' + TOKEN].join("\n");
    writeFileSync(join(dir, "journal.jsonl"), journal);
    writeFileSync(join(dir, "result.json"), JSON.stringify({ findings: [{ title: `t ${Buffer.from(KEY).toString("base64")}` }] }, null, 2) + "\n");
    writeFileSync(join(dir, "report.md"), `# r\n\n${TOKEN.replace(/_/g, "\\_")}\n`);
    writeFileSync(join(dir, "patches", "1.diff"), "+const t = '" + TOKEN + "';\n");
    writeFileSync(join(dir, "args.json"), '{ "a": 1 }');
    const files = ["journal.jsonl", "result.json", "report.md", "patches/1.diff", "args.json"].map((f) => join(dir, f));
    const snap = redactedSnapshot(dir, files, [TOKEN, KEY]);
    try {
      const read = (f: string) => readFileSync(join(snap.root, f), "utf8");
      const lines = read("journal.jsonl").split("\n");
      expect(JSON.parse(lines[0] ?? "")).toEqual({ key: "k1", result: "split [REDACTED:secret]" });
      expect(lines[1]).toBe(JSON.stringify({ key: "k2", result: "clean" }));
      expect(lines[2]).toBe('{"torn": "[REDACTED:secret]');
      expect(JSON.parse(read("result.json"))).toEqual({ findings: [{ title: "t [REDACTED:secret]" }] });
      expect(read("result.json")).toMatch(/^\{\n {2}"findings"/);
      expect(read("report.md")).toBe("# r\n\n[REDACTED:secret]\n");
      expect(read("patches/1.diff")).toBe("+const t = '[REDACTED:secret]';\n");
      expect(read("args.json")).toBe('{ "a": 1 }');
      expect(snap.redactions).toBe(5);
    } finally {
      snap.cleanup();
    }
    expect(redactRunFileText("events.jsonl", "\n", [TOKEN])).toEqual({ text: "\n", redactions: 0 });
  });
});

describe("P10 output caps keep the most severe and list the rest", () => {
  it("P10 applyCap keeps the most severe first, stable, and a cap of 0 keeps none", () => {
    const items = [{ s: "low", n: 1 }, { s: "high", n: 2 }, { s: "medium", n: 3 }, { s: "high", n: 4 }, { s: "weird", n: 5 }];
    expect(applyCap(items, 2, (i) => i.s).kept.map((i) => i.n)).toEqual([2, 4]);
    expect(applyCap(items, 2, (i) => i.s).over.map((i) => i.n)).toEqual([1, 3, 5]);
    expect(applyCap(items, 10, (i) => i.s).over).toEqual([]);
    expect(applyCap(items, 0, (i) => i.s).kept).toEqual([]);
    expect(overCapReason("review comment", 30)).toBe("over the cap of 30 review comments per run (`publish.maxReviewComments`)");
  });
});
