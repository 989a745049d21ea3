import { afterEach, beforeEach, vi } from 'vitest';

// A library must not talk on the console behind its caller's back: any console output that a test did not
// expect fails that test. A test that means to print mocks the console method itself.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${method}: ${args.map(String).join(' ').slice(0, 200)}`);
    });
  }
});

afterEach(() => {
  if (calls.length > 0) {
    const seen = calls;
    calls = [];
    throw new Error(`Unexpected console output during the test:\n${seen.join('\n')}`);
  }
});
