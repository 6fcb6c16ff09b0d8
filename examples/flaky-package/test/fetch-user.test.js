import assert from "node:assert/strict";
import { test } from "node:test";
import { fetchUser } from "../src/fetch-user.js";

test("fetchUser trims the name and maps the role", async () => {
  const user = await fetchUser(7, async () => ({ name: "  Ada ", role: "admin" }));
  assert.deepEqual(user, { id: 7, name: "Ada", admin: true });
});

test("fetchUser treats any other role as not admin", async () => {
  const user = await fetchUser(8, async () => ({ name: "Bob", role: "editor" }));
  assert.equal(user.admin, false);
});
