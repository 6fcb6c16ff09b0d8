import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../src/github/redact.ts";

// Built at run time so no literal secret-shaped string sits in the repository.
const fake = (prefix: string, length: number, alphabet = "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz"): string =>
  prefix + Array.from({ length }, (_, i) => alphabet[(i * 7) % alphabet.length]).join("");

describe("X4 secrets are redacted from everything posted", () => {
  const cases: [string, string, string][] = [
    ["github-token", "classic PAT", fake("ghp_", 36)],
    ["github-token", "OAuth token", fake("gho_", 36)],
    ["github-token", "user-to-server", fake("ghu_", 36)],
    ["github-token", "installation token", fake("ghs_", 36)],
    ["github-token", "refresh token", fake("ghr_", 36)],
    ["github-token", "fine-grained PAT", fake("github_pat_", 82, "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz_")],
    ["anthropic-key", "Anthropic key", fake("sk-ant-api03-", 90, "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz-_")],
    ["openai-key", "OpenAI key", fake("sk-", 48)],
    ["openai-key", "OpenAI project key", fake("sk-proj-", 120, "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz-_")],
    ["aws-access-key", "AWS access key", fake("AKIA", 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")],
    ["slack-token", "Slack bot token", fake("xoxb-", 40, "0123456789-abcdefghij")],
    ["jwt", "JWT", `${fake("eyJ", 20)}.${fake("eyJ", 30)}.${fake("", 43)}`],
  ];

  for (const [kind, label, secret] of cases) {
    it(`X4 redacts a ${label} as ${kind}`, () => {
      const r = redactSecrets(`before ${secret} after`);
      expect(r.text).toBe(`before [REDACTED:${kind}] after`);
      expect(r.count).toBe(1);
      expect(r.kinds).toEqual({ [kind]: 1 });
    });
  }

  it("X4 redacts private key blocks, even when truncated", () => {
    const block = `-----BEGIN RSA PRIVATE KEY-----\n${fake("", 64)}\n${fake("", 64)}\n-----END RSA PRIVATE KEY-----`;
    expect(redactSecrets(`key:\n${block}\ndone`).text).toBe("key:\n[REDACTED:private-key]\ndone");
    expect(redactSecrets(`-----BEGIN OPENSSH PRIVATE KEY-----\n${fake("", 70)}\n(output truncated)`).text).toBe("[REDACTED:private-key]");
    expect(redactSecrets("-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----").count).toBe(0);
  });

  it("X4 keeps the Authorization scheme and removes the credential", () => {
    const r = redactSecrets(`curl -H "Authorization: Bearer ${fake("", 30)}" https://x\nAuthorization: token ${fake("", 24)}`);
    expect(r.text).toBe(`curl -H "Authorization: Bearer [REDACTED:authorization]" https://x\nAuthorization: token [REDACTED:authorization]`);
    expect(r.count).toBe(2);
  });

  it("X4 AWS secret keys next to their variable name", () => {
    const r = redactSecrets(`aws_secret_access_key = ${fake("", 40, "abcdefghijklmnopqrstuvwxyz0123456789/+")}`);
    expect(r.text).toBe("aws_secret_access_key = [REDACTED:aws-secret-key]");
  });

  it("X4 exact values (the run's own tokens) are redacted first, longest first", () => {
    const token = "my-installation-token-value";
    const r = redactSecrets(`a ${token} b ${token}-suffix c my-installation`, [token, "my-installation", "short"]);
    expect(r.text).toBe("a [REDACTED:secret] b [REDACTED:secret]-suffix c [REDACTED:secret]");
    expect(r.count).toBe(3);
    // Too short to redact safely.
    expect(redactSecrets("a short b", ["short"]).count).toBe(0);
  });

  it("X4 ordinary text is left alone", () => {
    const text = [
      "Use sk-learn or scikit-learn; the task-runner and skeleton code are fine.",
      "ghp_ prefix alone, AKIA alone, xoxb- alone, eyJhbGciOi alone.",
      "Bearer tokens are described in RFC 6750.",
      "sha 61780798228d17af2d34fce4cfbdf35556832472",
      "<!-- quorum:fingerprint=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef -->",
    ].join("\n");
    expect(redactSecrets(text)).toEqual({ text, count: 0, kinds: {} });
  });
});
