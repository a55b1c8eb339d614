/**
 * Operational log: one JSON line per event on stderr. Callers pass codes and counts only, never
 * a payload, name or ID number (no personal data in logs).
 */
export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

export interface Logger {
  info(where: string, message: string, fields?: LogFields): void;
  error(where: string, message: string, fields?: LogFields): void;
}

export const stderrLogger: Logger = {
  info: (where, message, fields) => write('info', where, message, fields),
  error: (where, message, fields) => write('error', where, message, fields),
};

function write(level: string, where: string, message: string, fields: LogFields = {}): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, where, message, ...fields })}\n`);
}

/** A logger that keeps lines in memory, for tests that check what was logged. */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (where: string, message: string, fields: LogFields = {}) => {
      lines.push(JSON.stringify({ level, where, message, ...fields }));
    };
  return { lines, info: push('info'), error: push('error') };
}
