import { useT } from '../i18n/use-t';
import { useDisplay, useStores } from '../stores/context';
import { contrastModes, selectContrast, selectTextSize, textSizes } from '../stores/display';

/** Contrast and text size for this station's screen; applied at once. */
export function DisplaySettings() {
  const t = useT();
  const { display } = useStores();
  const contrast = useDisplay(selectContrast);
  const textSize = useDisplay(selectTextSize);
  return (
    <div className="display-settings">
      <fieldset>
        <legend>{t('display.contrast')}</legend>
        {contrastModes.map((mode) => (
          <label key={mode} className="display-settings__choice">
            <input type="radio" name="display-contrast" value={mode} checked={contrast === mode} onChange={() => display.getState().set({ contrast: mode })} />{' '}
            {t(`display.contrast.${mode}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('display.textSize')}</legend>
        {textSizes.map((size) => (
          <label key={size} className="display-settings__choice">
            <input type="radio" name="display-text-size" value={size} checked={textSize === size} onChange={() => display.getState().set({ textSize: size })} />{' '}
            {t(`display.textSize.${size}`)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
