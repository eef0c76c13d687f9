import type { CommandName } from '../../../shared/contract';

/*
 * Which commands mean a person is at the station: the idle sign-out restarts its count on these.
 * Reads the screen makes by itself (app state, queue, status, printers' health) do not count, or
 * a station showing its queue would never sign anyone out.
 */
const activityPrefixes = ['scan.', 'pack.', 'packer.'];
const passiveCommands = new Set<string>(['pack.current', 'pack.lookalikes']);
const activityCommands = new Set<string>(['history.cancelShipment', 'history.reprint', 'history.document', 'history.lotsCsv', 'print.retry', 'printers.test', 'printers.set', 'products.printLabel', 'commands.sheet']);

export function isPackerActivity(name: unknown): name is CommandName {
  if (typeof name !== 'string') return false;
  if (passiveCommands.has(name)) return false;
  return activityPrefixes.some((prefix) => name.startsWith(prefix)) || activityCommands.has(name);
}
