import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  require__
} from "./chunk-TWYYX7QD.js";
import {
  __toESM
} from "./chunk-4VCDWV26.js";

// src/schema/meta-schema.ts
var import__ = __toESM(require__(), 1);
var checker;
function assertValidSchema2020(schema) {
  checker ??= new import__.Ajv2020({ allErrors: true, validateFormats: false });
  checker.validateSchema(schema, true);
}

export {
  assertValidSchema2020
};
