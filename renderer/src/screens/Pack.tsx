import { AssignedElsewhere } from '../components/AssignedElsewhere';
import { LookalikeWarning } from '../components/LookalikeWarning';
import { ErrorMessage } from '../components/ErrorMessage';
import { OrderNotes } from '../components/OrderNotes';
import { PackActions } from '../components/PackActions';
import { PackHeader } from '../components/PackHeader';
import { PackLines } from '../components/PackLines';
import { PackProgress } from '../components/PackProgress';
import { ScanAnswerPanel } from '../components/ScanAnswerPanel';
import { SessionBanner } from '../components/SessionBanner';
import { ShippingPanel } from '../components/ShippingPanel';
import { WeightCheckAlert } from '../components/WeightCheckAlert';
import { SerialPrompt } from '../components/SerialPrompt';
import { BoxAdvicePanel } from '../components/BoxAdvicePanel';
import { useT } from '../i18n/use-t';
import { Batch } from './Batch';
import { useLookalikes, useSession, useUi } from '../stores/context';
import { selectLookalikes } from '../stores/lookalikes';
import { selectDialogKind } from '../stores/ui';
import { selectBatch, selectSession, selectSessionBusy, selectSessionError } from '../stores/session';

/** One picklist being packed (or a batch, in its own screen): what goes in the box, what the last scan did, and how to finish. */
export function Pack() {
  const t = useT();
  const dialogKind = useUi(selectDialogKind);
  const session = useSession(selectSession);
  const busy = useSession(selectSessionBusy);
  const error = useSession(selectSessionError);
  const lookalikes = useLookalikes(selectLookalikes);
  const batch = useSession(selectBatch);

  if (batch) return <Batch batch={batch} />;
  if (!session) {
    return (
      <section className="pack pack--none">
        <p className="lead">{t('pack.none')}</p>
      </section>
    );
  }
  const isPacking = session.state === 'packing';

  return (
    <section className="pack" aria-label={t('pack.title', { picklistid: session.picklistid })} data-idpicklist={session.idpicklist}>
      <div className="pack__main">
        <PackHeader session={session} t={t} />
        <ScanAnswerPanel />
        <AssignedElsewhere session={session} t={t} />
        <SessionBanner session={session} t={t} />
        <SerialPrompt wanted={session.serialWanted ?? null} t={t} />
        <WeightCheckAlert check={session.shipping.weightCheck} t={t} />
        <BoxAdvicePanel shipping={session.shipping} t={t} />
        <LookalikeWarning warnings={lookalikes} t={t} />
        {error && dialogKind === null ? <ErrorMessage error={error} t={t} title={t('pack.actionFailed')} /> : null}
        <PackLines session={session} t={t} canConfirm={isPacking && busy === null} />
      </div>
      {/* Progress and the way out stay top right, where the packer looks after every scan. */}
      <aside className="pack__side">
        <PackProgress verified={session.verifiedUnits} units={session.units} t={t} />
        <PackActions t={t} />
        <OrderNotes session={session} t={t} />
        <ShippingPanel shipping={session.shipping} t={t} disabled={!isPacking || busy !== null} />
      </aside>
    </section>
  );
}
