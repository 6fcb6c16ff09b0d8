import { describe, expect, it } from "vitest";
import { protectedPathRule, unquoteGitPath, validatePatchPaths } from "../../src/github/publish/protected-paths.ts";

const add = (path: string, mode = "100644", body = "+hello") =>
  `diff --git a/${path} b/${path}\nnew file mode ${mode}\nindex 0000000..e69de29\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1 @@\n${body}\n`;
const modify = (path: string) => `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-a\n+b\n`;
const plain = (path: string) => `--- ${path}\n+++ ${path}\n@@ -1 +1 @@\n-a\n+b\n`;
const rules = (patch: string, allowPaths: string[] = []) => validatePatchPaths(patch, { allowPaths }).map((r) => `${r.rule}:${r.path}`);

describe("X12 fix patches never touch protected paths unless the config allows them", () => {
  it("X12 an ordinary patch passes", () => {
    expect(rules(modify("src/auth.js") + add("test/auth.test.js") + plain("docs/README.md"))).toEqual([]);
    expect(rules(add("src/.github/workflows/not-a-workflow.yml"))).toEqual([]);
    expect(rules(add("lib/CODEOWNERS.md") + add("src/CODEOWNERS"))).toEqual([]);
  });

  it("X12 refuses a new symlink (mode 120000), also as a mode change or an index-line mode", () => {
    expect(rules(add("link", "120000", "+/etc/passwd"))).toEqual(["symlink:link"]);
    expect(rules("diff --git a/run.sh b/run.sh\nold mode 100755\nnew mode 120000\n")).toEqual(["symlink:run.sh"]);
    expect(rules("diff --git a/x b/x\nindex 1111111..2222222 120000\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+/b\n")).toEqual(["symlink:x"]);
  });

  it("X12 refuses submodules: mode 160000 and Subproject commit lines", () => {
    expect(rules(add("vendor/lib", "160000", "+Subproject commit 61780798228d17af2d34fce4cfbdf35556832472"))).toEqual(["submodule:vendor/lib"]);
    expect(rules("--- a/vendor/lib\n+++ b/vendor/lib\n@@ -1 +1 @@\n-Subproject commit 1111111111111111111111111111111111111111\n+Subproject commit 2222222222222222222222222222222222222222\n")).toEqual(["submodule:vendor/lib"]);
    expect(rules(add(".gitmodules", "100644", '+[submodule "x"]'))).toEqual(["gitmodules:.gitmodules"]);
  });

  it("X12 refuses .git paths at any depth and in any spelling a checkout would resolve to .git", () => {
    for (const path of [".git/config", "sub/.git/hooks/pre-commit", ".GIT/config", ".git./config", ".git /hooks/x", "GIT~1/config", ".g\u200cit/config", "a\\.git\\config"]) {
      expect(rules(add(path)), path).toEqual([`git-dir:${path}`]);
    }
    expect(rules(`diff --git "a/\\342\\200\\214.git/config" "b/\\342\\200\\214.git/config"\nnew file mode 100644\n--- /dev/null\n+++ "b/\\342\\200\\214.git/config"\n@@ -0,0 +1 @@\n+x\n`)).toEqual(["git-dir:\u200c.git/config"]);
  });

  it("X12 refuses workflows, actions and CODEOWNERS where GitHub reads them, however the patch names them", () => {
    expect(rules(add(".github/workflows/ci.yml"))).toEqual(["workflow:.github/workflows/ci.yml"]);
    expect(rules(modify(".github/workflows/release.yaml"))).toEqual(["workflow:.github/workflows/release.yaml"]);
    expect(rules(plain(".github/workflows/deep/x.yml"))).toEqual(["workflow:.github/workflows/deep/x.yml"]);
    expect(rules(add(".GitHub/Workflows/ci.yml"))).toEqual(["workflow:.GitHub/Workflows/ci.yml"]);
    expect(rules(add(".github/actions/setup/action.yml"))).toEqual(["action:.github/actions/setup/action.yml"]);
    for (const path of ["CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS", "docs/codeowners"]) expect(rules(add(path)), path).toEqual([`codeowners:${path}`]);
  });

  it("X12 deleting, renaming or copying onto a protected path is refused; binary patches are checked by path", () => {
    expect(rules("diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml\ndeleted file mode 100644\n--- a/.github/workflows/ci.yml\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n")).toEqual(["workflow:.github/workflows/ci.yml"]);
    expect(rules("diff --git a/tools/build.yml b/.github/workflows/build.yml\nsimilarity index 100%\nrename from tools/build.yml\nrename to .github/workflows/build.yml\n")).toEqual(["workflow:.github/workflows/build.yml"]);
    expect(rules("diff --git a/x b/CODEOWNERS\nsimilarity index 100%\ncopy from x\ncopy to CODEOWNERS\n")).toEqual(["codeowners:CODEOWNERS"]);
    expect(rules("diff --git a/.github/workflows/x.yml b/.github/workflows/x.yml\nnew file mode 100644\nindex 0000000..1111111\nGIT binary patch\nliteral 3\nKcmZ?wbN~PV\n\nliteral 0\nHcmV?d00001\n\n")).toEqual(["workflow:.github/workflows/x.yml"]);
    expect(rules("diff --git a/img.png b/.github/actions/x/img.png\nBinary files a/img.png and b/.github/actions/x/img.png differ\n")).toEqual(["action:.github/actions/x/img.png"]);
  });

  it("X12 a second section cannot hide behind a first harmless one", () => {
    expect(rules(modify("src/a.js") + add(".github/workflows/evil.yml") + plain("src/b.js"))).toEqual(["workflow:.github/workflows/evil.yml"]);
  });

  it("X12 publish.allowPaths allows matching protected paths, never .git", () => {
    const patch = add(".github/workflows/ci.yml") + add("CODEOWNERS") + add(".git/hooks/post-checkout");
    expect(rules(patch, [".github/workflows/**", "CODEOWNERS"])).toEqual(["git-dir:.git/hooks/post-checkout"]);
    expect(rules(patch, [".github/**"])).toEqual(["codeowners:CODEOWNERS", "git-dir:.git/hooks/post-checkout"]);
    expect(rules(add("docs/link", "120000", "+../README.md"), ["docs/link"])).toEqual([]);
    expect(rules(add(".git/x"), ["**"])).toEqual(["git-dir:.git/x"]);
  });

  it("X12 path rules and unquoting", () => {
    expect(protectedPathRule("../outside")).toBe("outside");
    expect(protectedPathRule("/etc/passwd")).toBe("outside");
    expect(protectedPathRule("src/app.ts")).toBeNull();
    expect(unquoteGitPath('"a/\\303\\251t\\303\\251.txt"')).toBe("a/été.txt");
    expect(unquoteGitPath("plain path.txt")).toBe("plain path.txt");
  });
});
