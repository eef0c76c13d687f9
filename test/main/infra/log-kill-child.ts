import { createLogger, logToFile } from '../../../electron/main/infra/log';

/*
 * Run by log-file.test.ts: opens the log at the path it is given, logs `count` lines and kills
 * itself with SIGKILL, with no chance to flush anything.
 */
const [path, count] = process.argv.slice(2);
if (!path || !count) throw new Error('usage: log-kill-child <log path> <count>');
await logToFile(path, 'info');
const log = createLogger('kill');
for (let i = 0; i < Number(count); i++) log.info('line before the kill', { i });
process.kill(process.pid, 'SIGKILL');
