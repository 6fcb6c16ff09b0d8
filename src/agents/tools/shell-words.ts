/**
 * Splits a command line into argv the way a POSIX shell would for plain words and quotes, without
 * any of the shell's other powers: no variables, no globbing, no `~`, no pipes or redirections.
 *
 * Supported: words separated by spaces or tabs; `'single quotes'` (literal); `"double quotes"`
 * (backslash escapes `"` and `\`); a backslash outside quotes escapes the next character; `""`
 * gives an empty argument.
 *
 * Refused outright, even inside quotes, so nobody believes they work: `;` `|` `&` `$` `` ` `` `>`
 * `<`, newlines, carriage returns and NUL. An unterminated quote or a trailing backslash is an error.
 */
import { ToolError } from "./errors.ts";

/** Characters that would mean something to a shell; `run` has no shell, so they are refused. */
const SHELL_METACHARACTERS = /[;|&$`><\n\r\0]/;

export class CommandSyntaxError extends ToolError {
  override name = "CommandSyntaxError";
  constructor(message: string) {
    super(message, "command_syntax");
  }
}

function describeCharacter(character: string): string {
  if (character === "\n") return "a newline";
  if (character === "\r") return "a carriage return";
  if (character === "\0") return "a NUL character";
  return `'${character}'`;
}

/** Parses `command` into argv, or throws {@link CommandSyntaxError} saying what is wrong. */
export function parseCommandLine(command: string): string[] {
  const metacharacter = SHELL_METACHARACTERS.exec(command);
  if (metacharacter) {
    throw new CommandSyntaxError(
      `Refused command: it contains ${describeCharacter(metacharacter[0])}. Commands run without a shell, so ` +
        `pipes, redirections, variables, command substitution and chaining (; && ||) are not available; run one command at a time.`,
    );
  }
  const argv: string[] = [];
  let current = "";
  let inWord = false;
  let index = 0;
  while (index < command.length) {
    const character = command[index] ?? "";
    if (character === " " || character === "\t") {
      if (inWord) argv.push(current);
      current = "";
      inWord = false;
      index += 1;
    } else if (character === "'") {
      const end = command.indexOf("'", index + 1);
      if (end === -1) throw new CommandSyntaxError(`Refused command: a single quote is not closed.`);
      current += command.slice(index + 1, end);
      inWord = true;
      index = end + 1;
    } else if (character === '"') {
      index += 1;
      for (;;) {
        if (index >= command.length) throw new CommandSyntaxError(`Refused command: a double quote is not closed.`);
        const inner = command[index] ?? "";
        const following = command[index + 1] ?? "";
        if (inner === '"') break;
        if (inner === "\\" && (following === '"' || following === "\\")) {
          current += following;
          index += 2;
        } else {
          current += inner;
          index += 1;
        }
      }
      inWord = true;
      index += 1;
    } else if (character === "\\") {
      if (index + 1 >= command.length) throw new CommandSyntaxError(`Refused command: it ends with a lone backslash.`);
      current += command[index + 1] ?? "";
      inWord = true;
      index += 2;
    } else {
      current += character;
      inWord = true;
      index += 1;
    }
  }
  if (inWord) argv.push(current);
  return argv;
}
