import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  SandboxUnavailableError,
  ToolError,
  findAllowlistEntry,
  parseAllowlistEntry,
  parseCommandLine,
  runSandboxed
} from "./chunk-UMV3I5YR.js";
import {
  revealHidden
} from "./chunk-PWS6XHMS.js";
import {
  QuorumError,
  TOOL_NAMES,
  UNAVAILABLE_TOOLS,
  errorMessage,
  require__
} from "./chunk-TWYYX7QD.js";
import {
  __toESM
} from "./chunk-4VCDWV26.js";

// src/agents/tools/index.ts
import { realpathSync, statSync } from "node:fs";
import path8 from "node:path";

// src/agents/tools/define-tool.ts
var import__ = __toESM(require__(), 1);
var ajv = new import__.Ajv2020({ allErrors: true, strict: true, validateSchema: false });
var validators = /* @__PURE__ */ new Map();
function validatorFor(spec) {
  let validate = validators.get(spec.name);
  if (!validate) {
    validate = ajv.compile(spec.inputSchema);
    validators.set(spec.name, validate);
  }
  return validate;
}
function describeValidationErrors(errors) {
  if (!errors || errors.length === 0) return "input does not match the schema";
  return errors.map((error) => {
    const where = error.instancePath === "" ? "input" : error.instancePath;
    const extra = error.keyword === "additionalProperties" && "additionalProperty" in error.params ? ` (unexpected property "${String(error.params.additionalProperty)}")` : "";
    return `${where} ${error.message ?? "is invalid"}${extra}`;
  }).join("; ");
}
function errorResult(message) {
  return { content: message, isError: true };
}
function bindTool(spec, context) {
  const validate = validatorFor(spec);
  return {
    definition: { name: spec.name, description: spec.description, inputSchema: spec.inputSchema },
    async call(input, signal) {
      if (signal.aborted) return errorResult(`${spec.name} was not run: the agent was cancelled.`);
      if (!validate(input)) {
        return errorResult(
          `Invalid input for ${spec.name}: ${describeValidationErrors(validate.errors)}. Check the tool's input schema and call it again.`
        );
      }
      try {
        const result = await spec.execute(input, context, signal);
        return typeof result === "string" ? { content: result, isError: false } : result;
      } catch (error) {
        if (error instanceof ToolError) return errorResult(error.message);
        const message = errorMessage(error);
        return errorResult(`${spec.name} failed unexpectedly: ${message}`);
      }
    }
  };
}

// src/agents/tools/edit.ts
import { readFile, writeFile } from "node:fs/promises";

// src/agents/tools/path-guard.ts
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";

// src/agents/tools/secret-files.ts
var SECRET_FILE_NAME = /^(\.env(\..*)?|.*\.env|\.envrc|\.npmrc|\.yarnrc\.yml|\.pypirc|\.netrc|_netrc|\.git-credentials)$/i;
function isSecretFileName(name) {
  return SECRET_FILE_NAME.test(name);
}
var SECRET_FILE_EXCLUDES = [
  "**/.env",
  "**/.env.*",
  "**/*.env",
  "**/.envrc",
  "**/.npmrc",
  "**/.yarnrc.yml",
  "**/.pypirc",
  "**/.netrc",
  "**/_netrc",
  "**/.git-credentials"
].map((glob2) => `:(exclude,glob,icase)${glob2}`);
function secretFileRefusal(shown) {
  return `Refused "${shown}": dotenv and credential files (.env, .env.*, *.env, .envrc, .npmrc, .yarnrc.yml, .pypirc, .netrc, .git-credentials) can hold secrets, so tools do not open them.`;
}

// src/agents/tools/path-guard.ts
var FORBIDDEN_PREFIXES = ["/proc", "/sys", "/dev"];
var GIT_DIR_NAME = ".git";
var PathRefusedError = class extends ToolError {
  name = "PathRefusedError";
  constructor(message) {
    super(message, "path_refused");
  }
};
function isInside(child, parent) {
  const relative = path.relative(parent, child);
  return relative === "" || !relative.startsWith("..") && !path.isAbsolute(relative);
}
function isDotenvName(name) {
  return isSecretFileName(name);
}
function isForbiddenSystemPath(absolute) {
  return FORBIDDEN_PREFIXES.some((prefix) => absolute === prefix || absolute.startsWith(prefix + "/"));
}
function toRelative(realRoot, absolute) {
  const relative = path.relative(realRoot, absolute);
  return relative === "" ? "." : relative.split(path.sep).join("/");
}
function hasErrorCode(error, ...codes) {
  return error instanceof Error && "code" in error && codes.includes(String(error.code));
}
async function resolveReal(lexical, shown) {
  const missing = [];
  let current = lexical;
  for (; ; ) {
    try {
      const real = await realpath(current);
      return { real: path.join(real, ...missing.reverse()), exists: missing.length === 0 };
    } catch (error) {
      if (hasErrorCode(error, "ELOOP")) {
        throw new PathRefusedError(`Refused "${shown}": it goes through a symbolic link loop.`);
      }
      if (!hasErrorCode(error, "ENOENT", "ENOTDIR")) throw error;
      const entry = await lstat(current).catch(() => void 0);
      if (entry?.isSymbolicLink()) {
        throw new PathRefusedError(
          `Refused "${shown}": it goes through a symbolic link whose target does not exist.`
        );
      }
      const parent = path.dirname(current);
      if (parent === current) throw error;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}
function checkNames(relative, shown, purpose) {
  const segments = relative.split("/");
  if (segments.includes(GIT_DIR_NAME)) {
    throw new PathRefusedError(
      `Refused "${shown}": .git holds git's internal data (and can hold credentials), so tools do not touch it. Use the run tool's read-only git commands (git log, git show, git diff) instead.`
    );
  }
  const name = segments[segments.length - 1] ?? "";
  if (purpose !== "list" && isDotenvName(name)) throw new PathRefusedError(secretFileRefusal(shown));
}
async function guardPath(roots, input, purpose) {
  const shown = input;
  if (input.includes("\0")) throw new PathRefusedError(`Refused the path: it contains a NUL character.`);
  const lexical = path.isAbsolute(input) ? path.resolve(input) : path.resolve(roots.root, input || ".");
  if (isForbiddenSystemPath(lexical)) {
    throw new PathRefusedError(`Refused "${shown}": /proc, /sys and /dev are off limits to agent tools.`);
  }
  if (!isInside(lexical, roots.root) && !isInside(lexical, roots.realRoot)) {
    const how = path.isAbsolute(input) ? "it is an absolute path outside the checkout" : "it escapes the checkout with '..'";
    throw new PathRefusedError(
      `Refused "${shown}": ${how}. Tools see only the repository; use a path relative to its root, e.g. "src/index.ts".`
    );
  }
  checkNames(toRelative(roots.root, lexical), shown, purpose);
  const { real, exists: exists2 } = await resolveReal(lexical, shown);
  if (isForbiddenSystemPath(real)) {
    throw new PathRefusedError(`Refused "${shown}": it leads into /proc, /sys or /dev, which are off limits.`);
  }
  if (!isInside(real, roots.realRoot)) {
    throw new PathRefusedError(
      `Refused "${shown}": it goes through a symbolic link that leads outside the checkout. Tools see only the repository.`
    );
  }
  const relative = toRelative(roots.realRoot, real);
  checkNames(relative, shown, purpose);
  return { absolute: real, relative, exists: exists2 };
}

// src/agents/tools/text.ts
var BINARY_SNIFF_BYTES = 8e3;
function looksBinary(buffer) {
  return buffer.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1;
}
function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
}
function clipLine(line, maxChars) {
  if (line.length <= maxChars) return line;
  return `${line.slice(0, maxChars)}\u2026 [${line.length - maxChars} more characters]`;
}
function splitLines(text) {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => line.endsWith("\r") ? line.slice(0, -1) : line);
}
function plural(count, noun, pluralNoun = `${noun}s`) {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : pluralNoun}`;
}

// src/agents/tools/edit.ts
var MAX_LISTED_MATCHES = 10;
var inputSchema = {
  type: "object",
  properties: {
    path: { type: "string", minLength: 1, description: "File to change, relative to the repository root." },
    oldText: { type: "string", minLength: 1, description: "Exact text to replace (without read's line numbers); must occur exactly once." },
    newText: { type: "string", description: "Replacement text (may be empty to delete)." }
  },
  required: ["path", "oldText", "newText"],
  additionalProperties: false
};
function lineOf(text, offset) {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) line += 1;
  return line;
}
function findOccurrences(text, needle) {
  const found = [];
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length)) found.push(index);
  return found;
}
function noMatchHint(content, oldText) {
  if (content.includes("\r\n") && !oldText.includes("\r\n") && oldText.includes("\n")) {
    return " The file uses CRLF line endings; use \\r\\n in oldText.";
  }
  if (/^\s*\d+\t/m.test(oldText)) return " oldText seems to include read's line-number prefixes; leave them out.";
  return "";
}
var editTool = {
  name: "edit",
  description: "Replace one exact occurrence of oldText with newText in an existing file of your worktree. oldText must match the file exactly (whitespace and indentation included, without read's line numbers) and occur exactly once; include surrounding lines to make it unique. To create a file, use write.",
  inputSchema,
  async execute(input, context) {
    if (input.oldText === input.newText) throw new ToolError("oldText and newText are the same; there is nothing to change.");
    const target = await guardPath(context, input.path, "write");
    if (!target.exists) throw new ToolError(`No file at "${target.relative}". Use write to create a new file.`);
    const buffer = await readFile(target.absolute).catch((error) => {
      if (error instanceof Error && "code" in error && error.code === "EISDIR") {
        throw new ToolError(`"${target.relative}" is a directory; edit changes files.`);
      }
      throw error;
    });
    if (looksBinary(buffer)) throw new ToolError(`"${target.relative}" is a binary file; edit changes text files only.`);
    const content = buffer.toString("utf8");
    const occurrences = findOccurrences(content, input.oldText);
    if (occurrences.length === 0) {
      throw new ToolError(
        `oldText was not found in "${target.relative}". Read the file again and copy the exact text.${noMatchHint(content, input.oldText)}`
      );
    }
    if (occurrences.length > 1) {
      const lines = occurrences.slice(0, MAX_LISTED_MATCHES).map((offset2) => lineOf(content, offset2));
      const more = occurrences.length > MAX_LISTED_MATCHES ? ", \u2026" : "";
      throw new ToolError(
        `oldText occurs ${occurrences.length} times in "${target.relative}" (at lines ${lines.join(", ")}${more}); include more surrounding text so it matches exactly one place.`
      );
    }
    const offset = occurrences[0] ?? 0;
    const updated = content.slice(0, offset) + input.newText + content.slice(offset + input.oldText.length);
    await writeFile(target.absolute, updated);
    const firstLine = lineOf(content, offset);
    const lastLine = firstLine + Math.max(0, input.newText.split("\n").length - 1);
    return `Edited ${target.relative}: replaced 1 occurrence; the new text is at lines ${firstLine}\u2013${lastLine}.`;
  }
};

// src/agents/tools/glob.ts
import { glob, realpath as realpath2 } from "node:fs/promises";
import path2 from "node:path";
var MAX_GLOB_RESULTS = 1e3;
var MAX_GLOB_COUNT = 1e5;
var ALWAYS_SKIPPED = ".git";
var SKIPPED_UNLESS_NAMED = "node_modules";
var inputSchema2 = {
  type: "object",
  properties: {
    pattern: { type: "string", minLength: 1, description: 'Glob pattern, e.g. "src/**/*.ts" or "**/package.json".' },
    path: { type: "string", description: "Directory to search from, relative to the repository root. Default: the root." }
  },
  required: ["pattern"],
  additionalProperties: false
};
function codeUnitOrder(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function realParentCheck(realRoot) {
  const known = /* @__PURE__ */ new Map();
  return (parent) => {
    let answer = known.get(parent);
    if (!answer) {
      answer = realpath2(parent).then(
        (real) => isInside(real, realRoot),
        () => false
      );
      known.set(parent, answer);
    }
    return answer;
  };
}
var globTool = {
  name: "glob",
  description: `Find files by glob pattern (*, **, ?, [abc], {a,b}), e.g. "**/*.test.ts". Results are paths relative to the repository root, sorted; directories end with '/'. Shows up to ${MAX_GLOB_RESULTS} results and says how many more matched. Skips .git, and node_modules unless the pattern names it; names starting with '.' match only when the pattern spells the dot.`,
  inputSchema: inputSchema2,
  async execute(input, context, signal) {
    if (path2.isAbsolute(input.pattern) || input.pattern.split(/[/\\{},]/).includes("..")) {
      throw new ToolError(
        `Refused pattern "${input.pattern}": patterns are relative to the search directory and may not use '..'. Use path to pick a directory.`
      );
    }
    const base = await guardPath(context, input.path ?? ".", "list");
    if (!base.exists) throw new ToolError(`No directory at "${base.relative}". Use list to see what exists.`);
    const skipNodeModules = !input.pattern.includes(SKIPPED_UNLESS_NAMED);
    const exclude = (candidate) => {
      const names = candidate.split(/[/\\]/);
      return names.includes(ALWAYS_SKIPPED) || skipNodeModules && names.includes(SKIPPED_UNLESS_NAMED);
    };
    const insideRoot = realParentCheck(context.realRoot);
    const found = [];
    let countCapped = false;
    for await (const entry of glob(input.pattern, { cwd: base.absolute, withFileTypes: true, exclude: (dirent) => exclude(dirent.name) })) {
      if (signal.aborted) throw new ToolError("glob was cancelled.");
      const absolute = path2.join(entry.parentPath, entry.name);
      if (!isInside(absolute, context.realRoot) || !await insideRoot(entry.parentPath)) continue;
      const relative = path2.relative(context.realRoot, absolute).split(path2.sep).join("/");
      if (relative === "" || exclude(relative)) continue;
      found.push(entry.isDirectory() ? `${relative}/` : relative);
      if (found.length >= MAX_GLOB_COUNT) {
        countCapped = true;
        break;
      }
    }
    if (found.length === 0) return `No matches for "${input.pattern}" in ${base.relative}.`;
    found.sort(codeUnitOrder);
    const shown = found.slice(0, MAX_GLOB_RESULTS);
    const left = found.length - shown.length;
    const revealed = revealHidden(shown.join("\n"));
    const note = revealed.count > 0 ? [`note: ${revealed.count} invisible character(s) in names are shown as \u27E6U+XXXX\u27E7.`] : [];
    if (left === 0) return [revealed.text, ...note].join("\n");
    const more = countCapped ? `at least ${left.toLocaleString("en-US")} more matches` : plural(left, "more match", "more matches");
    return [
      revealed.text,
      `\u2026 ${more} not shown (limit ${MAX_GLOB_RESULTS}, ${countCapped ? "at least " : ""}${plural(found.length, "match", "matches")} in all); narrow the pattern or path.`,
      ...note
    ].join("\n");
  }
};

// src/agents/tools/grep.ts
import { stat as stat2 } from "node:fs/promises";
import path4 from "node:path";

// src/agents/tools/read-small-file.ts
import { close, fstat, open, read } from "node:fs";
function readSmallFile(absolute, maxBytes) {
  return new Promise((resolve) => {
    open(absolute, "r", (openError, fd) => {
      if (openError) return resolve({ kind: "error", code: openError.code ?? "EIO" });
      const finish = (result) => close(fd, () => resolve(result));
      fstat(fd, (statError, stats) => {
        if (statError) return finish({ kind: "error", code: statError.code ?? "EIO" });
        if (!stats.isFile()) return finish({ kind: "error", code: "ENOTFILE" });
        if (stats.size > maxBytes) return finish({ kind: "large", size: stats.size });
        const buffer = Buffer.allocUnsafe(stats.size + 1);
        read(fd, buffer, 0, buffer.length, 0, (readError, bytesRead) => {
          if (readError) return finish({ kind: "error", code: readError.code ?? "EIO" });
          if (bytesRead > maxBytes) return finish({ kind: "large", size: bytesRead });
          finish({ kind: "ok", buffer: buffer.subarray(0, bytesRead) });
        });
      });
    });
  });
}

// src/agents/tools/grep-search.ts
var FILE_CONCURRENCY = 32;
async function searchFile(absolute, regex, maxFileBytes, limit) {
  const file = await readSmallFile(absolute, maxFileBytes);
  if (file.kind === "large") return { kind: "large" };
  if (file.kind === "error") return { kind: "unreadable" };
  if (looksBinary(file.buffer)) return { kind: "binary" };
  return { kind: "searched", matches: await regex.match(file.buffer.toString("utf8"), limit) };
}
async function searchInOrder(files, regex, options) {
  const outcomes = new Array(files.length);
  let nextIndex = 0;
  let settledPrefix = 0;
  let prefixMatches = 0;
  const worker = async () => {
    while (prefixMatches <= options.maxResults && !options.signal.aborted && nextIndex < files.length) {
      const index = nextIndex++;
      outcomes[index] = await searchFile(files[index] ?? "", regex, options.maxFileBytes, options.maxResults + 1);
      for (let outcome = outcomes[settledPrefix]; outcome !== void 0; outcome = outcomes[settledPrefix]) {
        if (outcome.kind === "searched") prefixMatches += outcome.matches.length;
        settledPrefix += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILE_CONCURRENCY, files.length) }, worker));
  return outcomes;
}
function summarize(files, outcomes, maxResults) {
  const summary = { shown: [], found: 0, searched: 0, binary: 0, large: 0, unreadable: 0, notSearched: 0 };
  let consumed = 0;
  for (; consumed < files.length && summary.found <= maxResults; consumed += 1) {
    const outcome = outcomes[consumed];
    if (outcome === void 0) break;
    if (outcome.kind !== "searched") {
      summary[outcome.kind] += 1;
      continue;
    }
    summary.searched += 1;
    for (const match of outcome.matches) {
      summary.found += 1;
      if (summary.shown.length < maxResults) summary.shown.push({ file: files[consumed] ?? "", match });
    }
  }
  summary.notSearched = files.length - consumed;
  return summary;
}
async function searchFiles(files, regex, options) {
  const outcomes = await searchInOrder(files, regex, options);
  return summarize(files, outcomes, options.maxResults);
}

// src/agents/tools/regex-worker.ts
import { Worker } from "node:worker_threads";
var DEFAULT_REGEX_DEADLINE_MS = 1e4;
var RegexTimeoutError = class extends ToolError {
  name = "RegexTimeoutError";
  constructor(message) {
    super(message, "regex_timeout");
  }
};
var WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const regex = new RegExp(workerData.source, workerData.flags);
parentPort.on("message", ({ id, text, limit }) => {
  const matches = [];
  if (regex.test(text)) {
    const lines = text === "" ? [] : text.split("\\n");
    if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    for (let index = 0; index < lines.length && matches.length < limit; index += 1) {
      let line = lines[index];
      if (line.endsWith("\\r")) line = line.slice(0, -1);
      if (regex.test(line)) matches.push({ line: index + 1, text: line });
    }
  }
  parentPort.postMessage({ id, matches });
});
`;
var RegexMatcher = class {
  worker;
  pending = /* @__PURE__ */ new Map();
  nextId = 0;
  failure;
  timer;
  onAbort = () => this.fail(new ToolError("grep was cancelled."));
  signal;
  constructor(regex, deadlineMs = DEFAULT_REGEX_DEADLINE_MS, signal) {
    this.signal = signal;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { source: regex.source, flags: regex.flags } });
    this.worker.unref();
    this.worker.on("message", ({ id, matches }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      waiting?.resolve(matches);
    });
    this.worker.on("error", (error) => this.fail(error));
    this.timer = setTimeout(
      () => this.fail(
        new RegexTimeoutError(
          `The regular expression /${regex.source}/ was stopped after ${deadlineMs / 1e3} s of matching: it backtracks too much (nested quantifiers such as (a+)+ or (.*)*). Simplify it, or search for a literal part of what you need.`
        )
      ),
      deadlineMs
    );
    this.timer.unref();
    signal?.addEventListener("abort", this.onAbort, { once: true });
  }
  /** The lines of `text` matching the regex, at most `limit`. */
  match(text, limit) {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, text, limit });
    });
  }
  fail(error) {
    if (this.failure) return;
    this.failure = error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    void this.close();
  }
  /** Stops the worker (idempotent). */
  async close() {
    clearTimeout(this.timer);
    this.signal?.removeEventListener("abort", this.onAbort);
    await this.worker.terminate();
  }
};

// src/agents/tools/walk.ts
import { readdir, realpath as realpath3, stat } from "node:fs/promises";
import path3 from "node:path";
var DIRECTORY_CONCURRENCY = 16;
async function followFileLink(absolute, realRoot) {
  try {
    const real = await realpath3(absolute);
    if (!isInside(real, realRoot) || isDotenvName(path3.basename(real))) return void 0;
    return (await stat(real)).isFile() ? real : void 0;
  } catch {
    return void 0;
  }
}
function createLimiter(limit) {
  let active = 0;
  const waiting = [];
  return async (job) => {
    if (active >= limit) await new Promise((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await job();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}
async function walkFiles(start, options) {
  const files = [];
  const limit = createLimiter(DIRECTORY_CONCURRENCY);
  let truncated = false;
  async function visit(directory) {
    if (options.signal.aborted || files.length >= options.maxFiles) {
      truncated ||= files.length >= options.maxFiles;
      return;
    }
    const entries = await limit(() => readdir(directory, { withFileTypes: true })).catch(() => []);
    const children = [];
    for (const entry of entries) {
      const absolute = path3.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!options.skipDirectories.has(entry.name)) children.push(visit(absolute));
      } else if (entry.isFile()) {
        if (entry.name !== ".git" && !isDotenvName(entry.name)) files.push(absolute);
      } else if (entry.isSymbolicLink()) {
        const real = await followFileLink(absolute, options.realRoot);
        if (real !== void 0) files.push(real);
      }
    }
    await Promise.all(children);
  }
  await visit(start);
  if (files.length > options.maxFiles) {
    truncated = true;
    files.length = options.maxFiles;
  }
  const unique = [...new Set(files)].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  return { files: unique, truncated };
}

// src/agents/tools/grep.ts
var DEFAULT_GREP_RESULTS = 200;
var MAX_GREP_RESULTS = 2e3;
var MAX_GREP_FILE_BYTES = 1024 * 1024;
var MAX_GREP_FILES = 2e5;
var MAX_MATCH_LINE_CHARS = 300;
var SKIPPED_DIRECTORIES = /* @__PURE__ */ new Set([".git", "node_modules", ".hg", ".svn"]);
var inputSchema3 = {
  type: "object",
  properties: {
    pattern: { type: "string", minLength: 1, maxLength: 2e3, description: "JavaScript regular expression, matched per line." },
    path: { type: "string", description: "File or directory to search, relative to the repository root. Default: the root." },
    glob: {
      type: "string",
      description: 'Only files matching this glob, e.g. "*.ts" (no slash: matches the file name) or "src/**/*.ts" (relative to path).'
    },
    ignoreCase: { type: "boolean", description: "Case-insensitive match. Default false." },
    maxResults: {
      type: "integer",
      minimum: 1,
      maximum: MAX_GREP_RESULTS,
      description: `Stop after this many matching lines. Default ${DEFAULT_GREP_RESULTS}.`
    }
  },
  required: ["pattern"],
  additionalProperties: false
};
function compilePattern(pattern, ignoreCase) {
  try {
    return new RegExp(pattern, ignoreCase ? "mi" : "m");
  } catch (error) {
    const reason = errorMessage(error);
    throw new ToolError(`Invalid regular expression: ${reason}. Use JavaScript regex syntax; escape ( ) [ ] { } . * + ? | \\ to match them literally.`);
  }
}
function globFilter(glob2, base) {
  if (glob2 === void 0 || glob2 === "") return () => true;
  const byName = !glob2.includes("/");
  return (absolute) => {
    const candidate = byName ? path4.basename(absolute) : path4.relative(base, absolute).split(path4.sep).join("/");
    return path4.matchesGlob(candidate, glob2);
  };
}
async function listCandidates(input, context, signal) {
  const base = await guardPath(context, input.path ?? ".", "list");
  const info = await stat2(base.absolute).catch(() => void 0);
  if (!info) throw new ToolError(`No file or directory at "${base.relative}". Use list or glob to find the right path.`);
  if (info.isFile()) {
    if (isDotenvName(path4.basename(base.absolute))) {
      throw new ToolError(secretFileRefusal(base.relative));
    }
    return { files: [base.absolute], listingTruncated: false, shownBase: base.relative };
  }
  const walked = await walkFiles(base.absolute, {
    realRoot: context.realRoot,
    skipDirectories: SKIPPED_DIRECTORIES,
    maxFiles: MAX_GREP_FILES,
    signal
  });
  const keep = globFilter(input.glob, base.absolute);
  return { files: walked.files.filter(keep), listingTruncated: walked.truncated, shownBase: base.relative };
}
function describeCuts(summary, fileCount, maxResults, listingTruncated) {
  const notes = [];
  const hidden = summary.found - summary.shown.length;
  if (hidden > 0 || summary.notSearched > 0) {
    const matches = hidden > 0 ? `at least ${plural(hidden, "more match", "more matches")} not shown` : "more matches may exist";
    const files = summary.notSearched > 0 ? `, and ${plural(summary.notSearched, "file")} of ${fileCount.toLocaleString("en-US")} were not searched` : "";
    notes.push(`\u2026 stopped at maxResults=${maxResults}: ${matches}${files}. Narrow the pattern, path or glob, or raise maxResults (up to ${MAX_GREP_RESULTS}).`);
  }
  const skipped = [];
  if (summary.binary > 0) skipped.push(plural(summary.binary, "binary file"));
  if (summary.large > 0) skipped.push(`${plural(summary.large, "file")} over ${formatBytes(MAX_GREP_FILE_BYTES)}`);
  if (summary.unreadable > 0) skipped.push(plural(summary.unreadable, "unreadable file"));
  if (skipped.length > 0) notes.push(`(skipped ${skipped.join(", ")})`);
  if (listingTruncated) {
    notes.push(`\u2026 listing stopped at ${MAX_GREP_FILES.toLocaleString("en-US")} files; files after those were not searched. Narrow path or glob.`);
  }
  return notes;
}
var grepTool = {
  name: "grep",
  description: `Search file contents with a JavaScript regular expression, line by line. Output: one 'path:line: text' per matching line, in path order, at most maxResults (default ${DEFAULT_GREP_RESULTS}, up to ${MAX_GREP_RESULTS}); it says when it stopped early and how many files were not searched. Skips .git, node_modules, binary files, files over ${formatBytes(MAX_GREP_FILE_BYTES)} and dotenv files. Narrow with path and glob (e.g. glob "*.py").`,
  inputSchema: inputSchema3,
  async execute(input, context, signal) {
    const regex = compilePattern(input.pattern, input.ignoreCase ?? false);
    const maxResults = input.maxResults ?? DEFAULT_GREP_RESULTS;
    const { files, listingTruncated, shownBase } = await listCandidates(input, context, signal);
    const matcher = new RegexMatcher(regex, DEFAULT_REGEX_DEADLINE_MS, signal);
    let summary;
    try {
      summary = await searchFiles(files, matcher, { maxResults, maxFileBytes: MAX_GREP_FILE_BYTES, signal });
    } finally {
      await matcher.close();
    }
    if (signal.aborted) throw new ToolError("grep was cancelled.");
    const notes = describeCuts(summary, files.length, maxResults, listingTruncated);
    if (summary.shown.length === 0) {
      return [`No matches for /${input.pattern}/ in ${plural(summary.searched, "file")} under ${shownBase}.`, ...notes].join("\n");
    }
    const lines = summary.shown.map(({ file, match }) => {
      const shownPath = path4.relative(context.realRoot, file).split(path4.sep).join("/");
      return `${shownPath}:${match.line}: ${clipLine(match.text, MAX_MATCH_LINE_CHARS)}`;
    });
    const revealed = revealHidden(lines.join("\n"));
    if (revealed.count > 0) notes.push(`note: ${revealed.count} invisible character(s) are shown as \u27E6U+XXXX\u27E7.`);
    return [revealed.text, ...notes].join("\n");
  }
};

// src/agents/tools/list.ts
import { readdir as readdir2, readlink } from "node:fs/promises";
import path5 from "node:path";
var MAX_LIST_ENTRIES = 1e3;
var HIDDEN_ENTRIES = /* @__PURE__ */ new Set([".git"]);
var inputSchema4 = {
  type: "object",
  properties: {
    path: { type: "string", description: "Directory relative to the repository root. Default: the root." }
  },
  additionalProperties: false
};
function codeUnitOrder2(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
var listTool = {
  name: "list",
  description: `List one directory of the repository (not recursive): directories end with '/', symbolic links show 'name -> target'. Shows up to ${MAX_LIST_ENTRIES} entries and says how many were left out. Use glob to find files by pattern across directories.`,
  inputSchema: inputSchema4,
  async execute(input, context) {
    const target = await guardPath(context, input.path ?? ".", "list");
    const entries = await readdir2(target.absolute, { withFileTypes: true }).catch((error) => {
      const code = error instanceof Error && "code" in error ? String(error.code) : "";
      if (code === "ENOTDIR") throw new ToolError(`"${target.relative}" is a file, not a directory; use read to see it.`);
      if (code === "ENOENT") throw new ToolError(`No directory at "${target.relative}". Use glob to find the right path.`);
      throw error;
    });
    const visible = entries.filter((entry) => !HIDDEN_ENTRIES.has(entry.name)).sort((a, b) => codeUnitOrder2(a.name, b.name));
    if (visible.length === 0) return `(${target.relative} is empty)`;
    const shown = visible.slice(0, MAX_LIST_ENTRIES);
    const lines = await Promise.all(
      shown.map(async (entry) => {
        if (entry.isDirectory()) return `${entry.name}/`;
        if (entry.isSymbolicLink()) {
          const linkTarget = await readlink(path5.join(target.absolute, entry.name)).catch(() => "?");
          return `${entry.name} -> ${linkTarget}`;
        }
        return entry.name;
      })
    );
    const header = `${target.relative}/ (${plural(visible.length, "entry", "entries")})`;
    const left = visible.length - shown.length;
    const footer = left > 0 ? [`\u2026 ${plural(left, "more entry", "more entries")} not shown (limit ${MAX_LIST_ENTRIES}); use glob with a pattern to narrow.`] : [];
    const revealed = revealHidden(lines.join("\n"));
    const note = revealed.count > 0 ? [`note: ${revealed.count} invisible character(s) in names are shown as \u27E6U+XXXX\u27E7.`] : [];
    return [header, revealed.text, ...footer, ...note].join("\n");
  }
};

// src/agents/tools/read.ts
import { open as open2 } from "node:fs/promises";
var MAX_READ_LINES = 2e3;
var MAX_READ_BYTES = 256 * 1024;
var MAX_LINE_CHARS = 2e3;
var MAX_FILE_BYTES = 16 * 1024 * 1024;
var inputSchema5 = {
  type: "object",
  properties: {
    path: { type: "string", minLength: 1, description: "File path relative to the repository root." },
    startLine: { type: "integer", minimum: 1, description: "First line to show (1-based). Default 1." },
    endLine: { type: "integer", minimum: 1, description: "Last line to show (inclusive). Default: end of file." }
  },
  required: ["path"],
  additionalProperties: false
};
async function readFileChecked(absolute, shown) {
  const handle = await open2(absolute, "r").catch((error) => {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") {
      throw new ToolError(`No file at "${shown}". Use list or glob to find the right path.`);
    }
    throw error;
  });
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new ToolError(`"${shown}" is a directory; use list to see what it contains.`);
    if (stats.size > MAX_FILE_BYTES) {
      throw new ToolError(
        `"${shown}" is ${formatBytes(stats.size)}, over the ${formatBytes(MAX_FILE_BYTES)} read limit. Use grep to find the lines you need.`
      );
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
function renderLines(lines, first, last) {
  const width = String(last).length;
  const out = [];
  let bytes = 0;
  let shownLast = first - 1;
  for (let lineNumber = first; lineNumber <= last && lineNumber - first < MAX_READ_LINES; lineNumber += 1) {
    const rendered = `${String(lineNumber).padStart(width)}	${clipLine(lines[lineNumber - 1] ?? "", MAX_LINE_CHARS)}`;
    bytes += Buffer.byteLength(rendered) + 1;
    if (bytes > MAX_READ_BYTES && out.length > 0) break;
    out.push(rendered);
    shownLast = lineNumber;
  }
  return { text: out.join("\n"), shownLast };
}
var readTool = {
  name: "read",
  description: `Read a text file of the repository, with line numbers (number, tab, text). Shows up to ${MAX_READ_LINES} lines or ${formatBytes(MAX_READ_BYTES)} per call; when the output is cut it says so and gives the startLine to continue from. Use startLine/endLine to read a part of a large file. Paths are relative to the repository root. Binary files, .git internals and dotenv files cannot be read. Invisible Unicode characters are shown as \u27E6U+XXXX\u27E7.`,
  inputSchema: inputSchema5,
  async execute(input, context) {
    const target = await guardPath(context, input.path, "read");
    const buffer = await readFileChecked(target.absolute, target.relative);
    if (looksBinary(buffer)) {
      throw new ToolError(`"${target.relative}" is a binary file (${formatBytes(buffer.length)}); read shows text files only.`);
    }
    const lines = splitLines(buffer.toString("utf8").replace(/^\uFEFF/, ""));
    if (lines.length === 0) return `(${target.relative} is empty)`;
    const first = input.startLine ?? 1;
    const requestedLast = Math.min(input.endLine ?? lines.length, lines.length);
    if (first > lines.length) {
      throw new ToolError(`"${target.relative}" has ${lines.length} lines; startLine=${first} is past the end.`);
    }
    if (requestedLast < first) {
      throw new ToolError(`endLine (${input.endLine}) is before startLine (${first}); ask for a range with endLine >= startLine.`);
    }
    const { text, shownLast } = renderLines(lines, first, requestedLast);
    const revealed = revealHidden(text);
    const notes = [];
    if (shownLast < requestedLast) {
      const cause = shownLast - first + 1 >= MAX_READ_LINES ? "" : ` at ${formatBytes(MAX_READ_BYTES)}`;
      notes.push(
        `\u2026 truncated${cause}: showing lines ${first}\u2013${shownLast} of ${lines.length}; ask for startLine=${shownLast + 1} to continue.`
      );
    } else if (first > 1 || shownLast < lines.length) {
      notes.push(`(showing lines ${first}\u2013${shownLast} of ${lines.length})`);
    }
    if (revealed.count > 0) {
      notes.push(`note: ${revealed.count} invisible character(s) are shown as \u27E6U+XXXX\u27E7; they are not visible in editors or on GitHub.`);
    }
    return [revealed.text, ...notes].join("\n");
  }
};

// src/agents/tools/command-check.ts
import { stat as stat3 } from "node:fs/promises";
import path6 from "node:path";

// src/agents/tools/git-options.ts
var DIFF_OPTIONS = {
  "-p": "flag",
  "--patch": "flag",
  "-s": "flag",
  "--no-patch": "flag",
  "--raw": "flag",
  "--stat": "optional",
  "--compact-summary": "flag",
  "--numstat": "flag",
  "--shortstat": "flag",
  "--dirstat": "optional",
  "--summary": "flag",
  "--patch-with-stat": "flag",
  "--patch-with-raw": "flag",
  "--name-only": "flag",
  "--name-status": "flag",
  "--submodule": "optional",
  "--no-color": "flag",
  "--word-diff": "optional",
  "--color-words": "flag",
  "--no-renames": "flag",
  "--find-renames": "optional",
  "-M": "attached",
  "--find-copies": "optional",
  "-C": "attached",
  "--diff-filter": "value",
  "--minimal": "flag",
  "--patience": "flag",
  "--histogram": "flag",
  "--diff-algorithm": "value",
  "-U": "attached",
  "--unified": "value",
  "--function-context": "flag",
  "-W": "flag",
  "-w": "flag",
  "--ignore-all-space": "flag",
  "-b": "flag",
  "--ignore-space-change": "flag",
  "--ignore-space-at-eol": "flag",
  "--ignore-blank-lines": "flag",
  "--ignore-cr-at-eol": "flag",
  "--full-index": "flag",
  "--abbrev": "optional",
  "--no-ext-diff": "flag",
  "--no-textconv": "flag",
  "--ignore-submodules": "optional",
  "--no-prefix": "flag",
  "--relative": "optional",
  "--no-relative": "flag",
  "-R": "flag",
  "-S": "attached",
  "-G": "attached",
  "--pickaxe-all": "flag",
  "--pickaxe-regex": "flag",
  "-z": "flag",
  "--exit-code": "flag",
  "--quiet": "flag"
};
var LOG_OPTIONS = {
  "--oneline": "flag",
  "--format": "value",
  "--pretty": "optional",
  "--abbrev-commit": "flag",
  "--no-abbrev-commit": "flag",
  "--decorate": "optional",
  "--no-decorate": "flag",
  "--date": "value",
  "--relative-date": "flag",
  "--parents": "flag",
  "--children": "flag",
  "--graph": "flag",
  "--first-parent": "flag",
  "--merges": "flag",
  "--no-merges": "flag",
  "--notes": "flag",
  "--no-notes": "flag",
  "-m": "flag",
  "--cc": "flag",
  "--combined-all-paths": "flag"
};
var LOG_ONLY = {
  "-n": "next",
  "--max-count": "value",
  "--skip": "value",
  "--since": "value",
  "--after": "value",
  "--until": "value",
  "--before": "value",
  "--author": "value",
  "--committer": "value",
  "--grep": "value",
  "--all-match": "flag",
  "--invert-grep": "flag",
  "-i": "flag",
  "--regexp-ignore-case": "flag",
  "-E": "flag",
  "--extended-regexp": "flag",
  "-F": "flag",
  "--fixed-strings": "flag",
  "--all": "flag",
  "--branches": "optional",
  "--tags": "optional",
  "--remotes": "optional",
  "--follow": "flag",
  "--reverse": "flag",
  "--topo-order": "flag",
  "--date-order": "flag",
  "--author-date-order": "flag",
  "--left-right": "flag",
  "--cherry-pick": "flag",
  "--boundary": "flag",
  "--ancestry-path": "flag",
  "--simplify-by-decoration": "flag",
  "--full-history": "flag"
};
var DIFF_ONLY = {
  "--cached": "flag",
  "--staged": "flag",
  "--merge-base": "flag",
  "--check": "flag"
};
var STATUS = {
  "-s": "flag",
  "--short": "flag",
  "-b": "flag",
  "--branch": "flag",
  "--show-stash": "flag",
  "--porcelain": "optional",
  "--long": "flag",
  "-v": "flag",
  "--verbose": "flag",
  "-u": "attached",
  "--untracked-files": "optional",
  "--ignore-submodules": "optional",
  "--ignored": "optional",
  "-z": "flag",
  "--ahead-behind": "flag",
  "--no-ahead-behind": "flag",
  "--renames": "flag",
  "--no-renames": "flag"
};
var LS_FILES = {
  "-c": "flag",
  "--cached": "flag",
  "-d": "flag",
  "--deleted": "flag",
  "-m": "flag",
  "--modified": "flag",
  "-o": "flag",
  "--others": "flag",
  "--directory": "flag",
  "--no-empty-directory": "flag",
  "--exclude-standard": "flag",
  "-s": "flag",
  "--stage": "flag",
  "-u": "flag",
  "--unmerged": "flag",
  "-t": "flag",
  "--full-name": "flag",
  "--error-unmatch": "flag",
  "--eol": "flag",
  "--deduplicate": "flag",
  "--abbrev": "optional",
  "-z": "flag"
};
var GREP = {
  "--cached": "flag",
  "-a": "flag",
  "--text": "flag",
  "-I": "flag",
  "-i": "flag",
  "--ignore-case": "flag",
  "-w": "flag",
  "--word-regexp": "flag",
  "-v": "flag",
  "--invert-match": "flag",
  "-h": "flag",
  "-H": "flag",
  "--full-name": "flag",
  "-E": "flag",
  "--extended-regexp": "flag",
  "-G": "flag",
  "--basic-regexp": "flag",
  "-F": "flag",
  "--fixed-strings": "flag",
  "-n": "flag",
  "--line-number": "flag",
  "--column": "flag",
  "-l": "flag",
  "--files-with-matches": "flag",
  "--name-only": "flag",
  "-L": "flag",
  "--files-without-match": "flag",
  "-c": "flag",
  "--count": "flag",
  "-o": "flag",
  "--only-matching": "flag",
  "-q": "flag",
  "--quiet": "flag",
  "--heading": "flag",
  "--break": "flag",
  "--max-depth": "value",
  "-m": "next",
  "--max-count": "value",
  "-A": "next",
  "--after-context": "value",
  "-B": "next",
  "--before-context": "value",
  "-C": "next",
  "--context": "value",
  "-e": "next",
  "--and": "flag",
  "--or": "flag",
  "--not": "flag",
  "--all-match": "flag",
  "-z": "flag",
  "--null": "flag",
  "--recurse-submodules": "flag"
};
var BLAME = {
  "-L": "next",
  "-l": "flag",
  "-t": "flag",
  "-s": "flag",
  "-e": "flag",
  "--show-email": "flag",
  "-w": "flag",
  "-M": "attached",
  "-C": "attached",
  "-p": "flag",
  "--porcelain": "flag",
  "--line-porcelain": "flag",
  "--incremental": "flag",
  "--root": "flag",
  "--show-stats": "flag",
  "-n": "flag",
  "--show-number": "flag",
  "-f": "flag",
  "--show-name": "flag",
  "-c": "flag",
  "--abbrev": "optional",
  "--date": "value",
  "--first-parent": "flag",
  "--reverse": "flag",
  "--ignore-rev": "value",
  "--progress": "flag",
  "--no-progress": "flag"
};
var GIT_OPTIONS = {
  log: { ...DIFF_OPTIONS, ...LOG_OPTIONS, ...LOG_ONLY },
  show: { ...DIFF_OPTIONS, ...LOG_OPTIONS },
  diff: { ...DIFF_OPTIONS, ...DIFF_ONLY },
  status: STATUS,
  "ls-files": LS_FILES,
  grep: GREP,
  blame: BLAME
};
var NUMERIC_COUNT_SUBCOMMANDS = /* @__PURE__ */ new Set(["log", "show"]);

// src/agents/tools/command-check.ts
var CONTENT_SUBCOMMANDS = /* @__PURE__ */ new Set(["grep", "log", "show", "diff"]);
var OBJECT_SUBCOMMANDS = /* @__PURE__ */ new Set(["show", "diff"]);
function refuse(command, why) {
  throw new ToolError(`Refused command "${command}": ${why}`);
}
function listed(table) {
  return Object.keys(table).join(" ");
}
function checkOption(word, sub, table, command) {
  if (NUMERIC_COUNT_SUBCOMMANDS.has(sub) && /^-\d+$/.test(word)) return { consumesNext: false };
  if (word.startsWith("--")) {
    const equals = word.indexOf("=");
    const name = equals === -1 ? word : word.slice(0, equals);
    const kind = table[name];
    if (kind === void 0) {
      const longer = Object.keys(table).filter((option) => option.startsWith(name) && option !== name);
      const hint = longer.length > 0 ? ` Options must be spelled out in full (did you mean ${longer.join(" or ")}?).` : "";
      refuse(command, `the option "${name}" is not accepted for git ${sub}.${hint} Accepted: ${listed(table)}.`);
    }
    if (kind === "flag" && equals !== -1) refuse(command, `the option "${name}" takes no value.`);
    if (kind === "value" && equals === -1) refuse(command, `write the option as ${name}=<value> in one word.`);
    if (kind === "next" || kind === "attached") refuse(command, `the option "${name}" is not accepted for git ${sub}.`);
    return { consumesNext: false };
  }
  const exact = table[word];
  if (exact === "flag") return { consumesNext: false };
  if (exact === "next") return { consumesNext: true };
  if (exact === "attached") return { consumesNext: false };
  const short = word.slice(0, 2);
  if (table[short] === "attached" && word.length > 2 && !word.slice(2).startsWith("-")) return { consumesNext: false };
  if (word.length > 2 && /^-[A-Za-z]+$/.test(word)) {
    refuse(command, `bundled short options ("${word}") are not accepted; write each option separately, e.g. "${word.slice(0, 2)} -${word.slice(2, 3)}".`);
  }
  refuse(command, `the option "${word}" is not accepted for git ${sub}. Accepted: ${listed(table)}.`);
}
async function exists(file) {
  return stat3(file).then(
    () => true,
    () => false
  );
}
async function checkPath(word, roots, command) {
  if (word.startsWith(":")) refuse(command, `pathspec magic ("${word}") is not accepted; name files and folders by their path.`);
  const name = path6.posix.basename(word.replace(/\/+$/, ""));
  if (isSecretFileName(name)) throw new ToolError(secretFileRefusal(word));
  await guardPath(roots, word, "list");
  return word;
}
function checkRevision(word, command) {
  const colon = word.indexOf(":");
  if (colon === -1) return;
  const inner = path6.posix.normalize(word.slice(colon + 1) || ".");
  const segments = inner.split("/");
  if (segments.includes(".git")) refuse(command, `"${word}" names git's internal data.`);
  if (isSecretFileName(segments[segments.length - 1] ?? "")) throw new ToolError(secretFileRefusal(word));
}
function isRevisionPath(word) {
  return word.indexOf(":") > 0;
}
async function checkGitCommand(argv, roots, command) {
  const sub = argv[1] ?? "";
  const table = GIT_OPTIONS[sub];
  if (!table) refuse(command, `git ${sub} is not a read-only git command.`);
  const options = [];
  const revisions = [];
  const paths = [];
  let pattern;
  let patternByOption = false;
  let afterDashes = false;
  const words = argv.slice(2);
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? "";
    if (afterDashes) {
      paths.push(await checkPath(word, roots, command));
      continue;
    }
    if (word === "--") {
      afterDashes = true;
      continue;
    }
    if (word.startsWith("-") && word !== "-") {
      const { consumesNext } = checkOption(word, sub, table, command);
      options.push(word);
      if (consumesNext) {
        const value = words[index + 1];
        if (value === void 0) refuse(command, `the option "${word}" needs a value after it.`);
        if (sub === "grep" && word === "-e") patternByOption = true;
        options.push(value);
        index += 1;
      }
      continue;
    }
    if (sub === "grep" && !patternByOption && pattern === void 0) {
      pattern = word;
      continue;
    }
    if (word.startsWith(":")) refuse(command, `pathspec magic and index paths ("${word}") are not accepted.`);
    if (isRevisionPath(word)) {
      checkRevision(word, command);
      revisions.push(word);
    } else if (await exists(path6.resolve(roots.realRoot, word))) {
      paths.push(await checkPath(word, roots, command));
    } else if (path6.isAbsolute(word) || word.split("/").includes("..")) {
      paths.push(await checkPath(word, roots, command));
    } else {
      if (isSecretFileName(path6.posix.basename(word))) throw new ToolError(secretFileRefusal(word));
      revisions.push(word);
    }
  }
  const excludes = CONTENT_SUBCOMMANDS.has(sub) && !revisions.some(isRevisionPath) ? SECRET_FILE_EXCLUDES : [];
  const pathspecs = excludes.length > 0 && paths.length === 0 ? ["."] : paths;
  const tail = pathspecs.length > 0 || excludes.length > 0 ? ["--", ...pathspecs, ...excludes] : [];
  const head = pattern !== void 0 ? [pattern] : [];
  const bare = OBJECT_SUBCOMMANDS.has(sub) ? revisions.filter((word) => !isRevisionPath(word)).flatMap((word) => word.split(/\.{2,3}/)).filter((word) => word !== "") : [];
  return { argv: ["git", sub, ...options, ...head, ...revisions, ...tail], revisions: bare };
}
async function refuseBlobs(revisions, typeOf, command) {
  for (const revision of revisions) {
    if (await typeOf(revision) === "blob") {
      refuse(command, `"${revision}" is a file's object id; show files by path instead: git show <commit>:<path>.`);
    }
  }
}
async function checkExtraOperands(extra, roots, command, entry) {
  for (const word of extra) {
    if (word.startsWith("-")) {
      refuse(command, `"${entry}" runs exactly as configured; it may be followed only by test files inside the repository, not options ("${word}").`);
    }
    const guarded = await guardPath(roots, word, "read");
    const info = await stat3(guarded.absolute).catch(() => void 0);
    if (!info?.isFile()) refuse(command, `"${word}" is not a file in the repository; "${entry}" may be followed only by test files.`);
  }
}

// src/agents/tools/output-cap.ts
var HEAD_SHARE = 0.25;
var CappedOutput = class {
  #headCap;
  #tailCap;
  #cap;
  #head = [];
  #headBytes = 0;
  #tail = [];
  #tailBytes = 0;
  #total = 0;
  constructor(capBytes) {
    this.#cap = capBytes;
    this.#headCap = Math.floor(capBytes * HEAD_SHARE);
    this.#tailCap = capBytes - this.#headCap;
  }
  /** Total bytes pushed, kept or not. */
  get totalBytes() {
    return this.#total;
  }
  push(chunk) {
    this.#total += chunk.length;
    let rest = chunk;
    if (this.#headBytes < this.#headCap) {
      const taken = rest.subarray(0, this.#headCap - this.#headBytes);
      this.#head.push(taken);
      this.#headBytes += taken.length;
      rest = rest.subarray(taken.length);
    }
    if (rest.length === 0) return;
    this.#tail.push(rest);
    this.#tailBytes += rest.length;
    while (this.#tailBytes > this.#tailCap) {
      const first = this.#tail[0];
      if (!first) break;
      const excess = this.#tailBytes - this.#tailCap;
      if (first.length <= excess) {
        this.#tail.shift();
        this.#tailBytes -= first.length;
      } else {
        this.#tail[0] = first.subarray(excess);
        this.#tailBytes -= excess;
      }
    }
  }
  /** The kept output as text, with a line stating the cut when anything was dropped. */
  render() {
    const head = Buffer.concat(this.#head).toString("utf8");
    const tail = Buffer.concat(this.#tail).toString("utf8");
    const cut = this.#total - this.#headBytes - this.#tailBytes;
    if (cut <= 0) return head + tail;
    return `${head}
\u2026 [output truncated: ${formatBytes(cut)} cut from the middle; ${formatBytes(this.#total)} in all, cap ${formatBytes(this.#cap)}; showing the first ${formatBytes(this.#headBytes)} and the last ${formatBytes(this.#tailBytes)}] \u2026
${tail}`;
  }
};

// src/agents/tools/run-process.ts
async function runProcess(argv, options) {
  if (argv[0] === void 0) throw new ToolError("Refused command: it is empty.");
  const output = new CappedOutput(options.outputCapBytes);
  try {
    const exit = await runSandboxed({
      argv,
      cwd: options.cwd,
      ...options.writable ? { writable: [options.cwd] } : { readOnly: [options.cwd] },
      env: options.env,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      onStdout: (chunk) => output.push(chunk),
      onStderr: (chunk) => output.push(chunk),
      startError: (name, cause, notFound) => new ToolError(notFound ? `Command not found: "${name}" is not installed or not on PATH.` : `Could not start "${name}": ${cause.message}.`)
    });
    return { ...exit, output: output.render() };
  } catch (error) {
    if (error instanceof SandboxUnavailableError) throw new ToolError(error.message);
    throw error;
  }
}

// src/agents/tools/run.ts
var FIXED_ENVIRONMENT = {
  GIT_TERMINAL_PROMPT: "0",
  GIT_PAGER: "cat",
  PAGER: "cat",
  NO_COLOR: "1"
};
var inputSchema6 = {
  type: "object",
  properties: {
    command: { type: "string", minLength: 1, maxLength: 8e3, description: 'The command line, e.g. "git log --oneline -20".' }
  },
  required: ["command"],
  additionalProperties: false
};
function describeAllowlist(context) {
  return context.runAllowlist.map((entry) => `"${entry.join(" ")}"`).join(", ") || "(none)";
}
function formatSeconds(ms) {
  return `${Number((ms / 1e3).toFixed(1))} s`;
}
function describeEnding(outcome, context) {
  const seconds2 = formatSeconds(outcome.durationMs);
  if (outcome.cancelled) return `[cancelled after ${seconds2}: the agent was stopped]`;
  if (outcome.timedOut) return `[killed: time limit of ${formatSeconds(context.runTimeoutMs)} reached]`;
  if (outcome.exitSignal) return `[terminated by signal ${outcome.exitSignal} after ${seconds2}]`;
  return `[exit code ${outcome.exitCode ?? "unknown"}, ${seconds2}]`;
}
function runToolDescription(context) {
  return `Run one command in the repository root and get its exit code and output (stdout and stderr merged). Allowed commands start with one of: ${describeAllowlist(context)}. There is no shell: no pipes, redirections, variables, globbing, && or ;. Quote arguments with ' or ". Git options must be spelled out in full (no abbreviations, no bundled short options like -pn); long options with a value are written --name=value. The test command runs exactly as configured, optionally followed by test files. Time limit ${formatSeconds(context.runTimeoutMs)}; output over ${formatBytes(context.outputCapBytes)} is cut from the middle (the cut is stated). Commands run in a sandbox: no credentials in the environment, no network.`;
}
async function objectType(revision, context, signal) {
  const outcome = await runProcess(["git", "cat-file", "-t", revision], {
    cwd: context.realRoot,
    writable: false,
    env: FIXED_ENVIRONMENT,
    timeoutMs: context.runTimeoutMs,
    outputCapBytes: 1024,
    signal
  });
  return outcome.exitCode === 0 ? outcome.output.trim() : void 0;
}
async function checkedArgv(argv, entry, context, command, signal) {
  if (entry[0] === "git" && entry.length === 2 && GIT_OPTIONS[entry[1] ?? ""] !== void 0) {
    const checked = await checkGitCommand(argv, context, command);
    await refuseBlobs(checked.revisions, (revision) => objectType(revision, context, signal), command);
    return checked.argv;
  }
  await checkExtraOperands(argv.slice(entry.length), context, command, entry.join(" "));
  return [...argv];
}
var runTool = {
  name: "run",
  description: "Run one allowlisted command in the repository root (no shell).",
  inputSchema: inputSchema6,
  async execute(input, context, signal) {
    const parsed = parseCommandLine(input.command);
    if (parsed.length === 0) throw new ToolError("Refused command: it is empty.");
    const entry = findAllowlistEntry(parsed, context.runAllowlist);
    if (!entry) {
      throw new ToolError(
        `Refused command "${input.command}": it is not on the allowlist. Allowed commands start with: ${describeAllowlist(context)}.`
      );
    }
    const argv = await checkedArgv(parsed, entry, context, input.command, signal);
    const outcome = await runProcess(argv, {
      cwd: context.realRoot,
      writable: context.isolation === "worktree",
      env: FIXED_ENVIRONMENT,
      timeoutMs: context.runTimeoutMs,
      outputCapBytes: context.outputCapBytes,
      signal
    });
    const revealed = revealHidden(outcome.output.replace(/\n$/, ""));
    const body = revealed.text === "" ? "(no output)" : revealed.text;
    const note = revealed.count > 0 ? `
note: ${revealed.count} invisible character(s) are shown as \u27E6U+XXXX\u27E7.` : "";
    return {
      content: `$ ${argv.join(" ")}
${body}
${describeEnding(outcome, context)}${note}`,
      isError: outcome.exitCode !== 0 || outcome.timedOut || outcome.cancelled
    };
  }
};

// src/agents/tools/shell.ts
var shellInputSchema = {
  type: "object",
  properties: {
    command: { type: "string", minLength: 1, maxLength: 16e3, description: 'A bash command line, e.g. "npm test 2>&1 | tail -50".' },
    timeoutMs: { type: "integer", minimum: 1, description: "Time limit in milliseconds (at most the configured limit)." }
  },
  required: ["command"],
  additionalProperties: false
};
var FIXED_ENVIRONMENT2 = { GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat", PAGER: "cat", NO_COLOR: "1" };
function seconds(ms) {
  return `${Number((ms / 1e3).toFixed(1))} s`;
}
function shellToolDescription(context) {
  return "Run a bash command line in the repository root inside an isolated sandbox and get its exit code and output (stdout and stderr merged). Pipes, redirections and && work. There is no network and no credentials; " + (context.isolation === "worktree" ? "you may change files in your worktree. " : "the repository is read-only (writes fail). ") + `Time limit ${seconds(context.runTimeoutMs)}; output over ${formatBytes(context.outputCapBytes)} is cut from the middle (the cut is stated).`;
}
var shellTool = {
  name: "shell",
  description: "Run a bash command line in the repository root inside an isolated sandbox (no network, no credentials).",
  inputSchema: shellInputSchema,
  async execute(input, context, signal) {
    const timeoutMs = Math.min(input.timeoutMs ?? context.runTimeoutMs, context.runTimeoutMs);
    const outcome = await runProcess(["bash", "-c", input.command], {
      cwd: context.realRoot,
      writable: context.isolation === "worktree",
      env: FIXED_ENVIRONMENT2,
      timeoutMs,
      outputCapBytes: context.outputCapBytes,
      signal
    });
    const revealed = revealHidden(outcome.output.replace(/\n$/, ""));
    const body = revealed.text === "" ? "(no output)" : revealed.text;
    const ending = outcome.cancelled ? `[cancelled after ${seconds(outcome.durationMs)}: the agent was stopped]` : outcome.timedOut ? `[killed: time limit of ${seconds(timeoutMs)} reached]` : outcome.exitSignal ? `[terminated by signal ${outcome.exitSignal} after ${seconds(outcome.durationMs)}]` : `[exit code ${outcome.exitCode ?? "unknown"}, ${seconds(outcome.durationMs)}]`;
    const note = revealed.count > 0 ? `
note: ${revealed.count} invisible character(s) are shown as \u27E6U+XXXX\u27E7.` : "";
    return { content: `$ ${input.command}
${body}
${ending}${note}`, isError: outcome.exitCode !== 0 || outcome.timedOut || outcome.cancelled };
  }
};

// src/agents/tools/write.ts
import { mkdir, stat as stat4, writeFile as writeFile2 } from "node:fs/promises";
import path7 from "node:path";
var MAX_WRITE_BYTES = 4 * 1024 * 1024;
var inputSchema7 = {
  type: "object",
  properties: {
    path: { type: "string", minLength: 1, description: "File to create or overwrite, relative to the repository root." },
    content: { type: "string", description: "The complete new content of the file." }
  },
  required: ["path", "content"],
  additionalProperties: false
};
var writeTool = {
  name: "write",
  description: "Create a file, or overwrite one with new content, in your worktree. Parent directories are created. Prefer edit for changing part of an existing file.",
  inputSchema: inputSchema7,
  async execute(input, context) {
    const bytes = Buffer.byteLength(input.content);
    if (bytes > MAX_WRITE_BYTES) {
      throw new ToolError(`content is ${formatBytes(bytes)}, over the ${formatBytes(MAX_WRITE_BYTES)} write limit.`);
    }
    const target = await guardPath(context, input.path, "write");
    const existing = target.exists ? await stat4(target.absolute) : void 0;
    if (existing?.isDirectory()) throw new ToolError(`"${target.relative}" is a directory; write needs a file path.`);
    await mkdir(path7.dirname(target.absolute), { recursive: true });
    await writeFile2(target.absolute, input.content);
    return `${existing ? "Overwrote" : "Created"} ${target.relative} (${formatBytes(bytes)}).`;
  }
};

// src/agents/tools/registry.ts
var TOOL_REGISTRY = {
  read: { bind: (context) => bindTool(readTool, context), changesFiles: false, summaryFields: ["path"] },
  list: { bind: (context) => bindTool(listTool, context), changesFiles: false, summaryFields: ["path"] },
  grep: { bind: (context) => bindTool(grepTool, context), changesFiles: false, summaryFields: ["path", "pattern", "glob"] },
  glob: { bind: (context) => bindTool(globTool, context), changesFiles: false, summaryFields: ["path", "pattern"] },
  run: { bind: (context) => bindTool({ ...runTool, description: runToolDescription(context) }, context), changesFiles: false, summaryFields: ["command"] },
  shell: { bind: (context) => bindTool({ ...shellTool, description: shellToolDescription(context) }, context), changesFiles: false, summaryFields: ["command"] },
  edit: { bind: (context) => bindTool(editTool, context), changesFiles: true, summaryFields: ["path"] },
  write: { bind: (context) => bindTool(writeTool, context), changesFiles: true, summaryFields: ["path"] }
};
var PROGRESS_DETAIL_CHARS = 120;
var GENERIC_SUMMARY_FIELDS = ["path", "pattern", "command", "glob", "file", "query", "dir"];
function isRegisteredTool(name) {
  return Object.hasOwn(TOOL_REGISTRY, name);
}
function summarizeToolCall(name, input) {
  const fields = isRegisteredTool(name) ? TOOL_REGISTRY[name].summaryFields : GENERIC_SUMMARY_FIELDS;
  if (typeof input === "object" && input !== null && !Array.isArray(input)) {
    const record = input;
    for (const field of fields) {
      const value = record[field];
      if (typeof value === "string" && value) return clip(value);
    }
  }
  return clip(JSON.stringify(input) ?? "");
}
function clip(text) {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= PROGRESS_DETAIL_CHARS ? oneLine : `${oneLine.slice(0, PROGRESS_DETAIL_CHARS - 1)}\u2026`;
}

// src/agents/tools/types.ts
var DEFAULT_RUN_TOOL_TIMEOUT_MS = 12e4;
var DEFAULT_OUTPUT_CAP_BYTES = 64 * 1024;

// src/agents/tools/index.ts
function misconfigured(message) {
  return new QuorumError("invalid_toolbox_options", message, { audience: "bug" });
}
function resolveRoot(root) {
  const absolute = path8.resolve(root);
  let realRoot;
  try {
    realRoot = realpathSync(absolute);
  } catch {
    throw misconfigured(`Toolbox root "${root}" does not exist; pass the checkout (or worktree) directory.`);
  }
  if (!statSync(realRoot).isDirectory()) throw misconfigured(`Toolbox root "${root}" is not a directory; pass the checkout directory.`);
  return { root: absolute, realRoot };
}
function checkTools(options) {
  for (const name of options.tools) {
    if (!TOOL_NAMES.includes(name)) {
      throw misconfigured(`Unknown tool "${String(name)}"; tools are: ${TOOL_NAMES.join(", ")}.`);
    }
    if (TOOL_REGISTRY[name].changesFiles && options.isolation !== "worktree") {
      throw misconfigured(
        `Tool "${name}" changes files and needs isolation: "worktree" (rule A8/A9); agents without isolation cannot change files. Pass isolation: "worktree", or drop edit and write from tools.`
      );
    }
  }
  return TOOL_NAMES.filter((name) => options.tools.includes(name));
}
function checkPositive(value, fallback, name) {
  if (value === void 0) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw misconfigured(`${name} must be a positive number of ${name.endsWith("Ms") ? "milliseconds" : "bytes"}; got ${value}.`);
  return value;
}
function createToolbox(options) {
  const tools = checkTools(options);
  const context = {
    ...resolveRoot(options.root),
    isolation: options.isolation,
    runAllowlist: options.runAllowlist.map(parseAllowlistEntry),
    runTimeoutMs: checkPositive(options.runTimeoutMs, DEFAULT_RUN_TOOL_TIMEOUT_MS, "runTimeoutMs"),
    outputCapBytes: checkPositive(options.outputCapBytes, DEFAULT_OUTPUT_CAP_BYTES, "outputCapBytes")
  };
  const bound = new Map(tools.map((name) => [name, TOOL_REGISTRY[name].bind(context)]));
  return {
    definitions: [...bound.values()].map((tool) => tool.definition),
    async call(name, input, signal) {
      const tool = bound.get(name);
      if (!tool) {
        const why = UNAVAILABLE_TOOLS[name];
        if (why !== void 0) return errorResult(`The ${name} tool is not available: ${why}. Available tools: ${tools.join(", ") || "none"}.`);
        const hint = isRegisteredTool(name) && TOOL_REGISTRY[name].changesFiles && options.isolation !== "worktree" ? " (edit and write exist only for worktree agents)" : "";
        return errorResult(`Unknown tool "${name}"${hint}. Available tools: ${tools.join(", ") || "none"}.`);
      }
      return tool.call(input, signal);
    }
  };
}

// src/agents/models.ts
var DEFAULT_PROVIDER = "anthropic";
var MODEL_ALIASES = {
  opus: "claude-opus-5-5",
  sonnet: "claude-sonnet-5-5",
  haiku: "claude-haiku-5-5"
};
var DEFAULT_ANTHROPIC_MODEL = MODEL_ALIASES.sonnet;
var KNOWN_PROVIDERS = ["anthropic", "openai", "ollama", "lmstudio", "vllm"];
var ModelSpecError = class extends QuorumError {
  name = "ModelSpecError";
  constructor(message, options) {
    super("invalid_model", message, options);
  }
};
function isModelAlias(name) {
  return Object.hasOwn(MODEL_ALIASES, name);
}
function isProviderName(name) {
  return KNOWN_PROVIDERS.includes(name);
}
function resolveModel(requested, defaults = {}) {
  const defaultProvider = defaults.provider ?? DEFAULT_PROVIDER;
  const name = requested?.trim();
  if (!name) {
    const fallback = defaults.model?.trim();
    if (fallback) return resolveModel(fallback, { provider: defaultProvider });
    return { provider: defaultProvider, model: defaultProvider === "anthropic" ? DEFAULT_ANTHROPIC_MODEL : void 0 };
  }
  const slash = name.indexOf("/");
  if (slash > 0) {
    const prefix = name.slice(0, slash).toLowerCase();
    if (isProviderName(prefix)) {
      const rest = name.slice(slash + 1).trim();
      if (!rest) {
        throw new ModelSpecError(`Model "${name}" names the provider ${prefix} but no model: write e.g. "${prefix}/<model id>".`);
      }
      return { provider: prefix, model: prefix === "anthropic" && isModelAlias(rest) ? MODEL_ALIASES[rest] : rest };
    }
  }
  if (isModelAlias(name)) {
    return defaultProvider === "anthropic" ? { provider: "anthropic", model: MODEL_ALIASES[name] } : { provider: defaultProvider, model: name };
  }
  if (name.startsWith("claude-")) return { provider: "anthropic", model: name };
  return { provider: defaultProvider, model: name };
}
function formatModelRef(ref) {
  return `${ref.provider}/${ref.model ?? "(default)"}`;
}

export {
  DEFAULT_PROVIDER,
  KNOWN_PROVIDERS,
  isModelAlias,
  isProviderName,
  resolveModel,
  formatModelRef,
  summarizeToolCall,
  createToolbox
};
