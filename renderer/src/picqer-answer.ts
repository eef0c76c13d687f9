import type { PicqerAnswer, SyncStep } from '../../shared/domain';
import { isMessageKey, type Translate } from './i18n';

/** A list's name in the packer's language (the sync phases double as list names). */
export function listLabel(list: string, t: Translate): string {
  const key = `sync.phase.${list}`;
  return isMessageKey(key) ? t(key) : list.replace(/-/g, ' ');
}

/** "Sync of products, page 7 (offset 600)": which request failed, without Picqer's internal ids. */
export function stepText(step: SyncStep, t: Translate): string {
  const list = listLabel(step.list, t);
  if (step.offset === null) return t('status.sync.failedAt', { list });
  return t('status.sync.failedAtPage', { list, page: Math.floor(step.offset / 100) + 1, offset: step.offset });
}

/** "this account may not use this feature (HTTP 403, error 1, Picqer: “…”)". Picqer's own message is quoted, untranslated. */
export function answerText(answer: PicqerAnswer, t: Translate): string {
  const reasonKey = `answer.reason.${answer.code}`;
  const reason = isMessageKey(reasonKey) ? t(reasonKey) : t('answer.reason.other');
  const facts = [
    answer.httpStatus !== null ? t('answer.http', { status: answer.httpStatus }) : null,
    answer.picqerErrorCode !== null ? t('answer.errorCode', { code: answer.picqerErrorCode }) : null,
    answer.picqerMessage ? t('answer.picqerSays', { message: answer.picqerMessage }) : null,
  ].filter((f): f is string => f !== null);
  return facts.length > 0 ? `${reason} (${facts.join(', ')})` : reason;
}
