// Home (F4): product name and tagline; join by room code or link; for a signed-in user, create a
// room (now or scheduled) and the list of their rooms. Anonymous visitors are told that signing
// in lets them create rooms.
import { useCallback, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import { CreateRoomCard } from './CreateRoomCard';
import { JoinCard } from './JoinCard';
import { MyRooms } from './MyRooms';
import './home.css';

export function HomePage() {
  const { t } = useI18n();
  const { state } = useSession();
  const [roomsVersion, setRoomsVersion] = useState(0);
  const reloadRooms = useCallback(() => setRoomsVersion((n) => n + 1), []);
  const user = state.status === 'authenticated' && !state.session.user.mustChangePassword ? state.session.user : null;

  return (
    <div className="home">
      <section className="hero">
        <h1 className="hero__title">{t('app.name')}</h1>
        <p className="hero__tagline">{t('app.tagline')}</p>
      </section>
      {user === null ? (
        <>
          <JoinCard />
          <p className="home__sign-in">
            {t('home.rooms.signInHint')} <Link to="/login">{t('home.rooms.signInLink')}</Link>
          </p>
        </>
      ) : (
        <>
          <div className="home__grid">
            <CreateRoomCard displayName={user.displayName} onCreated={reloadRooms} />
            <JoinCard className="card home__join" />
          </div>
          <MyRooms reloadKey={roomsVersion} />
        </>
      )}
    </div>
  );
}
