import { AppError } from '../../../shared/errors';
import { reason } from '../../../shared/reasons';
import { getUser, getUsers } from '../db/queries/users';
import { createLogger } from '../infra/log';
import { renderBadgeSheet } from '../people/badges';
import { findUser } from '../station/lookups';
import type { HandlersOf, StationContext } from './context';

const log = createLogger('station');

/* Packers signing in and out, their badges, and the shift lead's unlock. */
export function peopleHandlers({ life, lead, badges, acks }: Pick<StationContext, 'life' | 'lead' | 'badges' | 'acks'>) {
  return {
    // Packers sign in to the backend the station runs on, never to one Setup is only trying.
    'packer.signIn': async ({ iduser }) => {
      await life.signIn(iduser);
      return acks.state();
    },

    'packer.signOut': () => {
      life.signOut();
      return acks.state();
    },

    'packer.badges': async ({ iduser }) => {
      const users = getUsers(life.db(), { activeOnly: true }).filter((u) => iduser === undefined || u.iduser === iduser);
      if (users.length === 0) throw new AppError('NOT_FOUND', iduser === undefined ? reason('station.noActiveUsers') : reason('station.userNotFound', { iduser }));
      const pdf = await renderBadgeSheet(users, life.language(), badges.sign);
      return { filename: iduser === undefined ? 'packdesk-badges.pdf' : `packdesk-badge-${iduser}.pdf`, pdfBase64: pdf.toString('base64') };
    },

    'lead.unlock': async (input) => {
      if ('pin' in input) {
        lead.unlockWithPin(input.pin, life.packer());
        return acks.state();
      }
      const badge = badges.verify(input.badge);
      if (!badge?.ok) {
        log.warn('refused a badge offered to unlock', { refusal: badge?.refusal ?? 'not_a_badge', iduser: badge?.iduser ?? null });
        throw new AppError('FORBIDDEN', reason('badge.invalid'));
      }
      const live = life.connected();
      const cached = live ? getUser(live.db, badge.iduser) : null;
      lead.unlockWithBadge(cached ? { iduser: cached.iduser, name: cached.name } : await findUser(life.setupBackend(), badge.iduser));
      return acks.state();
    },

    'lead.lock': () => {
      lead.lock();
      return acks.state();
    },

    'lead.configure': (input) => {
      lead.configure(input, life.packer());
      return acks.state();
    },
  } satisfies HandlersOf<'packer' | 'lead'>;
}
