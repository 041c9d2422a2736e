// The bottom toolbar of the meeting (like Google Meet's): microphone and camera toggles with their
// device menus, screen sharing, the raised hand, the chat and participant panels, the keyboard
// shortcut list and the red leave button; above it, what the participant must know about their
// own media (a chair's action, a request to unmute, the microphone lock, an ongoing share).
// Labels show under the icons on wide screens; on a phone the buttons are icons with their names
// as aria-label (and title: the tooltip).
import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { CloseIcon } from '../../lib/ui/icons';
import { DeviceMenu, type DeviceSection } from './DeviceMenu';
import { CameraIcon, ChatIcon, HandIcon, KeyboardIcon, LeaveIcon, MicrophoneIcon, PeopleIcon, ScreenShareIcon } from './icons';
import type { MeetingSession, MeetingSnapshot } from './meeting-session';
import { ShortcutsDialog } from './ShortcutsDialog';
import type { SidePanelName } from './side-panel-name';
import { useChatUnread } from './use-chat-unread';
import { useModerationNotices } from './use-moderation-notices';
import { SHORTCUT_KEY, useShortcuts, type ShortcutAction } from './use-shortcuts';
import './toolbar.css';

/** What the toolbar asks of the session (a seam for tests). */
export type ToolbarSession = Pick<
  MeetingSession,
  'setMicrophone' | 'setCamera' | 'switchDevice' | 'setSpeaker' | 'startScreenShare' | 'stopScreenShare' | 'raiseHand'
>;

const MODERATION_TEXT: Readonly<Record<string, MessageKey>> = {
  mute: 'meeting.controls.moderation.mute',
  muteAll: 'meeting.controls.moderation.muteAll',
  stopCamera: 'meeting.controls.moderation.stopCamera',
  stopScreen: 'meeting.controls.moderation.stopScreen',
};

function ToolbarButton({
  text,
  name,
  icon,
  pressed,
  disabled = false,
  busy = false,
  tone,
  describedBy,
  tooltip,
  onClick,
  testId,
  className,
  children,
}: {
  /** The visible label (wide screens). */
  text: string;
  /** The accessible name: the label with its shortcut key. */
  name: string;
  /** The tooltip, when it says more than the name (why the button is disabled). */
  tooltip?: string | undefined;
  icon: ReactNode;
  pressed?: boolean;
  disabled?: boolean;
  busy?: boolean;
  /** `off`: a device that is off (red, as people expect); `active`: a panel or state that is on. */
  tone?: 'off' | 'active' | undefined;
  describedBy?: string | undefined;
  onClick: () => void;
  testId: string;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`toolbar__button${tone === undefined ? '' : ` toolbar__button--${tone}`}${busy ? ' toolbar__button--busy' : ''}${className === undefined ? '' : ` ${className}`}`}
      aria-label={name}
      title={tooltip ?? name}
      aria-pressed={pressed}
      aria-busy={busy || undefined}
      aria-describedby={describedBy}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
    >
      <span className="toolbar__icon">
        {icon}
        {children}
      </span>
      <span className="toolbar__label" aria-hidden="true">
        {text}
      </span>
    </button>
  );
}

export function Toolbar({
  session,
  snapshot,
  panel,
  onPanelChange,
  leaving,
  onLeave,
}: {
  session: ToolbarSession;
  snapshot: MeetingSnapshot;
  /** The side panel open beside the stage (MeetingView's state). */
  panel: SidePanelName | null;
  onPanelChange: (panel: SidePanelName | null) => void;
  leaving: boolean;
  onLeave: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const { local } = snapshot;
  const chair = snapshot.role === 'chair';
  const locked = snapshot.microphoneLocked && !chair;
  const shareAllowed = snapshot.permissions?.shareContent !== false;
  const handRaised = snapshot.self?.handRaised === true;
  const unread = useChatUnread(snapshot, panel === 'chat');
  const lobbyWaiting = chair ? snapshot.lobby.length : 0;
  const people = snapshot.roster.length + 1;
  const moderation = useModerationNotices(snapshot.moderation, snapshot.role);
  const withKey = (action: string, shortcut: ShortcutAction) => t('meeting.controls.withKey', { action, key: SHORTCUT_KEY[shortcut] });

  const toggleMicrophone = () => {
    if (!locked) void session.setMicrophone(!local.microphone);
  };
  const toggleCamera = () => void session.setCamera(!local.camera);
  const toggleScreen = () => {
    if (local.screen) void session.stopScreenShare();
    else if (local.canShareScreen && shareAllowed) void session.startScreenShare();
  };
  const toggleHand = () => void session.raiseHand(!handRaised);
  const togglePanel = (name: SidePanelName) => onPanelChange(panel === name ? null : name);

  useShortcuts((action) => {
    switch (action) {
      case 'microphone':
        toggleMicrophone();
        break;
      case 'camera':
        toggleCamera();
        break;
      case 'screen':
        toggleScreen();
        break;
      case 'hand':
        toggleHand();
        break;
      case 'chat':
      case 'people':
        togglePanel(action);
        break;
      case 'help':
        setShortcutsOpen(true);
        break;
    }
  });

  const microphoneSections: DeviceSection[] = [
    { kind: 'audioinput', devices: local.devices.microphones, chosen: local.microphoneId, inUse: local.microphoneInUse },
  ];
  if (local.canChooseSpeaker) {
    microphoneSections.push({ kind: 'audiooutput', devices: local.devices.speakers, chosen: local.speakerId, inUse: null });
  }
  const cameraSections: DeviceSection[] = [
    { kind: 'videoinput', devices: local.devices.cameras, chosen: local.cameraId, inUse: local.cameraInUse },
  ];
  const selectDevice = (kind: MediaDeviceKind, deviceId: string) => {
    if (kind === 'audiooutput') session.setSpeaker(deviceId);
    else void session.switchDevice(kind, deviceId);
  };

  const microphoneText = locked
    ? t('meeting.controls.microphone.locked')
    : t(local.microphone ? 'meeting.controls.microphone.turnOff' : 'meeting.controls.microphone.turnOn');
  const cameraText = t(local.camera ? 'meeting.controls.camera.turnOff' : 'meeting.controls.camera.turnOn');
  const screenText = t(local.screen ? 'meeting.controls.screen.stop' : 'meeting.controls.screen.start');
  const handText = t(handRaised ? 'meeting.controls.hand.lower' : 'meeting.controls.hand.raise');
  const chatText = t('meeting.controls.chat');
  const peopleText = t('meeting.controls.people');
  const chatName = unread > 0 ? `${chatText} — ${t('meeting.controls.chat.unread', { count: unread })}` : chatText;
  const peopleName = [
    peopleText,
    t('meeting.controls.people.count', { count: people }),
    ...(lobbyWaiting > 0 ? [t('meeting.controls.people.lobby', { count: lobbyWaiting })] : []),
  ].join(' — ');
  const askUnmute = moderation.askUnmute && !local.microphone;
  const noticeText = moderation.notice === null ? undefined : MODERATION_TEXT[moderation.notice];

  return (
    <div className="toolbar-dock">
      <div className="toolbar-notices">
        {moderation.notice !== null && noticeText !== undefined && (
          <div className="toolbar-notice" role="status" data-testid="moderation-notice" data-action={moderation.notice}>
            <p className="toolbar-notice__text">{t(noticeText)}</p>
            <button type="button" className="toolbar-notice__close" onClick={moderation.dismissNotice} aria-label={t('meeting.controls.dismiss')} title={t('meeting.controls.dismiss')}>
              <CloseIcon />
            </button>
          </div>
        )}
        {askUnmute && !locked && (
          <div className="toolbar-notice toolbar-notice--ask" role="alert" data-testid="ask-unmute-prompt">
            <p className="toolbar-notice__text">{t('meeting.controls.askUnmute.text')}</p>
            <div className="toolbar-notice__actions">
              <button
                type="button"
                className="button button--primary"
                onClick={() => {
                  moderation.dismissAskUnmute();
                  void session.setMicrophone(true);
                }}
                data-testid="ask-unmute-accept"
              >
                {t('meeting.controls.askUnmute.accept')}
              </button>
              <button type="button" className="button" onClick={moderation.dismissAskUnmute}>
                {t('meeting.controls.askUnmute.dismiss')}
              </button>
            </div>
          </div>
        )}
        {locked && (
          <p className="toolbar-notice toolbar-notice--locked" id={`${id}-locked`} data-testid="microphone-locked-notice">
            {t('meeting.controls.lockedNotice')}
          </p>
        )}
        {local.screen && (
          <div className="toolbar-notice toolbar-notice--sharing" role="status">
            <p className="toolbar-notice__text">{t('meeting.controls.screen.sharing')}</p>
            <button type="button" className="button" onClick={() => void session.stopScreenShare()}>
              {t('meeting.controls.screen.stop')}
            </button>
          </div>
        )}
        {local.screenFailed && !local.screen && (
          <p className="toolbar-notice toolbar-notice--warning" role="alert">
            {t('meeting.controls.screen.failed')}
          </p>
        )}
      </div>

      <div className="toolbar" role="group" aria-label={t('meeting.controls.toolbar')} data-testid="meeting-toolbar">
        <div className="toolbar__group">
          <div className="toolbar__split">
            <ToolbarButton
              text={microphoneText}
              name={withKey(microphoneText, 'microphone')}
              icon={<MicrophoneIcon off={!local.microphone} />}
              pressed={local.microphone}
              disabled={locked}
              busy={local.pending.microphone}
              tone={local.microphone ? undefined : 'off'}
              describedBy={locked ? `${id}-locked` : undefined}
              tooltip={locked ? t('meeting.controls.lockedNotice') : undefined}
              onClick={toggleMicrophone}
              testId="toolbar-microphone"
            />
            <DeviceMenu
              label={t('meeting.controls.microphone.menu')}
              sections={microphoneSections}
              onSelect={selectDevice}
              testId="toolbar-microphone-menu"
            />
          </div>
          <div className="toolbar__split">
            <ToolbarButton
              text={cameraText}
              name={withKey(cameraText, 'camera')}
              icon={<CameraIcon off={!local.camera} />}
              pressed={local.camera}
              busy={local.pending.camera}
              tone={local.camera ? undefined : 'off'}
              onClick={toggleCamera}
              testId="toolbar-camera"
            />
            <DeviceMenu label={t('meeting.controls.camera.menu')} sections={cameraSections} onSelect={selectDevice} testId="toolbar-camera-menu" />
          </div>
          {local.canShareScreen && (
            <>
              <ToolbarButton
                text={screenText}
                name={withKey(screenText, 'screen')}
                icon={<ScreenShareIcon stop={local.screen} />}
                pressed={local.screen}
                disabled={!local.screen && !shareAllowed}
                busy={local.pending.screen}
                tone={local.screen ? 'active' : undefined}
                describedBy={!local.screen && !shareAllowed ? `${id}-share` : undefined}
                tooltip={!local.screen && !shareAllowed ? `${withKey(screenText, 'screen')} — ${t('meeting.controls.screen.notAllowed')}` : undefined}
                onClick={toggleScreen}
                testId="toolbar-screen"
              />
              {!shareAllowed && (
                <span className="visually-hidden" id={`${id}-share`}>
                  {t('meeting.controls.screen.notAllowed')}
                </span>
              )}
            </>
          )}
          <ToolbarButton
            text={handText}
            name={withKey(handText, 'hand')}
            icon={<HandIcon />}
            pressed={handRaised}
            tone={handRaised ? 'active' : undefined}
            onClick={toggleHand}
            testId="toolbar-hand"
          />
        </div>

        <div className="toolbar__group">
          <ToolbarButton
            text={chatText}
            name={withKey(chatName, 'chat')}
            icon={<ChatIcon />}
            pressed={panel === 'chat'}
            tone={panel === 'chat' ? 'active' : undefined}
            onClick={() => togglePanel('chat')}
            testId="toolbar-chat"
          >
            {unread > 0 && (
              <span className="toolbar__badge toolbar__badge--alert" data-testid="toolbar-chat-unread">
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </ToolbarButton>
          <ToolbarButton
            text={peopleText}
            name={withKey(peopleName, 'people')}
            icon={<PeopleIcon />}
            pressed={panel === 'people'}
            tone={panel === 'people' ? 'active' : undefined}
            onClick={() => togglePanel('people')}
            testId="toolbar-people"
          >
            <span className="toolbar__badge">{people}</span>
            {lobbyWaiting > 0 && (
              <span className="toolbar__badge toolbar__badge--alert toolbar__badge--start" data-testid="toolbar-lobby-count">
                {lobbyWaiting}
              </span>
            )}
          </ToolbarButton>
          <ToolbarButton
            text={t('meeting.controls.shortcuts')}
            name={withKey(t('meeting.controls.shortcuts'), 'help')}
            icon={<KeyboardIcon />}
            onClick={() => setShortcutsOpen(true)}
            testId="toolbar-shortcuts"
            className="toolbar__button--shortcuts"
          />
        </div>

        <button
          type="button"
          className="toolbar__leave"
          onClick={onLeave}
          disabled={leaving}
          aria-label={leaving ? t('meeting.leaving') : t('meeting.leave')}
          title={t('meeting.leave')}
          data-testid="meeting-leave"
        >
          <LeaveIcon />
          <span className="toolbar__leave-text">{leaving ? t('meeting.leaving') : t('meeting.leave')}</span>
        </button>
      </div>

      {shortcutsOpen && <ShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
    </div>
  );
}
