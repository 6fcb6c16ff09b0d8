/**
 * One fake GitHub API server for a whole `describe` block: started before its tests, checked for
 * OpenAPI violations and stopped after them. Returns a getter for the running server.
 */
import { afterAll, beforeAll, expect } from "vitest";
import { FakeGitHub } from "./server.ts";

export function useFakeGitHub(): () => FakeGitHub {
  let gh: FakeGitHub | undefined;
  beforeAll(async () => {
    gh = await FakeGitHub.start();
  });
  afterAll(async () => {
    if (!gh) return;
    expect(gh.violations).toEqual([]);
    await gh.stop();
  });
  return () => {
    if (!gh) throw new Error("the fake GitHub server is used outside its describe block's tests");
    return gh;
  };
}
