/** The renderer's words come from the shared catalogue, which main also writes Picqer's texts from. */
export { catalogues, createT, errorKey, isMessageKey, localeOf, reasonText, translate } from '../../../shared/i18n';
export type { CatalogueKey, MessageKey, Translate, Vars } from '../../../shared/i18n';
