import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  QuickJSAsyncWASMModule
} from "./chunk-PSBYVLF3.js";
import "./chunk-BRMGUKYM.js";
import "./chunk-4VCDWV26.js";
export {
  QuickJSAsyncWASMModule
};
