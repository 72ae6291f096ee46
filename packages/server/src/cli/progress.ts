/**
 * Progress of a long step on stderr: a bar with the rate and the time left, redrawn in place on a
 * terminal and printed as a line every few seconds elsewhere (logs, CI).
 */

export interface Progress {
  update(done: number, rows: number): void;
  finish(message: string): void;
}

export function progressBar(
  label: string,
  total: number,
  write: (text: string) => void,
  options: { tty: boolean; now?: () => number } = { tty: false },
): Progress {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let shown = -Infinity;
  const interval = options.tty ? 100 : 5000;
  const line = (done: number, rows: number) => {
    const seconds = Math.max((now() - started) / 1000, 1e-9);
    const share = total > 0 ? Math.min(done / total, 1) : 0;
    const width = 24;
    const filled = Math.round(share * width);
    const left = share > 0 ? (seconds * (1 - share)) / share : NaN;
    const rate = Math.round(rows / seconds).toLocaleString('da-DK');
    const eta = Number.isFinite(left) ? `${Math.ceil(left)} s left` : '';
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)} %  ${rate} rows/s  ${eta}`;
  };
  return {
    update(done, rows) {
      const t = now();
      if (t - shown < interval) return;
      shown = t;
      write(options.tty ? `\r${line(done, rows)}\u001b[K` : `${line(done, rows)}\n`);
    },
    finish(message) {
      write(options.tty ? `\r${label}: ${message}\u001b[K\n` : `${label}: ${message}\n`);
    },
  };
}
