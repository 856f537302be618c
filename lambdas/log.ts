// Structured JSON log lines (CloudWatch reads them as they are). LOG_LEVEL=warn silences info lines:
// the demo sets it so that its own progress output stays readable.

type Fields = Record<string, unknown>;

export const log = {
  info(msg: string, fields: Fields = {}): void {
    if ((process.env.LOG_LEVEL ?? 'info') === 'info')
      console.log(JSON.stringify({ level: 'info', msg, ...fields }));
  },
  error(msg: string, fields: Fields = {}): void {
    console.error(JSON.stringify({ level: 'error', msg, ...fields }));
  },
};
