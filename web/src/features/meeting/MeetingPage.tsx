// /r/<code>[?t=<invitation token>]: checks the room code (canonical address: the bare nine digits,
// query kept), then the pre-join screen (display name, camera and microphone check) and, after the
// join click, the meeting itself, which takes over the pre-join screen's devices and on-off state
// (or first the lobby's waiting screen). When the server asks for the room's password, the pre-join
// screen comes back with a password field. The session lives as long as this page: leaving the
// page (navigation, closing the tab) ends it and tells the server.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { checkInviteToken, INVITE_PARAM, roomIdFromPath, roomPath } from '../../lib/room-id';
import { Link, navigate, useLocation } from '../../lib/router';
import { Redirect } from '../../lib/ui/Redirect';
import { storeDisplayName } from './display-name';
import { MeetingSession, PASSWORD_CODES, type MeetingSnapshot } from './meeting-session';
import { MeetingView } from './MeetingView';
import { PrejoinForm, type PasswordRequest, type PrejoinResult } from './PrejoinForm';
import './meeting.css';

export function MeetingPage() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
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
  // Codes may be typed with separators: show the canonical address (/r/482-915-306/ → /r/482915306),
  // keeping the query (the invitation token).
  if (pathname !== roomPath(roomId)) {
    const query = search.toString();
    return <Redirect to={`${roomPath(roomId)}${query === '' ? '' : `?${query}`}`} />;
  }

  const inviteToken = checkInviteToken(search.get(INVITE_PARAM));
  // A new room (or invitation) is a new meeting (and a new session).
  return <Meeting key={`${roomId}/${inviteToken ?? ''}`} roomId={roomId} inviteToken={inviteToken} />;
}

function noSubscription(): () => void {
  return () => undefined;
}

function noSnapshot(): MeetingSnapshot | null {
  return null;
}

function Meeting({ roomId, inviteToken }: { roomId: string; inviteToken: string | null }) {
  const [session, setSession] = useState<MeetingSession | null>(null);
  /** Set once the server asked for the room's password: the form shows the field from then on. */
  const [passwordRequest, setPasswordRequest] = useState<PasswordRequest | undefined>(undefined);
  const [accountName, setAccountName] = useState<string | null>(null);
  const current = useRef<MeetingSession | null>(null);
  const snapshot = useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getSnapshot ?? noSnapshot);

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

  const account = snapshot?.account?.displayName ?? null;
  useEffect(() => {
    if (account !== null) setAccountName(account);
  }, [account]);

  // The room needs a password (or it was wrong): back to the form, with the password field.
  const fatal = snapshot?.fatal ?? null;
  const needsPassword = fatal !== null && PASSWORD_CODES.has(fatal);
  useEffect(() => {
    if (!needsPassword) return;
    end();
    setSession(null);
    setPasswordRequest({ error: fatal });
  }, [needsPassword, fatal, end]);

  const join = useCallback(
    ({ displayName, choices, media, password }: PrejoinResult) => {
      end();
      storeDisplayName(displayName);
      const next = new MeetingSession({
        roomId,
        displayName,
        inviteToken,
        mediaChoices: choices,
        ...(password === undefined ? {} : { password }),
        ...(media === null ? {} : { acquireMedia: () => media }),
      });
      current.current = next;
      setSession(next);
      next.start();
    },
    [end, roomId, inviteToken],
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

  if (session === null || needsPassword) {
    return (
      <PrejoinForm
        roomId={roomId}
        onJoin={join}
        password={needsPassword ? { error: fatal } : passwordRequest}
        accountName={accountName}
      />
    );
  }
  return <MeetingView session={session} onLeave={leave} onRejoin={backToForm} />;
}
