import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);

// node_modules/@jitl/quickjs-singlefile-mjs-release-sync/dist/chunk-FGV2HSCH.mjs
var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => (__defNormalProp(obj, typeof key != "symbol" ? key + "" : key, value), value);

export {
  __publicField
};
