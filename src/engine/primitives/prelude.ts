/**
 * The guest side of the primitives: JavaScript evaluated inside the sandbox before the script.
 *
 * `agent`, `phase`, `log`, `budget` and `workflow` are thin wrappers over host functions
 * (`__host.*`); `parallel` and `pipeline` run entirely in the guest because the thunks and stages
 * they receive are guest functions that can never cross the boundary. Only agent() calls take a
 * concurrency slot (on the host), so nesting `parallel`/`pipeline` cannot deadlock (rule L1).
 */
import { PATTERNS_SOURCE } from "../../workflows/patterns.ts";
import { MAX_FAN_OUT } from "../limits.ts";

export const GUEST_PRELUDE = String.raw`
(() => {
  "use strict";
  const host = globalThis.__host;
  const MAX_FAN_OUT = ${MAX_FAN_OUT};
  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: false, configurable: false, enumerable: false });
  const describe = (error) => (error && typeof error === "object" && "message" in error ? String(error.message) : String(error));
  const checkFanOut = (name, items, what) => {
    if (!Array.isArray(items)) {
      throw new TypeError(name + "() takes an array of " + what + "; got " + (items === null ? "null" : typeof items) + ".");
    }
    if (items.length > MAX_FAN_OUT) {
      throw new RangeError(
        name + "() takes at most " + MAX_FAN_OUT + " items; got " + items.length +
        ". Split the work into batches (e.g. loop over slices of " + MAX_FAN_OUT + ").",
      );
    }
  };

  define("agent", function agent(prompt, opts) {
    return host.agent(prompt, opts === undefined ? null : opts);
  });

  define("parallel", async function parallel(thunks) {
    checkFanOut("parallel", thunks, "functions (thunks), e.g. items.map((x) => () => agent(...))");
    return Promise.all(
      thunks.map(async (thunk, index) => {
        try {
          return await (typeof thunk === "function" ? thunk() : thunk);
        } catch (error) {
          host.log("warn", "parallel: item " + index + " failed and resolves to null: " + describe(error));
          return null;
        }
      }),
    );
  });

  define("pipeline", async function pipeline(items, ...stages) {
    checkFanOut("pipeline", items, "items");
    for (const stage of stages) {
      if (typeof stage !== "function") throw new TypeError("pipeline(items, ...stages): every stage must be a function (previous, item, index) => value.");
    }
    return Promise.all(
      items.map(async (item, index) => {
        let previous = item;
        for (let s = 0; s < stages.length; s++) {
          try {
            previous = await stages[s](previous, item, index);
          } catch (error) {
            const skipped = stages.length - s - 1;
            host.log(
              "warn",
              "pipeline: item " + index + " failed in stage " + (s + 1) + " of " + stages.length +
              " and resolves to null" + (skipped > 0 ? " (" + skipped + " later stage(s) skipped)" : "") + ": " + describe(error),
            );
            return null;
          }
        }
        return previous;
      }),
    );
  });

  define("phase", function phase(title) {
    host.phase(title);
  });

  define("log", function log(message) {
    let text;
    try {
      text = typeof message === "string" ? message : JSON.stringify(message) ?? String(message);
    } catch {
      text = String(message);
    }
    host.log("info", text);
  });

  const budget = Object.freeze({
    total: host.budgetTotal(),
    spent: () => host.budgetSpent(),
    remaining: () => {
      const left = host.budgetRemaining();
      return left === null ? Infinity : left;
    },
  });
  define("budget", budget);

  // Claude Code scripts may use console.* for progress: it goes to the log like log() (S7).
  const toText = (parts) => parts.map((p) => (typeof p === "string" ? p : (() => { try { return JSON.stringify(p) ?? String(p); } catch { return String(p); } })())).join(" ");
  define("console", Object.freeze({
    log: (...parts) => host.log("info", toText(parts)),
    info: (...parts) => host.log("info", toText(parts)),
    debug: (...parts) => host.log("info", toText(parts)),
    warn: (...parts) => host.log("warn", toText(parts)),
    error: (...parts) => host.log("warn", toText(parts)),
  }));
  // Garbage-collection timing is not deterministic; a resumed run must replay the same way (S4).
  delete globalThis.WeakRef;
  delete globalThis.FinalizationRegistry;

  define("workflow", function workflow(nameOrPath, args) {
    return host.workflow(nameOrPath, args === undefined ? null : args);
  });

  define("runTests", function runTests(spec) {
    return host.runTests(spec === undefined ? null : spec);
  });

  define("patterns", (
${PATTERNS_SOURCE}
  ));
})();
`;
