// /r/<roomId>: checks the room ID (canonical lower-case address), then the pre-join form (display
// name) and, after the join click, the meeting itself. The session lives as long as this page:
// leaving the page (navigation, closing the tab) ends it and tells the server.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { roomIdFromPath, roomPath } from '../../lib/room-id';
import { Link, navigate, useLocation } from '../../lib/router';
import { Redirect } from '../../lib/ui/Redirect';
import { storeDisplayName } from './display-name';
import { MeetingSession } from './meeting-session';
import { MeetingView } from './MeetingView';
import { PrejoinForm } from './PrejoinForm';
import './meeting.css';

export function MeetingPage() {
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

  // A new room is a new meeting (and a new session).
  return <Meeting key={roomId} roomId={roomId} />;
}

function Meeting({ roomId }: { roomId: string }) {
  const [session, setSession] = useState<MeetingSession | null>(null);
  const current = useRef<MeetingSession | null>(null);

  const end = useCallback(() => {
    current.current?.end();
    current.current = null;
  }, []);

  // Leaving the page, by any way, ends the session.
  useEffect(() => end, [end]);
  useEffect(() => {
    const onPageHide = () => {
      end();
      setSession(null);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [end]);

  const join = useCallback(
    (displayName: string) => {
      end();
      storeDisplayName(displayName);
      const next = new MeetingSession({ roomId, displayName });
      current.current = next;
      setSession(next);
      next.start();
    },
    [end, roomId],
  );

  const leave = useCallback(async () => {
    const leaving = current.current;
    current.current = null;
    await leaving?.leave();
    navigate('/');
  }, []);

  // "Join again" goes back to the form: the name may be what the server refused, and the click
  // there is a fresh user gesture for audio.
  const backToForm = useCallback(() => {
    end();
    setSession(null);
  }, [end]);

  if (session === null) return <PrejoinForm roomId={roomId} onJoin={join} />;
  return <MeetingView session={session} onLeave={leave} onRejoin={backToForm} />;
}
