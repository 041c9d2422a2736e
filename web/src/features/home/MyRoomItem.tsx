// One of "Phòng của tôi": title, code, time and settings badges; enter (the owner needs no
// invitation: owners enter as chair), a new invitation link (the old one stops working), delete
// after confirmation (refused with 409 meeting_in_progress while a meeting runs).
import { useId, useRef, useState, type ReactElement } from 'react';
import { deleteRoom, renewInvitation } from '../../lib/api';
import type { Room } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import { problemFrom, type Problem } from '../../lib/problem';
import { formatRoomCode, roomPath } from '../../lib/room-id';
import { navigate } from '../../lib/router';
import { ConfirmDialog } from '../../lib/ui/ConfirmDialog';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { LockIcon } from '../../lib/ui/icons';
import { CopyStatus, LinkCopyRow } from './CopyControls';
import { ClockIcon, EnterIcon, HourglassIcon, KeyIcon, PersonIcon, RefreshIcon, TrashIcon } from './icons';
import { invitationUrl } from './invitation';
import { formatMeetingTime } from './meeting-time';
import { useCopy } from './use-copy';

export interface MyRoomItemProps {
  readonly room: Room;
  readonly onDeleted: (room: Room) => void;
}

export function MyRoomItem({ room, onDeleted }: MyRoomItemProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const [renewing, setRenewing] = useState(false);
  const [renewedLink, setRenewedLink] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const copying = useCopy();
  const code = formatRoomCode(room.id);

  async function handleRenew() {
    if (renewing) return;
    setRenewing(true);
    setProblem(null);
    try {
      const invitation = await renewInvitation(room.id);
      setRenewedLink(invitationUrl(window.location.origin, room.id, invitation.inviteToken));
      // Focus the new link, ready to copy; the status line tells that the old one is dead.
      requestAnimationFrame(() => linkInput.current?.focus());
    } catch (error: unknown) {
      setProblem(problemFrom(error, 'home'));
    } finally {
      setRenewing(false);
    }
  }

  async function handleDelete() {
    setDeleting(true);
    try {
      await deleteRoom(room.id);
      setConfirming(false);
      onDeleted(room);
    } catch (error: unknown) {
      setProblem(problemFrom(error, 'home'));
      setConfirming(false);
      setDeleting(false);
    }
  }

  const badges: { key: string; icon: ReactElement; text: string }[] = [];
  if (room.passwordProtected) badges.push({ key: 'password', icon: <KeyIcon />, text: t('home.rooms.badge.password') });
  if (room.lobbyEnabled) badges.push({ key: 'lobby', icon: <HourglassIcon />, text: t('home.rooms.badge.lobby') });
  if (room.locked) badges.push({ key: 'locked', icon: <LockIcon />, text: t('home.rooms.badge.locked') });
  if (room.allowGuests) badges.push({ key: 'guests', icon: <PersonIcon />, text: t('home.rooms.badge.guests') });

  return (
    <li className="room-item" data-testid="my-room" data-room-id={room.id} aria-labelledby={`${id}-title`}>
      <div className="room-item__main">
        <h3 className="room-item__title" id={`${id}-title`}>
          {room.title}
        </h3>
        <p className="room-item__meta">
          <span className="room-item__code">
            <span className="room-item__code-label">{t('home.rooms.mine.codeLabel')} </span>
            <strong data-testid="my-room-code">{code}</strong>
          </span>
          <span className="room-item__time">
            <ClockIcon />
            {room.scheduledAt === null ? (
              t('home.rooms.mine.instant')
            ) : (
              <time dateTime={new Date(room.scheduledAt).toISOString()}>{formatMeetingTime(lang, room.scheduledAt)}</time>
            )}
          </span>
        </p>
        {badges.length > 0 && (
          <ul className="room-badges" aria-label={t('home.rooms.badges')}>
            {badges.map((badge) => (
              <li key={badge.key} className={`room-badge room-badge--${badge.key}`} data-badge={badge.key}>
                {badge.icon}
                {badge.text}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="room-item__actions">
        <button
          className="button button--primary button--compact"
          type="button"
          onClick={() => navigate(roomPath(room.id))}
          aria-label={t('home.rooms.enterRoom', { title: room.title })}
          data-testid="my-room-enter"
        >
          <EnterIcon />
          {t('home.rooms.enter')}
        </button>
        <button
          className="button button--compact"
          type="button"
          onClick={() => void handleRenew()}
          aria-disabled={renewing}
          aria-label={renewing ? undefined : t('home.rooms.renewRoom', { title: room.title })}
          data-testid="my-room-renew"
        >
          <RefreshIcon />
          {renewing ? t('home.rooms.renewing') : t('home.rooms.renew')}
        </button>
        <button
          className="button button--danger-outline button--compact"
          type="button"
          onClick={() => {
            setProblem(null);
            setConfirming(true);
          }}
          aria-label={t('home.rooms.deleteRoom', { title: room.title })}
          data-testid="my-room-delete"
        >
          <TrashIcon />
          {t('home.rooms.delete')}
        </button>
      </div>

      {renewedLink !== null && (
        <div className="room-item__renewed">
          <p className="notice notice--warning" role="status">
            {t('home.rooms.renewed')}
          </p>
          <label className="visually-hidden" htmlFor={`${id}-link`}>
            {t('home.rooms.created.link')}
          </label>
          <LinkCopyRow
            id={`${id}-link`}
            link={renewedLink}
            input={linkInput}
            feedback={copying}
            testIds={{ link: 'my-room-link', copy: 'my-room-copy-link' }}
          />
          <CopyStatus feedback={copying} />
        </div>
      )}

      {problem !== null && (
        <div className="room-item__problem">
          <ErrorMessage problem={problem} testId="my-room-error" />
        </div>
      )}

      {confirming && (
        <ConfirmDialog
          title={t('home.rooms.confirmDelete.title')}
          text={t('home.rooms.confirmDelete.body', { title: room.title, code })}
          acceptLabel={deleting ? t('home.rooms.confirmDelete.deleting') : t('home.rooms.confirmDelete.accept')}
          cancelLabel={t('home.rooms.confirmDelete.cancel')}
          onAccept={() => void handleDelete()}
          onCancel={() => setConfirming(false)}
          busy={deleting}
          testIds={{ accept: 'confirm-delete-accept' }}
        />
      )}
    </li>
  );
}
