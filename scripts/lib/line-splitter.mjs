// Child output arrives in arbitrary chunks; prefixing needs whole lines, or two processes'
// half-lines interleave into garbage.
export function createLineSplitter(onLine) {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    },
    end() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}

// Keeps the last lines of a child's output for the error report when it dies.
export function createRingBuffer(size) {
  const lines = [];
  return {
    add(line) {
      lines.push(line);
      if (lines.length > size) lines.shift();
    },
    lines: () => [...lines],
  };
}
