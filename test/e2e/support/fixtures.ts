/**
 * The repository, workflow scripts and scripted model shared by the end-to-end scenarios.
 *
 * The workflow scripts live in the fake repository's `.github/quorum/workflows/` on the default
 * branch (read through the fake API, rule G6), so the scenarios exercise the GitHub path without
 * depending on how the built-in workflows prompt their agents.
 */
import { createTwoFilesPatch } from "diff";
import { firstUserText, lastUserText, type FakeHandler, type FakeReply } from "../../support/fake-anthropic.ts";

export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const DEFAULT_BRANCH = "master";
export const WRITER = "Codertocat";

export const ADMIN_JS = [
  'const express = require("express");',
  "const router = express.Router();",
  "",
  'router.get("/admin/users", (req, res) => {',
  "  res.json(listUsers());",
  "});",
  "",
  "module.exports = router;",
  "",
].join("\n");

export const USERS_JS = [
  'const express = require("express");',
  "const router = express.Router();",
  "",
  'router.delete("/users/:id", (req, res) => {',
  "  deleteUser(req.params.id);",
  "  res.sendStatus(204);",
  "});",
  "",
  "module.exports = router;",
  "",
].join("\n");

const fixedAdmin = ADMIN_JS.replace("const router", 'const { requireAdmin } = require("./auth");\nconst router').replace('"/admin/users", (req', '"/admin/users", requireAdmin, (req');
const fixedUsers = USERS_JS.replace("const router", 'const { requireUser } = require("./auth");\nconst router').replace('"/users/:id", (req', '"/users/:id", requireUser, (req');

export const PATCHES: Record<string, string> = {
  "src/admin.js": createTwoFilesPatch("a/src/admin.js", "b/src/admin.js", ADMIN_JS, fixedAdmin),
  "src/users.js": createTwoFilesPatch("a/src/users.js", "b/src/users.js", USERS_JS, fixedUsers),
};

/** A small audit-auth: Map → Find → Verify, each confirmed suspicion a finding with a patch. */
export const AUDIT_AUTH_SCRIPT = `export const meta = {
  name: "audit-auth",
  description: "End-to-end double of audit-auth: map, find, verify; every confirmed hole comes with a patch.",
  phases: [{ title: "Map" }, { title: "Find" }, { title: "Verify" }],
};
const FILES = { type: "object", properties: { files: { type: "array", items: { type: "string" } } }, required: ["files"] };
const SUSPICION = {
  type: "object",
  properties: { title: { type: "string" }, body: { type: "string" }, path: { type: "string" }, line: { type: "integer" }, patch: { type: "string" } },
  required: ["title", "body", "path", "line", "patch"],
};
const VERDICT = { type: "object", properties: { confirmed: { type: "boolean" } }, required: ["confirmed"] };

phase("Map");
const map = await agent("MAP: list the files that register HTTP routes", { label: "map routes", schema: FILES });
log("mapped " + map.files.length + " route files");
phase("Find");
const suspicions = await parallel(map.files.map((file) => () => agent("FIND: check " + file + " for missing authentication", { label: "find " + file, schema: SUSPICION })));
phase("Verify");
const verdicts = await parallel(suspicions.map((s) => () => (s ? agent("VERIFY: try to refute: " + s.title, { label: "verify " + s.path, schema: VERDICT }) : null)));
const findings = [];
suspicions.forEach((s, i) => {
  if (s && verdicts[i] && verdicts[i].confirmed) {
    findings.push({ title: s.title, severity: "high", body: s.body, location: { path: s.path, line: s.line }, patch: s.patch, votes: { confirm: 3, refute: 0 }, evidence: ["route registered without a guard"] });
  }
});
log(findings.length + " confirmed");
return { findings };
`;

/** A small review: one reviewer returns findings inside and outside the PR's diff. */
export const REVIEW_SCRIPT = `export const meta = {
  name: "review",
  description: "End-to-end double of review: one reviewer, findings anchored to lines.",
  phases: [{ title: "Review" }],
};
const FINDINGS = {
  type: "object",
  properties: {
    findings: {
      type: "array",
      items: {
        type: "object",
        properties: {
          title: { type: "string" }, severity: { type: "string" }, body: { type: "string" },
          location: { type: "object", properties: { path: { type: "string" }, line: { type: "integer" } }, required: ["path", "line"] },
          patch: { type: "string" },
        },
        required: ["title", "severity", "body"],
      },
    },
  },
  required: ["findings"],
};
phase("Review");
const review = await agent("REVIEW: review the pull request's changes", { label: "reviewer", schema: FINDINGS });
return { findings: review.findings };
`;

export const CONFIG_YML = "workflows:\n  pullRequest: [review]\n";

/** Files of the default branch. */
export function repoFiles(): Record<string, string> {
  return {
    "README.md": "# Hello-World\n",
    "src/admin.js": ADMIN_JS,
    "src/users.js": USERS_JS,
    "src/auth.js": "module.exports = { requireAdmin: () => {}, requireUser: () => {} };\n",
    ".github/quorum/workflows/audit-auth.js": AUDIT_AUTH_SCRIPT,
    ".github/quorum/workflows/review.js": REVIEW_SCRIPT,
    ".github/quorum.yml": CONFIG_YML,
  };
}

function suspicionFor(path: string): FakeReply {
  const line = 4;
  return {
    json: {
      title: `Route in ${path} has no authentication`,
      body: `The route registered at ${path}:${line} runs for anonymous callers.`,
      path,
      line,
      patch: PATCHES[path] ?? "",
    },
  };
}

/**
 * The scripted model of audit-auth: answers by prompt content, each after `latencyMs` (a real model
 * takes seconds; without any latency the whole run ends inside one check-run update and the
 * coalescing leaves no per-phase update to see). `verifyDelayMs` slows VERIFY further.
 */
export function auditModel(options: { latencyMs?: number; verifyDelayMs?: number } = {}): FakeHandler {
  const delayMs = options.latencyMs ?? 300;
  return ({ body }) => {
    const prompt = lastUserText(body);
    if (prompt.includes("MAP:")) return { json: { files: ["src/admin.js", "src/users.js"] }, delayMs };
    const find = /FIND: check (\S+)/.exec(prompt);
    if (find?.[1]) return { ...suspicionFor(find[1]), delayMs };
    if (prompt.includes("VERIFY:")) return { json: { confirmed: true }, delayMs: options.verifyDelayMs ?? delayMs };
    return { error: { status: 400, type: "invalid_request_error", message: `no scripted answer for: ${prompt.slice(0, 200)}` } };
  };
}

/** PR head version of src/users.js: a new route, added at lines 9–11. */
export const USERS_JS_PR = USERS_JS.replace("module.exports", 'router.post("/users/:id/role", (req, res) => {\n  setRole(req.params.id, req.body.role);\n});\n\nmodule.exports');

/** The scripted model of review: one finding inside the diff (with a suggestion), one outside, one without location. */
export function reviewModel(): FakeHandler {
  const suggestion = createTwoFilesPatch(
    "a/src/users.js",
    "b/src/users.js",
    USERS_JS_PR,
    USERS_JS_PR.replace('router.post("/users/:id/role", (req, res) => {', 'router.post("/users/:id/role", requireAdmin, (req, res) => {'),
  );
  return ({ body }) => {
    const prompt = lastUserText(body);
    if (!prompt.includes("REVIEW:")) return { error: { status: 400, type: "invalid_request_error", message: "unexpected prompt" } };
    return {
      json: {
        findings: [
          { title: "Role change without authorization", severity: "high", body: "Anyone can change any user's role.", location: { path: "src/users.js", line: 9 }, patch: suggestion },
          { title: "Admin route has no guard", severity: "medium", body: "Outside this diff, but worth a look.", location: { path: "src/admin.js", line: 4 } },
          { title: "No tests for the role endpoint", severity: "low", body: "Add a test that a non-admin is refused." },
        ],
      },
    };
  };
}

/** The default branch without any repository workflow script: only `.github/quorum.yml` (built-ins run). */
export function repoFilesWithoutScripts(): Record<string, string> {
  return Object.fromEntries(Object.entries(repoFiles()).filter(([path]) => !path.startsWith(".github/quorum/workflows/")));
}

/**
 * A model for the BUILT-IN review: the security reviewer of src/users.js reports the unguarded role
 * route on a line of the PR's diff (with a suggestion); every other reviewer finds nothing; skeptics
 * confirm what is on line 9 and refute anything else.
 */
export function builtinReviewModel(): FakeHandler {
  return ({ body }) => {
    const prompt = firstUserText(body);
    if (prompt.startsWith("Review one file of a code change through one lens.")) {
      const security = prompt.includes("## Your lens\nSecurity:") && prompt.includes("src/users.js (");
      const sawDiff = prompt.includes('+router.post("/users/:id/role", (req, res) => {');
      return {
        json: {
          findings:
            security && sawDiff
              ? [{ title: "Role change without authorization", severity: "high", line: 9, body: "Anyone can change any user's role: POST /users/:id/role has no guard.", suggestion: 'router.post("/users/:id/role", requireAdmin, (req, res) => {' }]
              : [],
        },
      };
    }
    if (prompt.startsWith("You are skeptic")) {
      return { json: { verdict: prompt.includes("Role change without authorization") ? "confirm" : "refute", reason: "src/users.js:9 registers the route with no guard." } };
    }
    return { error: { status: 400, type: "invalid_request_error", message: `no scripted answer for: ${prompt.slice(0, 200)}` } };
  };
}
