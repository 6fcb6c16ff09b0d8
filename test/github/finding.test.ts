import { describe, expect, it } from "vitest";
import { fingerprintOf, normalizeFindings, shortFingerprint, type Finding } from "../../src/github/finding.ts";

const base: Finding = { title: "Missing auth check on /admin", severity: "high", body: "The route has no guard.", location: { path: "src/routes/admin.ts", line: 42 } };

describe("P4/P6 findings are validated and fingerprinted before publishing", () => {
  it("P4 valid findings are normalised; invalid ones are reported with their index, not dropped", () => {
    const { findings, errors } = normalizeFindings({
      findings: [
        { ...base, location: { path: "./src/routes/admin.ts", line: 42 }, extra: "ignored" },
        { title: "No severity", body: "x" },
        { title: "Bad severity", severity: "urgent", body: "x" },
        { ...base, location: { path: "/etc/passwd", line: 1 } },
        { ...base, location: { path: "src/a.ts", line: 5, endLine: 3 } },
        { ...base, location: { path: "../outside.ts", line: 1 } },
        "not an object",
        { ...base, votes: { confirm: -1, refute: 0 } },
      ],
    });
    expect(findings).toEqual([{ title: base.title, severity: "high", body: base.body, location: { path: "src/routes/admin.ts", line: 42, endLine: 42 } }]);
    expect(errors.map((e) => e.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(errors[0]).toMatchObject({ title: "No severity", message: expect.stringMatching(/must have required property 'severity'/) });
    expect(errors[1]?.message).toMatch(/severity must be equal to one of the allowed values \(critical, high, medium, low, info\)/);
    expect(errors[2]?.message).toMatch(/relative to the repository root/);
    expect(errors[3]?.message).toMatch(/endLine \(3\) must not be before location.line \(5\)/);
    expect(errors[4]?.message).toMatch(/must not contain "\.\."/);
    expect(errors[5]?.message).toMatch(/finding must be object/);
    expect(errors[6]?.message).toMatch(/votes.confirm must be >= 0/);
  });

  it("P4 a result without findings has none; a non-array findings is one error", () => {
    expect(normalizeFindings(null)).toEqual({ findings: [], errors: [] });
    expect(normalizeFindings({ summary: "nothing" })).toEqual({ findings: [], errors: [] });
    expect(normalizeFindings({ findings: "three" }).errors).toEqual([{ index: -1, message: "result.findings must be an array of findings, got string" }]);
  });

  it("P6 the fingerprint is stable across cosmetic changes and nearby line shifts", () => {
    const fp = fingerprintOf(base, "audit-auth");
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(shortFingerprint(fp)).toBe(fp.slice(0, 10));
    expect(fingerprintOf({ ...base, title: "  missing AUTH check on /admin. ", body: "different words", severity: "critical" }, "audit-auth")).toBe(fp);
    expect(fingerprintOf({ ...base, location: { path: "src/routes/admin.ts", line: 44 } }, "audit-auth")).toBe(fp);
  });

  it("P6 the fingerprint changes with workflow, title, path and distant lines", () => {
    const fp = fingerprintOf(base, "audit-auth");
    expect(fingerprintOf(base, "review")).not.toBe(fp);
    expect(fingerprintOf({ ...base, title: "Missing CSRF check" }, "audit-auth")).not.toBe(fp);
    expect(fingerprintOf({ ...base, location: { path: "src/routes/user.ts", line: 42 } }, "audit-auth")).not.toBe(fp);
    expect(fingerprintOf({ ...base, location: { path: "src/routes/admin.ts", line: 420 } }, "audit-auth")).not.toBe(fp);
  });

  it("P6 an explicit hex fingerprint is used as is; any other is hashed to stay branch-safe", () => {
    const hex = "ABCDEF0123456789abcdef0123456789";
    expect(fingerprintOf({ ...base, fingerprint: hex }, "x")).toBe(hex.toLowerCase());
    const custom = fingerprintOf({ ...base, fingerprint: "sql-injection/users.ts" }, "x");
    expect(custom).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf({ ...base, title: "other", fingerprint: "sql-injection/users.ts" }, "x")).toBe(custom);
  });
});
