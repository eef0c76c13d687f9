import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnReady, type ReadyProcess } from '../../helpers/spawn-ready';

const started: ReadyProcess[] = [];
afterEach(async () => {
  for (const process of started.splice(0)) await process.stop();
});

const node = (script: string) => ({ command: process.execPath, args: ['-e', script] });

describe('spawnReady', () => {
  it('hands back the ready line once it is printed, even split over two writes, and stops the process', async () => {
    const ready = await spawnReady({
      ...node("process.stdout.write('booting\\nready at http://127.0'); setTimeout(() => process.stdout.write('.0.1:4810\\n'), 50); setInterval(() => {}, 1000);"),
      ready: /^ready at (\S+)\n/m,
      what: 'the fake',
    });
    started.push(ready);
    expect(ready.match[1]).toBe('http://127.0.0.1:4810');
    expect(ready.stdout()).toBe('booting\nready at http://127.0.0.1:4810\n');
    expect(ready.isRunning()).toBe(true);
    await ready.stop();
    expect(ready.isRunning()).toBe(false);
  });

  it('says when the process exits before it is ready, with what it printed', async () => {
    await expect(spawnReady({ ...node("console.error('no config'); process.exit(2)"), ready: /ready/, what: 'the fake' })).rejects.toThrow(
      /^the fake exited with 2 before it was ready\nstdout:\n\nstderr:\nno config/,
    );
  });

  it('gives up after the timeout and stops what it started', async () => {
    const error = await spawnReady({ ...node('setInterval(() => {}, 1000)'), ready: /ready/, what: 'the fake', timeoutMs: 300 }).catch((caught: unknown) => caught);
    expect(String(error)).toContain('the fake printed no ready line within 300 ms');
  });

  it('stops a whole process group', async () => {
    const group = await spawnReady({
      ...node("const { spawn } = require('node:child_process'); const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); console.log('child ' + c.pid); setInterval(() => {}, 1000);"),
      ready: /^child (\d+)$/m,
      what: 'the fake',
      isGroup: true,
    });
    started.push(group);
    const grandchild = Number(group.match[1]);
    await group.stop();
    await expect.poll(() => isAlive(grandchild), { timeout: 10_000 }).toBe(false);
  });
});

/** Running, and not a zombie waiting for an init that may never reap it (a container's PID 1). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  return !existsSync(stat) || !/^\S+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
}
