// Turns each step's outcome into test counts and prints the closing summary. The last line,
// `N passed, N failed`, is what CI and people read, so it must never undercount a failure.
import { stripVTControlCharacters } from 'node:util';

// Vitest's JSON report. A file that fails outside any test (import error, failing hook) has
// no failed test to count but is still a failure; so is a non-zero exit with a clean report.
export function countVitest(report, exitCode) {
  if (!report) return { passed: 0, failed: exitCode === 0 ? 0 : 1 };
  const files = Array.isArray(report.testResults) ? report.testResults : [];
  const failedOutsideTests = files.filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  const failed = (report.numFailedTests ?? 0) + failedOutsideTests;
  return { passed: report.numPassedTests ?? 0, failed: failed === 0 && exitCode !== 0 ? 1 : failed };
}

// Playwright's JSON report: a test that passed on retry (flaky) passed.
export function countPlaywright(report, exitCode) {
  const stats = report?.stats;
  if (!stats) return { passed: 0, failed: exitCode === 0 ? 0 : 1 };
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  let failed = stats.unexpected ?? 0;
  if (failed === 0) failed = (report.errors ?? []).length;
  return { passed, failed: failed === 0 && exitCode !== 0 ? 1 : failed };
}

// What failed, one entry per failing test (or file that failed outside its tests), so that the end
// of the output (often all a CI log keeps) names it without the scroll-back.
export function vitestFailures(report, root = '') {
  const files = Array.isArray(report?.testResults) ? report.testResults : [];
  return files.flatMap((file) => {
    const where = relativeTo(root, file.name ?? '?');
    const tests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    if (tests.length === 0) {
      return file.status === 'failed'
        ? [{ where, message: firstLines(file.message ?? 'failed outside its tests') }]
        : [];
    }
    return tests.map((test) => ({
      where: `${where} › ${test.fullName ?? test.title}`,
      message: firstLines((test.failureMessages ?? []).join('\n')),
    }));
  });
}

export function playwrightFailures(report, root = '') {
  const failures = [];
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const last = (test.results ?? []).at(-1);
        failures.push({
          where: `${relativeTo(root, spec.file ?? suite.file ?? '?')} › ${[...titles, spec.title].join(' › ')} [${test.projectName ?? '?'}]`,
          message: firstLines(last?.error?.message ?? last?.status ?? 'failed'),
        });
      }
    }
    for (const child of suite.suites ?? [])
      visit(child, child.title && child.file !== child.title ? [...titles, child.title] : titles);
  };
  for (const suite of report?.suites ?? []) visit(suite, []);
  for (const error of report?.errors ?? [])
    failures.push({ where: 'playwright', message: firstLines(error.message ?? '') });
  return failures;
}

function firstLines(text, count = 4) {
  return stripVTControlCharacters(text)
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(0, count)
    .join('\n');
}

function relativeTo(root, path) {
  return root && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

// Steps that are not test suites count as one test.
export function countSingle(status) {
  return { passed: status === 'passed' ? 1 : 0, failed: status === 'failed' ? 1 : 0 };
}

export function totals(results) {
  return results.reduce(
    (sum, result) => ({ passed: sum.passed + result.passed, failed: sum.failed + result.failed }),
    { passed: 0, failed: 0 },
  );
}

export function totalsLine(results) {
  const { passed, failed } = totals(results);
  return `${passed} passed, ${failed} failed`;
}

export function summaryTable(results, formatDuration) {
  const rows = results.map((result) => [
    result.title,
    result.status,
    result.durationMs === undefined ? '-' : formatDuration(result.durationMs),
    result.status === 'skipped' ? (result.note ?? '') : `${result.passed} passed, ${result.failed} failed`,
  ]);
  const header = ['step', 'result', 'time', 'tests'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const format = (row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...rows.map(format)];
}
