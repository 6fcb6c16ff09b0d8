import { describe, expect, it } from "vitest";
import { redactCanonical } from "../../src/github/redact.ts";
import { base64Needles } from "../../src/github/redaction/base64.ts";
import { decodedView, joinedView, originalSpan } from "../../src/github/redaction/canonical.ts";

// Built at run time so no literal secret-shaped string sits in the repository.
const fake = (prefix: string, length: number, alphabet = "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz"): string =>
  prefix + Array.from({ length }, (_, i) => alphabet[(i * 7 + length) % alphabet.length]).join("");

const TOKEN = fake("ghs_", 36);
const KEY = fake("sk-ant-api03-", 60, "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz-_");
const OPENAI = fake("sk-proj-", 48);
const GENERIC = "hunter2-is-my-password"; // an INPUT_* secret with no known shape
const SECRETS = [TOKEN, KEY, OPENAI, GENERIC];

/** Every way GitHub (or a browser, or a decoder) would show `secret` as itself. */
function disguises(secret: string): [string, string][] {
  const chars = [...secret];
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  return [
    ["decimal HTML references", secret.replace(/_/g, "&#95;").replace(/-/g, "&#45;")],
    ["hex HTML references", secret.replace(/_/g, "&#x5f;").replace(/-/g, "&#X2D;")],
    ["named HTML references", secret.replace(/_/g, "&lowbar;").replace(/-/g, "&hyphen;").replace(/&hyphen;/g, "&#45;")],
    // Without `;` a reference ends at the first character that cannot continue it (as in a browser).
    ["references without semicolons", secret.replace(/[_-](?![0-9a-fA-F])/g, (c) => `&#${c.charCodeAt(0)}`)],
    ["every character a reference", chars.map((c) => `&#${c.codePointAt(0)};`).join("")],
    ["Markdown backslash escapes", secret.replace(/([_\-])/g, "\\$1")],
    ["zero-width spaces", chars.join("\u200b")],
    ["mixed format characters", chars.map((c, i) => c + ["\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u{e0041}", "\u200e", "\u2062"][i % 8]).join("")],
    ["line breaks", `${secret.slice(0, 10)}\n${secret.slice(10, 25)}\r\n${secret.slice(25)}`],
    ["blockquote lines", `> ${secret.slice(0, 12)}\n> ${secret.slice(12)}`],
    ["spaces and tabs", chars.join(" ").replace(/ /g, (s, i: number) => (i % 3 ? s : "\t"))],
    ["inline Markdown", `**${secret.slice(0, 7)}**\`${secret.slice(7, 20)}\`~~${secret.slice(20)}~~`],
    ["HTML tags", `${secret.slice(0, 9)}<wbr>${secret.slice(9, 18)}<b></b>${secret.slice(18)}<!-- x -->`],
    ["percent-encoding", encodeURIComponent(secret).replace(/_/g, "%5F").replace(/-/g, "%2d")],
    ["every byte percent-encoded", [...Buffer.from(secret)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")],
    ["base64", b64(secret)],
    ["url-safe base64", b64(`{"t":"${secret}"}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")],
    ["base64 at offset 0 of a blob", b64(`abc${secret}xyz-trailer`)],
    ["base64 at offset 1 of a blob", b64(`abcd${secret}xyz-trailer`)],
    ["base64 at offset 2 of a blob", b64(`abcde${secret}xyz-trailer`)],
    ["wrapped base64", b64(`user:${secret}`).replace(/(.{12})/g, "$1\n")],
    ["Basic auth header", `Authorization: Basic ${b64(`x-access-token:${secret}`)}`],
    ["entity-encoded escapes (combined)", secret.replace(/_/g, "&amp;#95;").replace(/-/g, "%26%2345%3B")],
    ["escapes, references and zero-width together", chars.map((c, i) => (/[_-]/.test(c) ? (i % 2 ? `\\${c}` : `&#${c.charCodeAt(0)};`) : i % 5 === 0 ? `${c}\u200b` : c)).join("")],
  ];
}

describe("X11 redaction matches secrets after canonicalizing the text", () => {
  for (const secret of SECRETS) {
    const name = secret === GENERIC ? "a generic INPUT secret" : secret.slice(0, 7);
    for (const [label, disguised] of disguises(secret)) {
      it(`X11 ${name} written as ${label} is redacted`, () => {
        const text = `The value: ${disguised} — end of line.\nNext line stays.`;
        const r = redactCanonical(text, SECRETS);
        expect(r.count).toBeGreaterThan(0);
        expect(r.text).toContain("[REDACTED:");
        expect(r.text).toContain("The value: ");
        expect(r.text).toContain("Next line stays.");
        // What is left must not contain the secret, in any of the views a reader has of it.
        const left = joinedView(decodedView(r.text)).text;
        expect(left).not.toContain(secret.replace(/\s/g, ""));
        const b64Left = r.text.replace(/\s/g, "");
        for (const needle of base64Needles(secret)) expect(b64Left).not.toContain(needle.text);
      });
    }
  }

  it("X11 the original text around a match is kept as written (spans map back)", () => {
    const text = `a &amp; b — ghs&#95;${TOKEN.slice(4)} — c \\* d`;
    const r = redactCanonical(text, [TOKEN]);
    expect(r.text).toBe("a &amp; b — [REDACTED:secret] — c \\* d");
    expect(r.count).toBe(1);
  });

  it("X11 token shapes are a second net without exact values (decoded, split by format characters, in base64)", () => {
    const other = fake("ghp_", 36);
    expect(redactCanonical(`x ${other.replace("_", "&#95;")} y`).text).toBe("x [REDACTED:github-token] y");
    expect(redactCanonical(`x ${[...other].join("\u200b")} y`).text).toBe("x [REDACTED:github-token] y");
    const blob = Buffer.from(`{"auth":"${other}","n":1}`).toString("base64");
    const r = redactCanonical(`config: ${blob} done`);
    expect(r.kinds["github-token"]).toBe(1);
    expect(r.text.startsWith("config: ")).toBe(true);
    expect(r.text.endsWith(" done")).toBe(true);
    const pat = fake("github_pat_", 60, "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz_");
    expect(redactCanonical(`t=${pat.replace(/_/g, "\\_")}`).text).toBe("t=[REDACTED:github-token]");
    expect(redactCanonical(`k ${fake("sk-ant-", 40).replace(/-/g, "&#x2D;")}`).text).toBe("k [REDACTED:anthropic-key]");
    expect(redactCanonical(`k ${fake("sk-", 40)}`).text).toBe("k [REDACTED:openai-key]");
  });

  it("X11 ordinary text, hashes, base64 data and HTML stay untouched", () => {
    const text = [
      "Use sk-learn; the task-runner &amp; skeleton are fine. 100% of tests pass; 50%20 is not a secret.",
      "sha 61780798228d17af2d34fce4cfbdf35556832472 and `code` with **bold** <b>html</b>",
      `image: ${Buffer.from("just some ordinary binary-ish data ".repeat(8)).toString("base64")}`,
      "<!-- quorum:fingerprint=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef -->",
      "C:\\path\\to\\file and \\_escaped\\_ words, zero\u200bwidth",
    ].join("\n");
    expect(redactCanonical(text, SECRETS)).toEqual({ text, count: 0, kinds: {} });
  });

  it("X11 decoded and joined views map every character to its original span", () => {
    const text = "a&#95;b\\_c%5Fd\u200be\n> f";
    const decoded = decodedView(text);
    expect(decoded.text).toBe("a_b_c_de\n> f");
    expect(originalSpan(decoded, 1, 2)).toEqual([1, 6]);
    expect(originalSpan(decoded, 7, 8)).toEqual([15, 16]);
    const joined = joinedView(decoded);
    expect(joined.text).toBe("a_b_c_def");
    expect(originalSpan(joined, 7, 9)).toEqual([15, text.length]);
  });

  it("X11 redaction is idempotent and counts overlapping matches once", () => {
    const text = `x ${TOKEN} y ${Buffer.from(TOKEN).toString("base64")} z`;
    const once = redactCanonical(text, [TOKEN]);
    expect(once.count).toBe(2);
    expect(redactCanonical(once.text, [TOKEN]).count).toBe(0);
  });
});
