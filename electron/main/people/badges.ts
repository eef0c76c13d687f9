import type { Language, User } from '../../../shared/domain';
import { renderBarcodeSheet } from '../documents/barcode-sheet';

/* The badge sheet: one badge per active Picqer user (or one user), to print and laminate. */

const words: Record<Language, { title: string; hint: string }> = {
  nl: { title: 'Packdesk: badges', hint: 'Scan je badge om je aan te melden op een pakstation. Knip de badges uit en plastificeer ze.' },
  en: { title: 'Packdesk: badges', hint: 'Scan your badge to sign in at a packing station. Cut the badges out and laminate them.' },
};

/** `sign` gives a user's signed badge code (people/badge-signature.ts): the sheet prints nothing a scan would refuse. */
export function renderBadgeSheet(users: User[], language: Language, sign: (iduser: number) => string): Promise<Buffer> {
  return renderBarcodeSheet({
    ...words[language],
    entries: users.map((user) => ({ label: user.name, note: user.username, code: sign(user.iduser) })),
  });
}
