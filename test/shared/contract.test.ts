import { describe, expect, it } from 'vitest';
import { commandNames, commands, isCommandName, isEventName } from '../../shared/contract';

describe('contract', () => {
  it('knows its own command and event names and nothing else', () => {
    expect(isCommandName('queue.list')).toBe(true);
    expect(isCommandName('toString')).toBe(false);
    expect(isCommandName('constructor')).toBe(false);
    expect(isEventName('sync.status')).toBe(true);
    expect(isEventName('__proto__')).toBe(false);
  });

  it('names commands domain.verb', () => {
    for (const name of commandNames) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('refuses a subdomain that is a whole URL and says what to type instead', () => {
    const result = commands['setup.connect'].input.safeParse({ backend: { subdomain: 'https://acme.picqer.com', apiKey: 'k' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('acme');
  });

  it('takes a scan with its AIM identifier apart, without one, or from an old caller that sends no field', () => {
    const input = commands['scan.submit'].input;
    expect(input.safeParse({ code: '0100012345678905', aim: ']C1', source: 'wedge' }).success).toBe(true);
    expect(input.safeParse({ code: '5901234123457', aim: null, source: 'hid' }).success).toBe(true);
    expect(input.safeParse({ code: ']E05901234123457', source: 'serial', multiplier: 2 }).success).toBe(true);
    for (const aim of ['', 'C1', ']C10', ']*1', 'x'.repeat(300)]) {
      const result = input.safeParse({ code: '5901234123457', aim, source: 'wedge' });
      expect(result.success, aim).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['aim']);
    }
  });
});
