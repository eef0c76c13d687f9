import { AlreadyPackedActions } from './AlreadyPackedActions';
import { useAnswerFlash } from './answer-flash';
import { answerHeadline, answerTone, batchHeadline, isStaleSerialQuestion, outcomeHeadline, toneOfOutcome, type AnswerTone } from '../scan/answer-text';
import { useReasonText, useT } from '../i18n/use-t';
import { errorKey } from '../i18n';
import { useScan, useSession } from '../stores/context';
import { selectAnswerSeq, selectLastAnswer, selectScanError, selectScanErrorCode } from '../stores/scan';
import { selectBatch, selectBatchLastScan, selectLastScan, selectSession } from '../stores/session';

interface Props {
  /** On the ready screen the panel is smaller and says nothing until there is something to say. */
  isCompact?: boolean;
}

/**
 * The answer to the last scan, in large colour-plus-text. Falls back to the session's own last
 * scan, so a reloaded screen still shows what the packer just heard.
 */
export function ScanAnswerPanel({ isCompact = false }: Props) {
  const t = useT();
  const words = useReasonText();
  const session = useSession(selectSession);
  const answer = useScan(selectLastAnswer);
  const seq = useScan(selectAnswerSeq);
  const error = useScan(selectScanError);
  const errorCode = useScan(selectScanErrorCode);
  const lastScan = useSession(selectLastScan);
  const batchLastScan = useSession(selectBatchLastScan);
  const batch = useSession(selectBatch);
  const flashRef = useAnswerFlash<HTMLDivElement>(seq);

  let tone: AnswerTone | null = null;
  let headline = '';
  let detail: string | null = null;
  let amount: number | null = null;
  let code: string | null = null;

  if (error) {
    tone = 'bad';
    headline = t('answer.failed', { code: errorCode ?? '' });
    detail = error.isTransport ? t('error.transport') : error.reason ? words(error.reason) : t(errorKey(error.code));
  } else if (answer && !isCompact && (session || batch) && isStaleSerialQuestion(answer, session?.serialWanted ?? batch?.serialWanted)) {
    tone = 'info';
    headline = t('answer.serialDropped', { product: answer.product?.name ?? answer.code });
    code = answer.code;
  } else if (answer && !(isCompact && (answer.kind === 'product' || answer.kind === 'opened'))) {
    // On the ready screen a product answer belongs to the picklist that just left: not shown.
    tone = answerTone(answer);
    headline = answerHeadline(answer, session, t);
    // For a product the headline already names it; main's sentence adds to it only where it says
    // more (how many are still needed, what the barcode was not).
    const addsToHeadline = answer.kind === 'packaging' || answer.kind === 'already_packed' ? false : answer.kind !== 'product' || !['wrong_item', 'set_scanned', 'counted', 'line_complete'].includes(answer.outcome ?? '');
    detail = addsToHeadline && answer.reason ? words(answer.reason) : null;
    // A barcode of a product Picqer lists as inactive is never taken for an ordinary one unsaid.
    if (answer.product?.isInactive) detail = detail ? `${t('answer.inactiveProduct')} ${detail}` : t('answer.inactiveProduct');
    code = answer.code;
    if (answer.kind === 'product' && (answer.outcome === 'counted' || answer.outcome === 'line_complete') && answer.amount > 1) amount = answer.amount;
  } else if (lastScan && !isCompact) {
    tone = toneOfOutcome(lastScan.outcome);
    headline = outcomeHeadline(lastScan.outcome, lastScan.productName, lastScan.code, t);
    code = lastScan.code;
  } else if (batchLastScan && !isCompact) {
    tone = toneOfOutcome(batchLastScan.outcome);
    headline =
      batchLastScan.slot !== null
        ? batchHeadline(batchLastScan.outcome, batchLastScan.slot, batchLastScan.productName, t)
        : outcomeHeadline(batchLastScan.outcome, batchLastScan.productName, batchLastScan.code, t);
    code = batchLastScan.code;
  }

  if (tone === null) {
    return isCompact ? null : <div className="answer answer--empty" data-testid="scan-answer" data-seq={seq} aria-hidden="true" />;
  }
  return (
    <div
      className={`answer answer--${tone}${isCompact ? ' answer--compact' : ''}`}
      data-testid="scan-answer"
      data-tone={tone}
      data-seq={seq}
      role="status"
      aria-live="assertive"
      // Flashed by the hook on every new answer, the same one twice included; never remounted.
      ref={flashRef}
    >
      <p className="answer__headline">
        {amount !== null ? <span className="answer__amount">+{amount}</span> : null}
        {headline}
      </p>
      {detail ? <p className="answer__detail">{detail}</p> : null}
      {code && !isCompact && !headline.includes(code) ? <p className="answer__code">{code}</p> : null}
      {answer?.kind === 'already_packed' && answer.packed && !error ? <AlreadyPackedActions packed={answer.packed} /> : null}
    </div>
  );
}
