import { useEffect, useMemo } from 'react';
import { ErrorMessage } from '../components/ErrorMessage';
import { PeopleActions } from '../components/PeopleActions';
import { useT } from '../i18n/use-t';
import { selectIsSigningIn, selectPackerError, selectStationName } from '../stores/app';
import { useApp, useStores, useUsers } from '../stores/context';
import { activeUsersByName, selectAreUsersLoading, selectHaveUsersLoaded, selectUsers, selectUsersError } from '../stores/users';

/** A panel above the queue while nobody is signed in at this station: one large button per packer. */
export function PackerChooser() {
  const t = useT();
  const { app, users: usersStore } = useStores();
  const stationName = useApp(selectStationName);
  const isSigningIn = useApp(selectIsSigningIn);
  const signInError = useApp(selectPackerError);
  const users = useUsers(selectUsers);
  const isLoading = useUsers(selectAreUsersLoading);
  const hasLoaded = useUsers(selectHaveUsersLoaded);
  const loadError = useUsers(selectUsersError);
  const packers = useMemo(() => activeUsersByName(users), [users]);

  useEffect(() => {
    void usersStore.getState().load();
  }, [usersStore]);

  return (
    <section className="packer-chooser" aria-labelledby="packer-title">
      <div className="packer-chooser__intro">
        <h2 id="packer-title" className="packer-chooser__title">
          {t('packer.title')}
        </h2>
        <p className="packer-chooser__hint">{t('packer.hint', { station: stationName ?? '' })}</p>
      </div>
      {loadError ? <ErrorMessage error={loadError} t={t} onRetry={() => void usersStore.getState().load()} /> : null}
      {signInError ? <ErrorMessage error={signInError} t={t} /> : null}
      {isLoading && !hasLoaded ? (
        <p role="status">{t('packer.loading')}</p>
      ) : hasLoaded && packers.length === 0 ? (
        <p role="status">{t('packer.none')}</p>
      ) : (
        <ul className="packer-chooser__list">
          {packers.map((user) => (
            <li key={user.iduser}>
              <button
                type="button"
                className="packer-chooser__button"
                disabled={isSigningIn}
                onClick={() => void app.getState().signIn(user.iduser)}
              >
                {user.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {isSigningIn ? <p role="status">{t('packer.signingIn')}</p> : null}
      <PeopleActions />
    </section>
  );
}
