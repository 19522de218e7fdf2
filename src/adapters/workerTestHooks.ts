// The message that asks a worker to crash itself: how the end-to-end tests kill a worker mid-job
// (window.__openbookTest.crashWorker, see src/state/runtime/testHooks.ts). A page's own code could always
// terminate its workers; this only lets a test do it from outside.
export const CRASH_FOR_TEST = 'openbook:worker-crash-for-test';
