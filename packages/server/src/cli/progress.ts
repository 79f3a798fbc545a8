import type { Progress } from '../backup/backup.progress.ts';

const WIDTH = 30;

const formatAmount = (amount: number, unit: 'bytes' | 'files') =>
  unit === 'files' ? `${amount} files` : `${(amount / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Progress for long commands: a bar redrawn in place when stderr is a terminal, else one plain
 * line per finished step (logs and pipes get no control characters).
 */
export function consoleProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const isTty = stream.isTTY === true;
  return {
    step(label, total, unit) {
      let done = 0;
      let lastDrawn = 0;
      const draw = () => {
        const ratio = total > 0 ? Math.min(1, done / total) : 1;
        const filled = Math.round(ratio * WIDTH);
        stream.write(
          `\r${label.padEnd(12)} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${formatAmount(done, unit)}`,
        );
      };
      return {
        advance(amount) {
          done += amount;
          if (!isTty) return;
          const now = Date.now();
          if (now - lastDrawn >= 100) {
            lastDrawn = now;
            draw();
          }
        },
        done() {
          if (isTty) {
            draw();
            stream.write('\n');
          } else {
            console.log(`${label}: ${formatAmount(done, unit)}`);
          }
        },
      };
    },
  };
}
