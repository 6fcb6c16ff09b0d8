export { FakeGitHub, DEFAULT_ACTOR, DEFAULT_WORKFLOW_PATH } from "./server.ts";
export { useFakeGitHub } from "./suite.ts";
export type { Failure, RecordedRequest, Violation } from "./server.ts";
export type { TokenPermissions } from "./permissions.ts";
export type { FakeArtifact, FakeRepo, FakePull, FakePullFile, FakeUser, FakeWorkflowRun, Role } from "./state.ts";
