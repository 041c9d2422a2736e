// One row of the participant list: avatar, name (with "(Bạn)" and role badges), the state of
// hand, screen, microphone and camera, and for chairs the menu (and, while ordering, the
// display-priority buttons).
// Our own row can be renamed in place.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { LockIcon } from '../../lib/ui/icons';
import type { ChairMenuItem } from './chair-menu-items';
import { ChairMenu } from './ChairMenu';
import type { PanelSession } from './panel-session';
import { CameraIcon, ChevronIcon, HandIcon, MicrophoneIcon, ScreenShareIcon } from './icons';
import { PencilIcon } from './panel-icons';
import type { Person } from './people-order';
import { SelfRenameForm } from './SelfRenameForm';

/** Eight avatar colours, picked from the participant ID so that a person keeps theirs. */
function avatarTone(participantId: string): number {
  let hash = 0;
  for (const ch of participantId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % 8;
}

function initial(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? '?' : first.toLocaleUpperCase('vi');
}

export interface PriorityControls {
  /** 1-based place in the chair's order; null when not in it. */
  readonly rank: number | null;
  readonly canUp: boolean;
  readonly canDown: boolean;
  readonly onMove: (delta: -1 | 1) => void;
}

export function PersonRow({
  person,
  session,
  chairView,
  priority,
  ordering,
  onChairAction,
}: {
  person: Person;
  session: PanelSession;
  /** The viewer is a chair: the menu on others' rows. */
  chairView: boolean;
  priority: PriorityControls;
  /** The chair is ordering the display priority: up and down buttons. */
  ordering: boolean;
  onChairAction: (item: ChairMenuItem, person: Person) => void;
}) {
  const { t } = useI18n();
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);
  const { displayName: name } = person;

  useEffect(() => {
    // Back on the edit button once the inline form closes (saved or cancelled).
    if (wasRenaming.current && !renaming) renameButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);

  const microphone = person.microphoneLocked
    ? { icon: <LockIcon />, text: t('meeting.people.micLocked'), tone: 'off' }
    : person.microphone
      ? { icon: <MicrophoneIcon />, text: t('meeting.people.micOn'), tone: 'on' }
      : { icon: <MicrophoneIcon off />, text: t('meeting.people.micOff'), tone: 'off' };
  const camera = person.camera
    ? { icon: <CameraIcon />, text: t('meeting.people.cameraOn'), tone: 'on' }
    : { icon: <CameraIcon off />, text: t('meeting.people.cameraOff'), tone: 'off' };

  return (
    <li
      className={`person${person.handRaised ? ' person--hand' : ''}${person.isSelf ? ' person--self' : ''}`}
      data-testid="people-row"
      data-participant-id={person.participantId}
      data-role={person.role}
      data-microphone={person.microphone ? 'on' : 'off'}
      data-camera={person.camera ? 'on' : 'off'}
      data-hand={person.handRaised ? 'up' : 'down'}
      data-screen={person.screen ? 'on' : 'off'}
    >
      <span className={`person__avatar person__avatar--${avatarTone(person.participantId)}`} aria-hidden="true">
        {initial(name)}
      </span>

      <div className="person__main">
        {renaming ? (
          <SelfRenameForm name={name} session={session} onDone={() => setRenaming(false)} />
        ) : (
          <>
            <p className="person__name">
              <span className="person__name-text" data-testid="people-name">
                {name}
              </span>
              {person.isSelf && (
                <>
                  {' '}
                  <span className="person__you">{t('meeting.people.you')}</span>
                </>
              )}
            </p>
            <p className="person__badges">
              {priority.rank !== null && (
                <span className="person__badge person__badge--priority" title={t('meeting.people.priority', { n: priority.rank })}>
                  <span aria-hidden="true">#</span>
                  <span data-testid="people-priority">{priority.rank}</span>
                  <span className="visually-hidden"> ({t('meeting.people.priority', { n: priority.rank })})</span>
                </span>
              )}
              {person.role === 'chair' && <span className="person__badge person__badge--chair">{t('meeting.people.chair')}</span>}
              {person.guest && <span className="person__badge">{t('meeting.people.guest')}</span>}
            </p>
          </>
        )}
      </div>

      {/* While ordering, room for the arrows instead (the row's data-* still tell the state). */}
      {!renaming && !ordering && (
        <div className="person__state">
          {person.handRaised && (
            <span className="person__icon person__icon--hand" role="img" aria-label={t('meeting.people.hand')} title={t('meeting.people.hand')}>
              <HandIcon />
            </span>
          )}
          {person.screen && (
            <span className="person__icon person__icon--on" role="img" aria-label={t('meeting.people.screen')} title={t('meeting.people.screen')}>
              <ScreenShareIcon />
            </span>
          )}
          <span className={`person__icon person__icon--${microphone.tone}`} role="img" aria-label={microphone.text} title={microphone.text}>
            {microphone.icon}
          </span>
          <span className={`person__icon person__icon--${camera.tone}`} role="img" aria-label={camera.text} title={camera.text}>
            {camera.icon}
          </span>
        </div>
      )}

      {!renaming && (
        <div className="person__actions">
          {ordering && (
            <span className="person__priority">
              <button
                className="panel-icon-button panel-icon-button--small"
                type="button"
                disabled={!priority.canUp}
                onClick={() => priority.onMove(-1)}
                aria-label={t('meeting.people.priorityUp', { name })}
                title={t('meeting.people.priorityUp', { name })}
                data-testid="priority-up"
              >
                <ChevronIcon direction="up" />
              </button>
              <button
                className="panel-icon-button panel-icon-button--small"
                type="button"
                disabled={!priority.canDown}
                onClick={() => priority.onMove(1)}
                aria-label={t('meeting.people.priorityDown', { name })}
                title={t('meeting.people.priorityDown', { name })}
                data-testid="priority-down"
              >
                <ChevronIcon direction="down" />
              </button>
            </span>
          )}
          {person.isSelf ? (
            <button
              ref={renameButton}
              className="panel-icon-button"
              type="button"
              onClick={() => setRenaming(true)}
              aria-label={t('meeting.people.rename')}
              title={t('meeting.people.rename')}
              data-testid="people-self-rename"
            >
              <PencilIcon />
            </button>
          ) : (
            chairView && <ChairMenu person={person} onSelect={(item) => onChairAction(item, person)} />
          )}
        </div>
      )}
    </li>
  );
}
