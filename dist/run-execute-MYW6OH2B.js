import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  executeOnGitHub,
  publishModeOf
} from "./chunk-JZGGKJKC.js";
import "./chunk-XW2HXG4V.js";
import "./chunk-OEMXTJFG.js";
import "./chunk-RZDRY6XH.js";
import "./chunk-NQC4YYZF.js";
import "./chunk-4YQKGFZJ.js";
import "./chunk-PSBYVLF3.js";
import "./chunk-BRMGUKYM.js";
import "./chunk-4VCDWV26.js";
export {
  executeOnGitHub,
  publishModeOf
};
