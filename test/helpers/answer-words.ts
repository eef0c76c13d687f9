import type { Result } from '../../shared/errors';
import type { PackSession, SessionState } from '../../shared/packing';
import { reasonText } from '../../shared/i18n';
import type { Reason } from '../../shared/reasons';

/** What the screen says for an answer's or an error's reason, in English (null: no reason given). */
export function words(subject: { reason?: Reason | null } | null | undefined): string | null {
  return subject?.reason ? reasonText('en', subject.reason) : null;
}

/** The session main shows now, read as the screen reads it after a reconnect (the answer to a scan no longer carries it). */
export async function currentSession(station: { dispatch(name: unknown, input: unknown): Promise<Result<unknown>> }): Promise<PackSession | null> {
  const result = await station.dispatch('pack.current', {});
  if (!result.ok) throw new Error(`pack.current failed: ${result.error.message}`);
  return (result.value as SessionState).session;
}

/** An answer with what the screen says for its reason (in English) beside it, as `said`. */
export function said<T extends { reason?: Reason | null }>(answer: T): T & { said: string | null } {
  return { ...answer, said: words(answer) };
}
