import { describe, expect, it } from 'vitest';
import { isCommandRequest, parseCommandReply, parseCommandRequest } from '../../shared/envelope';

describe('the command envelope', () => {
  it('reads a request {id, name, input}, input optional', () => {
    expect(parseCommandRequest({ id: 3, name: 'queue.list', input: { search: 'a' } })).toEqual({ id: 3, name: 'queue.list', input: { search: 'a' } });
    const bare = parseCommandRequest({ id: 4, name: 'app.state' });
    expect(isCommandRequest(bare)).toBe(true);
    expect(bare).toEqual({ id: 4, name: 'app.state', input: undefined });
  });

  it('refuses what is not a request, keeping the id when there is one to answer to', () => {
    const cases: Array<[unknown, number | null]> = [
      [null, null],
      ['queue.list', null],
      [[4, 'queue.list'], null],
      [{ name: 'queue.list' }, null],
      [{ id: 0, name: 'queue.list' }, null],
      [{ id: -2, name: 'queue.list' }, null],
      [{ id: 2.5, name: 'queue.list' }, null],
      [{ id: '7', name: 'queue.list' }, null],
      [{ id: Number.MAX_SAFE_INTEGER + 1, name: 'queue.list' }, null],
      [{ id: 8, name: 12 }, 8],
      [{ id: 9, name: 'queue.list', command: 'queue.list' }, 9],
    ];
    for (const [message, id] of cases) {
      const parsed = parseCommandRequest(message);
      expect(isCommandRequest(parsed), JSON.stringify(message)).toBe(false);
      expect(parsed.id, JSON.stringify(message)).toBe(id);
    }
  });

  it('reads a reply {id, result} and nothing else: an event or junk is not one', () => {
    expect(parseCommandReply({ id: 5, result: { ok: true, value: 1 } })).toEqual({ id: 5, result: { ok: true, value: 1 }, revision: null });
    expect(parseCommandReply({ id: 5, result: 'odd', revision: 9 })).toEqual({ id: 5, result: 'odd', revision: 9 });
    expect(parseCommandReply({ event: 'queue.changed', payload: {} })).toBeNull();
    expect(parseCommandReply({ id: 5 })).toBeNull();
    expect(parseCommandReply({ id: 'x', result: {} })).toBeNull();
    expect(parseCommandReply(null)).toBeNull();
  });
});
