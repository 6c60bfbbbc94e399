// Console output for the bootstrap itself. Colour only for a person at a terminal: CI logs
// and piped output stay plain so they can be grepped.
const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !process.env.CI;

const paint = (code) => (text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : String(text));

export const bold = paint('1');
export const dim = paint('2');
export const red = paint('31');
export const green = paint('32');
export const yellow = paint('33');
export const cyan = paint('36');

const prefixPalette = [paint('36'), paint('35'), paint('34'), paint('32'), paint('33')];

export function prefixColor(index) {
  return prefixPalette[index % prefixPalette.length];
}

export function info(message) {
  console.log(`${cyan('›')} ${message}`);
}

export function warn(message) {
  console.log(yellow(`! ${message}`));
}

export function error(message) {
  console.log(red(`✘ ${message}`));
}

export function formatDuration(ms) {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}
