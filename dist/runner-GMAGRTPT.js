import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  makeRunner
} from "./chunk-I2WG63CL.js";
import "./chunk-KXVYBTJK.js";
import "./chunk-PLCSZCDA.js";
import "./chunk-7K4EBRZO.js";
import "./chunk-UMV3I5YR.js";
import "./chunk-PWS6XHMS.js";
import "./chunk-TWYYX7QD.js";
import "./chunk-2WVEEXN4.js";
import "./chunk-4VCDWV26.js";
export {
  makeRunner
};
