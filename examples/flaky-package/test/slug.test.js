import assert from "node:assert/strict";
import { test } from "node:test";
import { slugify } from "../src/slug.js";

test("slugify lower-cases and joins words with dashes", () => {
  assert.equal(slugify("Hello World"), "hello-world");
});

test("slugify strips accents and punctuation", () => {
  assert.equal(slugify("Crème brûlée, s'il vous plaît!"), "creme-brulee-s-il-vous-plait");
});
