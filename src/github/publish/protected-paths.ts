/**
 * Protected paths in fix patches (rule X12). A patch written by an agent must not add a symlink
 * (mode 120000), a submodule (mode 160000, `Subproject commit` lines), anything under a `.git`
 * directory, GitHub Actions workflows or actions (`.github/workflows/**`, `.github/actions/**`),
 * a `CODEOWNERS` file where GitHub reads one (root, `.github/`, `docs/`), or `.gitmodules` —
 * unless the repository's config allows the path (`publish.allowPaths`, globs). A `.git` path is
 * never allowed.
 *
 * The check reads the patch text itself (not only what jsdiff makes of it): every path named by
 * `diff --git`, `---`/`+++`, `rename from/to`, `copy from/to` and `Binary files … differ` lines,
 * and every mode on `old mode`, `new mode`, `new file mode`, `deleted file mode` and `index` lines.
 * New, deleted, renamed and copied files, mode changes and binary patches are all covered.
 *
 * Edge cases:
 * - Paths are compared the way a checkout on any OS would see them: case-insensitively, without
 *   default-ignorable characters (macOS ignores them in names), without trailing dots and spaces
 *   (Windows drops them), `\` as a separator, and `git~1` (the Windows short name of `.git`).
 * - `a/` and `b/` prefixes: a path is checked both as written and with the prefix removed, so a
 *   plain diff cannot hide `.github/workflows/x.yml` behind a prefix-stripping ambiguity.
 * - Quoted git paths (`"a/\342\200\213.git/config"`) are unquoted (C escapes, octal UTF-8 bytes).
 * - Deleting or renaming a protected file is refused too: removing a workflow or CODEOWNERS is as
 *   much a change to the repository's guard rails as adding one.
 * - `allowPaths` globs (node's `path.matchesGlob`) are matched against the path as written, without
 *   its `a/`/`b/` prefix.
 */
import { posix } from "node:path";

export type ProtectedPathRule = "git-dir" | "workflow" | "action" | "codeowners" | "gitmodules" | "symlink" | "submodule" | "outside";

export interface PatchPathRefusal {
  path: string;
  rule: ProtectedPathRule;
  /** Why, in words for the check run. */
  reason: string;
}

export interface PatchPathOptions {
  /** Globs of paths the repository allows Quorum to change despite the rules (`publish.allowPaths`). */
  allowPaths?: readonly string[];
}

const REASONS: Record<ProtectedPathRule, string> = {
  "git-dir": "a path inside a .git directory",
  workflow: "a GitHub Actions workflow (.github/workflows/)",
  action: "a GitHub Action (.github/actions/)",
  codeowners: "a CODEOWNERS file",
  gitmodules: "the .gitmodules file",
  symlink: "a symbolic link (mode 120000)",
  submodule: "a submodule (mode 160000)",
  outside: "a path outside the repository",
};

const IGNORABLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const CODEOWNERS_DIRS = new Set(["", ".github", "docs"]);

/** Unquotes a git C-style quoted path (`"a/\303\251.txt"`); other paths come back as they are. */
export function unquoteGitPath(raw: string): string {
  const text = raw.trim();
  if (!(text.startsWith('"') && text.endsWith('"') && text.length >= 2)) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, a: 7, v: 11, "\\": 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The path's segments as a checkout on a case-insensitive, name-normalising OS would see them. */
function normalizedSegments(path: string): string[] {
  return path
    .replace(IGNORABLE, "")
    .split(/[/\\]+/)
    .map((s) => s.toLowerCase().replace(/[. ]+$/, (m) => (s.replace(/[. ]+$/, "") === "" ? m : "")))
    .filter((s) => s !== "" && s !== ".");
}

/** The rule a single path breaks, or null. */
export function protectedPathRule(path: string): ProtectedPathRule | null {
  if (path.startsWith("/") || /^[A-Za-z]:[/\\]/.test(path)) return "outside";
  const segs = normalizedSegments(path);
  if (segs.some((s) => s === "..")) return "outside";
  if (segs.some((s) => s === ".git" || /^git~\d+$/.test(s))) return "git-dir";
  if (segs[0] === ".github" && segs[1] === "workflows") return "workflow";
  if (segs[0] === ".github" && segs[1] === "actions") return "action";
  const base = segs[segs.length - 1] ?? "";
  if (base === "codeowners" && CODEOWNERS_DIRS.has(segs.slice(0, -1).join("/"))) return "codeowners";
  if (base === ".gitmodules") return "gitmodules";
  return null;
}

function allowed(path: string, allowPaths: readonly string[]): boolean {
  return allowPaths.some((glob) => posix.matchesGlob(path, glob));
}

interface Section {
  paths: Set<string>;
  modes: Set<string>;
  submoduleLine: boolean;
}

function withoutPrefix(path: string): string {
  return /^[ab]\//.test(path) ? path.slice(2) : path;
}

function headerPath(rest: string): string | null {
  const value = unquoteGitPath(rest.replace(/\t.*$/, "").replace(/\s+$/, ""));
  return value === "/dev/null" || value === "" ? null : value;
}

/** Splits `a/x b/y` of a `diff --git` line (quoted or not; paths may contain spaces). */
function diffGitPaths(rest: string): string[] {
  const quoted = [...rest.matchAll(/"(?:[^"\\]|\\.)*"/g)].map((m) => unquoteGitPath(m[0]));
  if (quoted.length > 0) return [...quoted, ...rest.replace(/"(?:[^"\\]|\\.)*"/g, " ").split(/\s+/).filter(Boolean)];
  const middle = rest.indexOf(" b/");
  if (middle > 0) return [rest.slice(0, middle), rest.slice(middle + 1)];
  return rest.split(/\s+/).filter(Boolean);
}

/** Every file section of a patch with the paths and modes it names. */
function sections(patch: string): Section[] {
  const out: Section[] = [];
  let current: Section | null = null;
  let inHunk = false;
  const open = (): Section => {
    current = { paths: new Set(), modes: new Set(), submoduleLine: false };
    out.push(current);
    inHunk = false;
    return current;
  };
  const section = (): Section => current ?? open();
  const lines = patch.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    let m: RegExpExecArray | null;
    if (line.startsWith("diff --git ")) {
      const s = open();
      for (const p of diffGitPaths(line.slice("diff --git ".length))) s.paths.add(p);
    } else if (inHunk && /^[ +\-\\]/.test(line) && !(line.startsWith("--- ") && (lines[i + 1] ?? "").startsWith("+++ "))) {
      if (/^[+-]Subproject commit [0-9a-f]{7,64}\s*$/.test(line)) section().submoduleLine = true;
    } else if (line.startsWith("--- ")) {
      // A `---` header outside a git section header (plain diff) starts a new section.
      const s = current && !inHunk ? current : open();
      const p = headerPath(line.slice(4));
      if (p) s.paths.add(p);
    } else if (line.startsWith("+++ ")) {
      const p = headerPath(line.slice(4));
      if (p) section().paths.add(p);
    } else if (line.startsWith("@@")) {
      inHunk = true;
    } else if ((m = /^(?:rename|copy) (?:from|to) (.+)$/.exec(line))) {
      section().paths.add(unquoteGitPath(m[1] as string));
    } else if ((m = /^(?:old mode|new mode|new file mode|deleted file mode) ([0-7]{6})\s*$/.exec(line))) {
      section().modes.add(m[1] as string);
    } else if ((m = /^index [0-9a-f]+\.\.[0-9a-f]+ ([0-7]{6})\s*$/.exec(line))) {
      section().modes.add(m[1] as string);
    } else if ((m = /^Binary files (.+) and (.+) differ$/.exec(line))) {
      const s = section();
      for (const raw of [m[1], m[2]]) {
        const p = headerPath(raw as string);
        if (p) s.paths.add(p);
      }
    }
  }
  return out;
}

/**
 * Every protected path the patch touches (empty when it may be published).
 * @param patch a unified diff (git or plain).
 */
export function validatePatchPaths(patch: string, options: PatchPathOptions = {}): PatchPathRefusal[] {
  const allowPaths = options.allowPaths ?? [];
  const refusals: PatchPathRefusal[] = [];
  const seen = new Set<string>();
  const refuse = (path: string, rule: ProtectedPathRule): void => {
    const key = `${rule}\u0000${path}`;
    if (seen.has(key)) return;
    seen.add(key);
    refusals.push({ path, rule, reason: REASONS[rule] });
  };
  for (const s of sections(patch)) {
    const paths = [...s.paths];
    const shown = paths.map(withoutPrefix);
    const isAllowed = (p: string): boolean => allowed(withoutPrefix(p), allowPaths);
    for (const path of paths) {
      for (const candidate of new Set([path, withoutPrefix(path)])) {
        const rule = protectedPathRule(candidate);
        if (rule === null) continue;
        if (rule === "git-dir" || rule === "outside" || !isAllowed(path)) refuse(withoutPrefix(path), rule);
      }
    }
    const modeRule: ProtectedPathRule | null = s.modes.has("160000") || s.submoduleLine ? "submodule" : s.modes.has("120000") ? "symlink" : null;
    if (modeRule && !(paths.length > 0 && paths.every(isAllowed))) refuse(shown[shown.length - 1] ?? "(unnamed file)", modeRule);
  }
  return refusals;
}
