import { useT } from '../i18n/use-t';
import { useSound, useStores } from '../stores/context';
import { selectIsMuted } from '../stores/sound';

export function MuteToggle() {
  const t = useT();
  const { sound } = useStores();
  const isMuted = useSound(selectIsMuted);
  return (
    <button
      type="button"
      className={`button button--small mute${isMuted ? ' mute--off' : ''}`}
      aria-pressed={!isMuted}
      aria-label={t('status.sound')}
      onClick={() => sound.getState().toggleMute()}
    >
      {isMuted ? t('status.sound.off') : t('status.sound.on')}
    </button>
  );
}
