import { describe, expect, it } from "vitest";
import { scrubEnvironment } from "../../../src/agents/tools/environment.ts";

describe("scrubEnvironment", () => {
  it("X1 keeps only the small allowlist and drops every secret-looking name", () => {
    const scrubbed = scrubEnvironment({
      PATH: "/usr/bin:/bin",
      HOME: "/home/runner",
      LANG: "C.UTF-8",
      LC_ALL: "C",
      TERM: "xterm",
      CI: "true",
      TMPDIR: "/tmp",
      USER: "runner",
      GITHUB_TOKEN: "x",
      GITHUB_REPOSITORY: "o/r",
      ACTIONS_RUNTIME_TOKEN: "x",
      ACTIONS_CACHE_URL: "x",
      ANTHROPIC_API_KEY: "x",
      OPENAI_API_KEY: "x",
      AWS_SECRET_ACCESS_KEY: "x",
      NODE_OPTIONS: "--require /tmp/evil.js",
      UNDEFINED: undefined,
    });
    expect(scrubbed).toEqual({
      PATH: "/usr/bin:/bin",
      HOME: "/home/runner",
      LANG: "C.UTF-8",
      LC_ALL: "C",
      TERM: "xterm",
      CI: "true",
      TMPDIR: "/tmp",
      USER: "runner",
    });
  });

  it("X1 secret names are dropped even when allowed explicitly, and PATH loses relative entries", () => {
    const scrubbed = scrubEnvironment({ NPM_TOKEN: "x", SESSION_COOKIE: "x", JAVA_HOME: "/jdk", PATH: ".:/usr/bin::bin" }, [
      "NPM_TOKEN",
      "SESSION_COOKIE",
      "JAVA_HOME",
    ]);
    expect(scrubbed).toEqual({ JAVA_HOME: "/jdk", PATH: "/usr/bin" });
  });
});
