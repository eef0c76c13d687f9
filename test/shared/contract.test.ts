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
});
