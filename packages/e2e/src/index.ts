// What the benchmarks reuse of the browser tests: the same Chromium and the same sign-in.
export { launchBrowser, type TestBrowser } from './browser.ts';
export { signInToDemoClient } from './hub-fixture.ts';
