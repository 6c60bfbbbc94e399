import { describe, expect, it } from 'vitest';
import {
  countPlaywright,
  countSingle,
  countVitest,
  playwrightFailures,
  summaryTable,
  totalsLine,
  vitestFailures,
} from './test-report.mjs';

describe('countVitest', () => {
  it('counts passed and failed tests from the JSON report', () => {
    const report = {
      numPassedTests: 7,
      numFailedTests: 2,
      testResults: [{ status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'passed' }] }],
    };
    expect(countVitest(report, 1)).toEqual({ passed: 7, failed: 2 });
  });

  it('counts a file that failed outside any test (import error, failing hook)', () => {
    const report = {
      numPassedTests: 3,
      numFailedTests: 0,
      testResults: [
        { status: 'failed', assertionResults: [] },
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    };
    expect(countVitest(report, 1)).toEqual({ passed: 3, failed: 1 });
  });

  it('never reports zero failures for a failed run', () => {
    expect(countVitest({ numPassedTests: 4, numFailedTests: 0, testResults: [] }, 1)).toEqual({
      passed: 4,
      failed: 1,
    });
    expect(countVitest(null, 1)).toEqual({ passed: 0, failed: 1 });
  });

  it('treats a run without test files as nothing run', () => {
    expect(countVitest(null, 0)).toEqual({ passed: 0, failed: 0 });
    expect(countVitest({ numPassedTests: 0, numFailedTests: 0, testResults: [] }, 0)).toEqual({
      passed: 0,
      failed: 0,
    });
  });
});

describe('countPlaywright', () => {
  it('counts flaky tests (passed on retry) as passed', () => {
    const report = { stats: { expected: 5, unexpected: 1, flaky: 2, skipped: 3 }, errors: [] };
    expect(countPlaywright(report, 1)).toEqual({ passed: 7, failed: 1 });
  });

  it('counts global errors when no test failed', () => {
    const report = {
      stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 },
      errors: [{ message: 'webServer' }],
    };
    expect(countPlaywright(report, 1)).toEqual({ passed: 0, failed: 1 });
  });

  it('fails a crashed run that wrote no report', () => {
    expect(countPlaywright(null, 1)).toEqual({ passed: 0, failed: 1 });
  });
});

describe('summary', () => {
  const results = [
    { title: 'lint', status: 'passed' as const, durationMs: 1200, ...countSingle('passed') },
    { title: 'unit tests', status: 'failed' as const, durationMs: 300, passed: 10, failed: 2 },
    { title: 'browser tests', status: 'skipped' as const, note: 'setup failed', passed: 0, failed: 0 },
  ];

  it('ends with the total over all steps', () => {
    expect(totalsLine(results)).toBe('11 passed, 2 failed');
  });

  it('lines up one row per step', () => {
    const lines = summaryTable(results, (ms) => `${ms}ms`);
    expect(lines).toHaveLength(2 + results.length);
    expect(lines[2]).toMatch(/^lint\s+passed\s+1200ms\s+1 passed, 0 failed$/);
    expect(lines[4]).toMatch(/^browser tests\s+skipped\s+-\s+setup failed$/);
    const column = lines[0]?.indexOf('result');
    expect(lines[2]?.indexOf('passed')).toBe(column);
    expect(lines[3]?.indexOf('failed')).toBe(column);
    expect(lines[4]?.indexOf('skipped')).toBe(column);
  });
});

describe('vitestFailures', () => {
  it('names each failed test by file and full name, with the first lines of its message', () => {
    const report = {
      testResults: [
        {
          name: '/repo/server/test/runs.int.test.ts',
          status: 'failed',
          assertionResults: [
            { status: 'passed', fullName: 'runs streams' },
            {
              status: 'failed',
              fullName: 'runs replays after a seq',
              failureMessages: [
                '\u001b[31mAssertionError: expected 3 to be 4\u001b[39m\n\n  at a.ts:1\n  at b.ts:2\n  at c.ts:3\n  at d.ts:4',
              ],
            },
          ],
        },
        {
          name: '/repo/server/test/ok.int.test.ts',
          status: 'passed',
          assertionResults: [{ status: 'passed' }],
        },
      ],
    };
    expect(vitestFailures(report, '/repo')).toEqual([
      {
        where: 'server/test/runs.int.test.ts › runs replays after a seq',
        message: 'AssertionError: expected 3 to be 4\n  at a.ts:1\n  at b.ts:2\n  at c.ts:3',
      },
    ]);
  });

  it('names a file that failed outside its tests', () => {
    const report = {
      testResults: [
        { name: '/repo/a.test.ts', status: 'failed', message: 'Hook timed out', assertionResults: [] },
      ],
    };
    expect(vitestFailures(report, '/repo')).toEqual([{ where: 'a.test.ts', message: 'Hook timed out' }]);
  });

  it('has nothing to say without a report', () => {
    expect(vitestFailures(null)).toEqual([]);
  });
});

describe('playwrightFailures', () => {
  it('names unexpected tests with their describe titles and project, from the last attempt', () => {
    const report = {
      suites: [
        {
          title: 'providers.spec.ts',
          file: 'providers.spec.ts',
          specs: [],
          suites: [
            {
              title: 'Claude Code',
              file: 'providers.spec.ts',
              specs: [
                {
                  title: 'streams',
                  file: 'providers.spec.ts',
                  tests: [
                    {
                      status: 'unexpected',
                      projectName: 'chromium',
                      results: [
                        { error: { message: 'first try' } },
                        { error: { message: 'Timed out 5000ms' } },
                      ],
                    },
                  ],
                },
                { title: 'fine', file: 'providers.spec.ts', tests: [{ status: 'expected', results: [] }] },
              ],
            },
          ],
        },
      ],
      errors: [{ message: 'worker crashed' }],
    };
    expect(playwrightFailures(report)).toEqual([
      { where: 'providers.spec.ts › Claude Code › streams [chromium]', message: 'Timed out 5000ms' },
      { where: 'playwright', message: 'worker crashed' },
    ]);
  });
});
