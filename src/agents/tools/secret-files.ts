/**
 * Files that hold credentials by convention (rule X1): dotenv files (`.env`, `.env.*`, `*.env`,
 * `.envrc`), package-manager and HTTP credentials (`.npmrc`, `.yarnrc.yml`, `.pypirc`, `.netrc`,
 * `_netrc`), git's stored credentials (`.git-credentials`). Tools neither read nor write them, and
 * git commands run by agents exclude them (see ./command-check.ts); `list` and `glob` still show
 * their names.
 */

const SECRET_FILE_NAME = /^(\.env(\..*)?|.*\.env|\.envrc|\.npmrc|\.yarnrc\.yml|\.pypirc|\.netrc|_netrc|\.git-credentials)$/i;

/** True when a file name (the last path segment) is a credential file by convention. */
export function isSecretFileName(name: string): boolean {
  return SECRET_FILE_NAME.test(name);
}

/** The same files as git pathspecs that exclude them anywhere in the tree. */
export const SECRET_FILE_EXCLUDES: readonly string[] = [
  "**/.env",
  "**/.env.*",
  "**/*.env",
  "**/.envrc",
  "**/.npmrc",
  "**/.yarnrc.yml",
  "**/.pypirc",
  "**/.netrc",
  "**/_netrc",
  "**/.git-credentials",
].map((glob) => `:(exclude,glob,icase)${glob}`);

/** What the model reads when such a file is refused. */
export function secretFileRefusal(shown: string): string {
  return (
    `Refused "${shown}": dotenv and credential files (.env, .env.*, *.env, .envrc, .npmrc, .yarnrc.yml, .pypirc, .netrc, ` +
    `.git-credentials) can hold secrets, so tools do not open them.`
  );
}
