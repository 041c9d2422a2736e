// The result of creating a room: its code to read out, the invitation link (shown only now),
// copy buttons, a ready-to-paste invitation and the way in. Focus moves to the heading so that
// screen-reader and keyboard users land on the result.
import { useEffect, useId, useRef, useState } from 'react';
import type { CreatedRoom } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import { formatRoomCode, roomPath } from '../../lib/room-id';
import { navigate } from '../../lib/router';
import { CheckIcon } from '../../lib/ui/icons';
import { CopyButton, CopyStatus, LinkCopyRow } from './CopyControls';
import { ClockIcon, EnterIcon } from './icons';
import { invitationText, invitationUrl } from './invitation';
import { formatMeetingTime } from './meeting-time';
import { useCopy } from './use-copy';

export interface RoomCreatedProps {
  readonly created: CreatedRoom;
  /** The password just set, kept only in memory to offer it for the invitation; null if none. */
  readonly password: string | null;
  readonly onAnother: () => void;
}

export function RoomCreated({ created, password, onAnother }: RoomCreatedProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const invitationBox = useRef<HTMLPreElement>(null);
  const codeBox = useRef<HTMLParagraphElement>(null);
  const [includePassword, setIncludePassword] = useState(false);
  const copying = useCopy();

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const { room, inviteToken } = created;
  const origin = window.location.origin;
  const link = invitationUrl(origin, room.id, inviteToken);
  const code = formatRoomCode(room.id);
  const text = invitationText(
    lang,
    {
      title: room.title,
      scheduledAt: room.scheduledAt,
      roomId: room.id,
      link,
      site: origin,
      passwordProtected: room.passwordProtected,
      password: includePassword ? password : null,
    },
    (ms) => formatMeetingTime(lang, ms, { withZone: true }),
  );

  const selectNode = (node: HTMLElement | null) => () => {
    if (node !== null) window.getSelection()?.selectAllChildren(node);
  };

  return (
    <section className="room-created" aria-labelledby={`${id}-heading`} data-testid="room-created">
      <h3 id={`${id}-heading`} className="room-created__heading" tabIndex={-1} ref={heading}>
        <CheckIcon className="room-created__check" />
        <span>{t('home.rooms.created.heading', { title: room.title })}</span>
      </h3>
      <p className="room-created__when">
        <ClockIcon />
        <span className="visually-hidden">{t('home.rooms.created.when')}: </span>
        {room.scheduledAt === null ? (
          t('home.rooms.created.instant')
        ) : (
          <time dateTime={new Date(room.scheduledAt).toISOString()}>{formatMeetingTime(lang, room.scheduledAt)}</time>
        )}
      </p>

      <div className="room-created__code">
        <span className="room-created__label">
          {t('home.rooms.created.code')}
        </span>
        <p className="room-code" ref={codeBox} data-testid="room-created-code">
          {code}
        </p>
        <CopyButton
          compact
          label={t('home.rooms.copyCode')}
          onCopy={() => copying.copy('code', code, selectNode(codeBox.current))}
          testId="room-created-copy-code"
        />
      </div>

      <div className="field">
        <label htmlFor={`${id}-link`}>{t('home.rooms.created.link')}</label>
        <LinkCopyRow
          id={`${id}-link`}
          link={link}
          input={linkInput}
          feedback={copying}
          describedBy={`${id}-link-hint`}
          testIds={{ link: 'room-created-link', copy: 'room-created-copy-link' }}
        />
        <p className="field__hint" id={`${id}-link-hint`}>
          {t('home.rooms.created.linkHint')}
        </p>
      </div>

      <CopyStatus feedback={copying} />

      <div className="invitation">
        <h4 className="invitation__heading">
          {t('home.rooms.invitation.heading')}
        </h4>
        <p className="field__hint">{t('home.rooms.invitation.hint')}</p>
        {password !== null && (
          <label className="home-check">
            <input
              type="checkbox"
              checked={includePassword}
              onChange={(e) => setIncludePassword(e.target.checked)}
            />
            <span>{t('home.rooms.invitation.includePassword')}</span>
          </label>
        )}
        <pre className="invitation__text" ref={invitationBox} data-testid="room-created-invitation">
          {text}
        </pre>
        <CopyButton
          compact
          label={t('home.rooms.copyInvitation')}
          onCopy={() => copying.copy('invitation', text, selectNode(invitationBox.current))}
        />
      </div>

      <div className="room-created__actions">
        <button
          className="button button--primary"
          type="button"
          onClick={() => navigate(roomPath(room.id, inviteToken))}
          data-testid="room-created-enter"
        >
          <EnterIcon />
          {t('home.rooms.enter')}
        </button>
        <button className="button" type="button" onClick={onAnother}>
          {t('home.rooms.another')}
        </button>
      </div>
    </section>
  );
}
