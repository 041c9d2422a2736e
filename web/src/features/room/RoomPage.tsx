// Placeholder for /r/<roomId>: confirms the room ID; the meeting UI comes in a later version.
import { useI18n } from '../../lib/i18n/i18n';
import { roomIdFromPath, roomPath } from '../../lib/room-id';
import { Link, useLocation } from '../../lib/router';
import { Redirect } from '../../lib/ui/Redirect';

export function RoomPage() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const roomId = roomIdFromPath(pathname);

  if (roomId === null) {
    return (
      <section className="card card--narrow">
        <h1>{t('room.title')}</h1>
        <p role="alert" data-testid="room-invalid">
          {t('room.invalid')}
        </p>
        <Link to="/">{t('room.backHome')}</Link>
      </section>
    );
  }
  // Room IDs are case-insensitive: show the canonical address (/r/ABC/ → /r/abc).
  if (pathname !== roomPath(roomId)) return <Redirect to={roomPath(roomId)} />;

  return (
    <section className="card card--narrow" aria-labelledby="room-title">
      <h1 id="room-title">{t('room.title')}</h1>
      <p className="room-id">
        <span className="room-id__label">{t('room.idLabel')}</span>{' '}
        <code className="room-id__value" data-testid="room-id">
          {roomId}
        </code>
      </p>
      <p className="notice">{t('room.comingSoon')}</p>
      <Link to="/">{t('room.backHome')}</Link>
    </section>
  );
}
