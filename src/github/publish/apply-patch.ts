/**
 * Turning a finding's unified diff into file changes on the base commit (rule P4), with jsdiff's
 * `parsePatch`/`applyPatch` (git dialect: new, deleted, renamed files and modes).
 *
 * Edge cases:
 * - `a/` and `b/` prefixes are stripped when both headers carry them (git style); plain
 *   `--- x.ts` / `+++ x.ts` headers are used as they are.
 * - Hunks must match exactly (no fuzz): a patch written against another commit is refused with
 *   {@link PatchDoesNotApplyError}, never applied somewhere else.
 * - Creating a file that exists, or changing one that does not, does not apply.
 * - Binary patches, symlink or submodule targets, absolute paths, `..` and paths inside `.git/`
 *   are refused with {@link UnsupportedPatchError}.
 * - Several sections for the same file apply in order.
 */
import { applyPatch, parsePatch, type StructuredPatch } from "diff";
import { PatchDoesNotApplyError, UnsupportedPatchError } from "../errors.ts";
import type { FileChange } from "./git-commit.ts";
import type { CommitFiles } from "./git-files.ts";

const DEV_NULL = "/dev/null";

export interface FilePatch {
  oldPath: string | null;
  newPath: string | null;
  patch: StructuredPatch;
}

function stripPrefix(name: string | undefined, prefix: "a/" | "b/", git: boolean): string | null {
  if (name === undefined || name === "" ) return null;
  const n = name.replace(/\t.*$/, "");
  if (n === DEV_NULL) return null;
  return git && n.startsWith(prefix) ? n.slice(2) : n;
}

function checkPath(path: string): string {
  if (path.startsWith("/") || path.split("/").some((s) => s === ".." || s === "" || s === ".") || /^\.git(\/|$)/.test(path)) {
    throw new UnsupportedPatchError(`the path "${path}" is outside the repository`);
  }
  return path;
}

/** Parses a unified diff into per-file patches; throws {@link UnsupportedPatchError} when it has none. */
export function parseFilePatches(text: string): FilePatch[] {
  let parsed: StructuredPatch[];
  try {
    parsed = parsePatch(text);
  } catch (error) {
    throw new UnsupportedPatchError(`it is not a unified diff (${(error as Error).message})`);
  }
  const files: FilePatch[] = [];
  for (const patch of parsed) {
    if (patch.isBinary) throw new UnsupportedPatchError("it contains a binary change");
    const git = Boolean(patch.isGit) || ((patch.oldFileName ?? "").startsWith("a/") && (patch.newFileName ?? "").startsWith("b/")) ||
      (patch.oldFileName === DEV_NULL && (patch.newFileName ?? "").startsWith("b/")) ||
      (patch.newFileName === DEV_NULL && (patch.oldFileName ?? "").startsWith("a/"));
    const oldPath = patch.isCreate ? null : stripPrefix(patch.oldFileName, "a/", git);
    const newPath = patch.isDelete ? null : stripPrefix(patch.newFileName, "b/", git);
    if (oldPath === null && newPath === null) {
      if (patch.hunks.length === 0) continue;
      throw new UnsupportedPatchError("a section has no file names (--- / +++ headers are required)");
    }
    if (patch.hunks.length === 0 && !patch.isRename && patch.oldMode === patch.newMode) continue;
    files.push({ oldPath: oldPath && checkPath(oldPath), newPath: newPath && checkPath(newPath), patch });
  }
  if (files.length === 0) throw new UnsupportedPatchError("it changes no files");
  return files;
}

/** Lines the patch adds (without the `+`), for secret scanning. */
export function addedLines(files: readonly FilePatch[]): { path: string; line: string }[] {
  const out: { path: string; line: string }[] = [];
  for (const f of files) {
    for (const h of f.patch.hunks) {
      for (const l of h.lines) if (l.startsWith("+")) out.push({ path: f.newPath ?? f.oldPath ?? "", line: l.slice(1) });
    }
  }
  return out;
}

type Mode = NonNullable<FileChange["mode"]>;
function modeOf(mode: string | undefined, fallback: Mode): Mode {
  return mode === "100755" || mode === "120000" || mode === "100644" ? mode : fallback;
}

/**
 * Applies the patches to the files of the base commit and returns the changes to commit.
 * Throws {@link PatchDoesNotApplyError} or {@link UnsupportedPatchError}.
 */
export async function applyFilePatches(base: CommitFiles, files: readonly FilePatch[]): Promise<FileChange[]> {
  /** Current state per path: undefined = not loaded yet, null = absent. */
  const state = new Map<string, { content: string; mode: Mode } | null>();
  const touched = new Set<string>();

  const load = async (path: string): Promise<{ content: string; mode: Mode } | null> => {
    if (state.has(path)) return state.get(path) ?? null;
    const entry = await base.entry(path);
    if (entry && entry.type !== "blob") throw new UnsupportedPatchError(`${path} is a ${entry.type === "commit" ? "submodule" : "directory"}`);
    if (entry?.mode === "120000") throw new UnsupportedPatchError(`${path} is a symbolic link`);
    const file = entry ? await base.read(path) : null;
    if (file?.binary) throw new UnsupportedPatchError(`${path} is a binary file`);
    const value = file ? { content: file.content, mode: modeOf(file.mode, "100644") } : null;
    state.set(path, value);
    return value;
  };

  for (const f of files) {
    const source = f.oldPath === null ? null : await load(f.oldPath);
    const label = f.newPath ?? f.oldPath ?? "?";
    if (f.oldPath === null) {
      if (f.newPath !== null && (await load(f.newPath)) !== null) throw new PatchDoesNotApplyError(f.newPath, "the file to create already exists");
    } else if (source === null) {
      throw new PatchDoesNotApplyError(f.oldPath, "the file does not exist at the base commit");
    }
    const result = f.patch.hunks.length ? applyPatch(source?.content ?? "", f.patch) : (source?.content ?? "");
    if (result === false) throw new PatchDoesNotApplyError(label, "a hunk's context or removed lines do not match the file");
    if (f.oldPath !== null && f.oldPath !== f.newPath) {
      state.set(f.oldPath, null);
      touched.add(f.oldPath);
    }
    if (f.newPath !== null) {
      if (f.newPath !== f.oldPath && f.oldPath !== null && (await load(f.newPath)) !== null) {
        throw new PatchDoesNotApplyError(f.newPath, "the rename target already exists");
      }
      state.set(f.newPath, { content: result, mode: modeOf(f.patch.newMode, source?.mode ?? "100644") });
      touched.add(f.newPath);
    }
  }
  return [...touched].map((path) => {
    const value = state.get(path) ?? null;
    return value === null ? { path, content: null } : { path, content: value.content, mode: value.mode };
  });
}
