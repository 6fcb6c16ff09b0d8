import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  child_process,
  crypto,
  fs,
  os,
  path,
  stream,
  util
} from "./chunk-VWUX73CT.js";
import "./chunk-4VCDWV26.js";
export {
  child_process,
  crypto,
  fs,
  os,
  path,
  stream,
  util
};
