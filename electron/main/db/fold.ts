/** Lower case without diacritics, so a search for "muller" finds "Müller". */
export function foldForSearch(value: string): string {
  return value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
