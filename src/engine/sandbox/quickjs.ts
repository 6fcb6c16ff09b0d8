/**
 * One QuickJS WebAssembly instance per sandbox run, each with its own fixed-size memory.
 *
 * Why not one shared instance: in Emscripten builds QuickJS cannot measure allocation sizes, so
 * `runtime.setMemoryLimit` only refuses single oversized allocations, and many small ones grow the
 * shared WebAssembly memory without bound (quickjs-emscripten issues #255, #271). A memory whose
 * `maximum` is the limit makes the limit real: past it `malloc` fails and the guest gets an
 * "out of memory" error. A separate instance also means a run that crashes its instance (native
 * stack overflow inside QuickJS) or leaks after running out of memory cannot affect any other run,
 * and its memory is returned to the host when the run ends.
 *
 * The variant's JavaScript glue is imported once per process (cached by the module loader); each
 * instantiation then takes a few milliseconds.
 */
import variant from "@jitl/quickjs-singlefile-mjs-release-sync";
import { newQuickJSWASMModuleFromVariant, newVariant, type CustomizeVariantOptions, type QuickJSWASMModule } from "quickjs-emscripten-core";

const PAGE_BYTES = 64 * 1024;
/** Pages the module declares as its minimum (16 MiB); the memory may never be smaller. */
const MIN_PAGES = 256;
/** Room for the Emscripten stack (5 MiB), static data and allocator overhead above the guest heap. */
const OVERHEAD_BYTES = 8 * 1024 * 1024;
/** WebAssembly 32-bit memories stop at 4 GiB; Emscripten's glue at 2 GiB. */
const MAX_PAGES = 32_768;

/** The part of `WebAssembly.Memory` used here (the project's TS libs do not declare WebAssembly). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
type WasmMemoryConstructor = new (descriptor: { initial: number; maximum: number }) => WasmMemory;
const WasmMemory = (globalThis as unknown as { WebAssembly: { Memory: WasmMemoryConstructor } }).WebAssembly.Memory;

export interface SandboxInstance {
  module: QuickJSWASMModule;
  memory: WasmMemory;
  /** Largest size `memory` may grow to, in bytes. */
  maxBytes: number;
  /** Messages Emscripten printed (e.g. an abort); kept instead of writing to the host's stderr. */
  printed: string[];
}

let instances = 0;

/** A fresh QuickJS instance whose guest heap can grow to about `memoryBytes`. */
export async function instantiateQuickJS(memoryBytes: number): Promise<SandboxInstance> {
  const maximum = Math.min(MAX_PAGES, Math.max(MIN_PAGES, Math.ceil((memoryBytes + OVERHEAD_BYTES) / PAGE_BYTES)));
  const memory = new WasmMemory({ initial: MIN_PAGES, maximum });
  const printed: string[] = [];
  const keep = (message: string) => void (printed.length < 20 && printed.push(message));
  // `print`/`printErr` are passed through to Emscripten verbatim (not in the declared type).
  const emscriptenModule = Object.assign({} as NonNullable<CustomizeVariantOptions["emscriptenModule"]>, { print: keep, printErr: keep });
  const options = { wasmMemory: memory, emscriptenModule } as unknown as CustomizeVariantOptions;
  const module = await newQuickJSWASMModuleFromVariant(newVariant(variant, options));
  instances++;
  return { module, memory, maxBytes: maximum * PAGE_BYTES, printed };
}

/** How many instances this process created (diagnostics for tests and benchmarks). */
export function instancesCreated(): number {
  return instances;
}
