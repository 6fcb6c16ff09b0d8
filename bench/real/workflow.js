export const meta = {
  name: "bench-findings",
  description: "Benchmark: 250 finders, each claim attacked by 3 skeptics as soon as it exists (1000 agents)",
  phases: [{ title: "Find" }, { title: "Verify" }],
  args: { type: "object", properties: { items: { type: "integer" }, skeptics: { type: "integer" } } },
};

const items = Array.from({ length: args?.items ?? 250 }, (_, i) => `src/module-${i}.ts`);
const skeptics = args?.skeptics ?? 3;
const VERDICT = {
  type: "object",
  properties: { verdict: { type: "string", enum: ["confirm", "refute"] }, reason: { type: "string" } },
  required: ["verdict", "reason"],
  additionalProperties: false,
};

phase("Find");
const verdicts = await pipeline(
  items,
  (file) =>
    agent(`Find one authentication weakness in the file named below and describe it in two sentences.\n\nFile: ${file}`, {
      label: `find ${file}`,
      phase: "Find",
    }),
  (claim, file) =>
    parallel(
      Array.from({ length: skeptics }, (_, k) => () =>
        agent(`Try to refute this claim about ${file}. Answer confirm or refute with a reason.\n\nLens ${k + 1}.\n\nClaim: ${claim}`, {
          label: `skeptic ${k + 1} ${file}`,
          phase: "Verify",
          schema: VERDICT,
        }),
      ),
    ),
);
const confirmed = verdicts.filter((v) => v !== null && v.filter((x) => x && x.verdict === "confirm").length * 2 > v.length).length;
log(`${confirmed} of ${items.length} claims confirmed`);
return { confirmed, findings: [] };
