import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  executeOnGitHub,
  publishModeOf
} from "./chunk-7R7DWX3H.js";
import "./chunk-HE3AK7X5.js";
import "./chunk-UMV3I5YR.js";
import "./chunk-DVOLNEEY.js";
import "./chunk-5I7IHOKF.js";
import "./chunk-TWYYX7QD.js";
import "./chunk-4YQKGFZJ.js";
import "./chunk-PSBYVLF3.js";
import "./chunk-BRMGUKYM.js";
import "./chunk-4VCDWV26.js";
export {
  executeOnGitHub,
  publishModeOf
};
