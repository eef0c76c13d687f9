import type { HandlersOf, StationContext } from './context';

/* Practice mode: a trainee packs on a demo warehouse of their own while the live station waits. */
export function practiceHandlers({ life, acks }: Pick<StationContext, 'life' | 'acks'>) {
  return {
    'practice.start': async () => {
      await life.startPractice();
      return acks.state();
    },
    'practice.stop': () => life.stopPractice(),
  } satisfies HandlersOf<'practice'>;
}
