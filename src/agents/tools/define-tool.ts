/**
 * Turns a {@link ToolSpec} into a {@link BoundTool}: validates input with ajv (JSON Schema
 * 2020-12), runs the tool, and turns every failure into an `isError` result. Nothing a tool does
 * ever throws into the model loop.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { ToolResult } from "../contract.ts";
import { ToolError } from "./errors.ts";
import type { BoundTool, ToolContext, ToolSpec } from "./types.ts";
import { errorMessage } from "../../kernel/errors.ts";

// Tool input schemas are constants of this repository, checked against the 2020-12 meta-schema by
// test/agents/tools/toolbox.test.ts, so they are not meta-validated at every start (~50 ms each process).
const ajv = new Ajv2020({ allErrors: true, strict: true, validateSchema: false });
/** Compiled validators, one per tool name (schemas are constants, so compile once per process). */
const validators = new Map<string, ValidateFunction>();

function validatorFor(spec: ToolSpec<unknown>): ValidateFunction {
  let validate = validators.get(spec.name);
  if (!validate) {
    validate = ajv.compile(spec.inputSchema);
    validators.set(spec.name, validate);
  }
  return validate;
}

/** "/startLine must be >= 1; must NOT have additional properties (extra: "foo")". */
export function describeValidationErrors(errors: readonly ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return "input does not match the schema";
  return errors
    .map((error) => {
      const where = error.instancePath === "" ? "input" : error.instancePath;
      const extra =
        error.keyword === "additionalProperties" && "additionalProperty" in error.params
          ? ` (unexpected property "${String(error.params.additionalProperty)}")`
          : "";
      return `${where} ${error.message ?? "is invalid"}${extra}`;
    })
    .join("; ");
}

export function errorResult(message: string): ToolResult {
  return { content: message, isError: true };
}

/**
 * Binds a spec to a context. The returned `call` never rejects: invalid input, a {@link ToolError},
 * an aborted signal or an unexpected crash all come back as `{ isError: true, content }`.
 */
export function bindTool<Input>(spec: ToolSpec<Input>, context: ToolContext): BoundTool {
  // The validator is keyed by name and checks the same schema the spec declares, so a successful
  // check is what makes the input an `Input`.
  const validate = validatorFor(spec as ToolSpec<unknown>) as ValidateFunction<Input>;
  return {
    definition: { name: spec.name, description: spec.description, inputSchema: spec.inputSchema },
    async call(input: unknown, signal: AbortSignal): Promise<ToolResult> {
      if (signal.aborted) return errorResult(`${spec.name} was not run: the agent was cancelled.`);
      if (!validate(input)) {
        return errorResult(
          `Invalid input for ${spec.name}: ${describeValidationErrors(validate.errors)}. ` +
            `Check the tool's input schema and call it again.`,
        );
      }
      try {
        const result = await spec.execute(input, context, signal);
        return typeof result === "string" ? { content: result, isError: false } : result;
      } catch (error) {
        if (error instanceof ToolError) return errorResult(error.message);
        const message = errorMessage(error);
        return errorResult(`${spec.name} failed unexpectedly: ${message}`);
      }
    },
  };
}
