// The small arrow button beside the microphone and camera toggles and its menu: the devices of
// each kind, the one in use checked. A menu button (WAI-ARIA APG): Enter, Space or the arrow
// keys open it on the checked item; the arrow keys, Home and End move; Escape closes it and
// returns focus to the button (without closing the side panel too); Tab or a click elsewhere
// closes it.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { CheckIcon } from '../../lib/ui/icons';
import { UNNAMED_DEVICE_TEXT, type DeviceRole } from './device-text';
import type { DeviceOption } from './devices';
import { CameraIcon, ChevronIcon, MicrophoneIcon, SpeakerIcon } from './icons';
import { shownDevice } from './PrejoinDevices';

/** One group of the menu: the devices of one kind. */
export interface DeviceSection {
  readonly kind: MediaDeviceKind;
  readonly devices: readonly DeviceOption[];
  /** The chosen device (null: the default) and the one the track uses. */
  readonly chosen: string | null;
  readonly inUse: string | null;
}

const ROLE: Readonly<Record<MediaDeviceKind, DeviceRole>> = {
  audioinput: 'microphone',
  videoinput: 'camera',
  audiooutput: 'speaker',
};

const TITLE: Readonly<Record<DeviceRole, MessageKey>> = {
  microphone: 'meeting.controls.menu.microphones',
  camera: 'meeting.controls.menu.cameras',
  speaker: 'meeting.controls.menu.speakers',
};

function SectionIcon({ role }: { role: DeviceRole }) {
  if (role === 'microphone') return <MicrophoneIcon />;
  if (role === 'camera') return <CameraIcon />;
  return <SpeakerIcon />;
}

export function DeviceMenu({
  label,
  sections,
  onSelect,
  testId,
}: {
  /** The button's accessible name ("Chọn micrô và loa"). */
  label: string;
  sections: readonly DeviceSection[];
  onSelect: (kind: MediaDeviceKind, deviceId: string) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  // Opens upwards (over the stage) unless there is more room below the button.
  const [downwards, setDownwards] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])];

  // Opened: focus the checked item (else the first).
  useEffect(() => {
    if (!open) return undefined;
    const all = items();
    (all.find((item) => item.getAttribute('aria-checked') === 'true') ?? all[0] ?? menu.current)?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || wrapper.current?.contains(event.target) !== true) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function show() {
    const rect = button.current?.getBoundingClientRect();
    setDownwards(rect !== undefined && rect.top < window.innerHeight - rect.bottom);
    setOpen(true);
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLElement);
    const focus = (next: number) => all[(next + all.length) % all.length]?.focus();
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'ArrowDown':
        event.preventDefault();
        focus(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focus(index < 0 ? -1 : index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focus(0);
        break;
      case 'End':
        event.preventDefault();
        focus(-1);
        break;
      case 'Tab':
        setOpen(false);
        break;
      default:
        break;
    }
  }

  return (
    <div className="device-menu" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="toolbar__menu-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? setOpen(false) : show())}
        onKeyDown={(event) => {
          if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
            event.preventDefault();
            show();
          }
        }}
        data-testid={testId}
      >
        <ChevronIcon direction="up" />
      </button>
      {open && (
        <div
          className={`device-menu__popup${downwards ? ' device-menu__popup--down' : ''}`}
          id={`${id}-menu`} role="menu" aria-label={label} tabIndex={-1} ref={menu} onKeyDown={onMenuKeyDown}>
          {sections.map((section) => {
            const role = ROLE[section.kind];
            const checked = shownDevice(section.devices, section.chosen, section.inUse);
            const titleId = `${id}-${section.kind}`;
            return (
              <div key={section.kind} className="device-menu__section" role="group" aria-labelledby={titleId}>
                <div className="device-menu__title" id={titleId}>
                  <SectionIcon role={role} />
                  {t(TITLE[role])}
                </div>
                {section.devices.length === 0 && <p className="device-menu__empty">{t('meeting.controls.menu.none')}</p>}
                {section.devices.map((device, index) => {
                  const isChecked = device.deviceId === checked;
                  return (
                    <button
                      key={device.deviceId}
                      type="button"
                      role="menuitemradio"
                      aria-checked={isChecked}
                      tabIndex={-1}
                      className="menu-item device-menu__item"
                      onClick={() => {
                        close(true);
                        if (!isChecked) onSelect(section.kind, device.deviceId);
                      }}
                      data-testid="device-option"
                      data-device-id={device.deviceId}
                      data-kind={section.kind}
                    >
                      <span className="device-menu__check">{isChecked && <CheckIcon />}</span>
                      <span className="device-menu__label">
                        {device.label !== '' ? device.label : t(UNNAMED_DEVICE_TEXT[role], { n: index + 1 })}
                      </span>
                    </button>
                  );
                })}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
