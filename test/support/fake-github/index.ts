export { FakeGitHub, DEFAULT_ACTOR } from "./server.ts";
export type { Failure, RecordedRequest, Violation } from "./server.ts";
export type { FakeRepo, FakePull, FakePullFile, FakeUser, Role } from "./state.ts";
