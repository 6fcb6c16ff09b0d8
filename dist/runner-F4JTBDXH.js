import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  makeRunner
} from "./chunk-UNUBUIDP.js";
import "./chunk-3RM6RR2I.js";
import "./chunk-AWZDCTC3.js";
import "./chunk-3RRPW6DG.js";
import "./chunk-PWS6XHMS.js";
import "./chunk-5APD2RNO.js";
import "./chunk-OEMXTJFG.js";
import "./chunk-NQC4YYZF.js";
import "./chunk-4VCDWV26.js";
export {
  makeRunner
};
