// The chair's "⋮" menu on another participant's row: a WAI-ARIA menu button (arrow keys, Home,
// End, Escape closes and gives focus back to the button, Tab or a click elsewhere closes).
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { Participant } from '../../lib/signaling/messages';
import { CHAIR_MENU_TEXT, chairMenuItems, DANGEROUS_ITEMS, type ChairMenuItem } from './chair-menu-items';
import { MoreIcon } from './panel-icons';

export function ChairMenu({ person, onSelect }: { person: Participant; onSelect: (item: ChairMenuItem) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items = chairMenuItems(person);

  const menuItems = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useLayoutEffect(() => {
    if (open === false) return;
    const list = menuItems();
    (open === 'last' ? list.at(-1) : list[0])?.focus();
  }, [open]);

  useLayoutEffect(() => {
    if (open === false) return undefined;
    // Fixed to the window, so that the panel's scrolling box does not clip it; placed through the
    // CSSOM (allowed by the CSP, unlike style attributes). Below the button, or above it when
    // there is no room below.
    const place = () => {
      const rect = button.current?.getBoundingClientRect();
      const element = menu.current;
      if (rect === undefined || element === null) return;
      const height = element.offsetHeight;
      const below = rect.bottom + 4;
      const top = below + height > window.innerHeight && rect.top - 4 - height >= 0 ? rect.top - 4 - height : below;
      element.style.setProperty('top', `${Math.max(0, top)}px`);
      element.style.setProperty('right', `${Math.max(0, window.innerWidth - rect.right)}px`);
    };
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [open]);

  useEffect(() => {
    if (open === false) return undefined;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  function handleMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    const list = menuItems();
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    const focus = (i: number) => list[(i + list.length) % list.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(index + 1);
        break;
      case 'ArrowUp':
        focus(index - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(list.length - 1);
        break;
      case 'Escape':
        // The menu closes, not the side panel.
        event.stopPropagation();
        close();
        break;
      case 'Tab':
        setOpen(false);
        return;
      default:
        return;
    }
    event.preventDefault();
  }

  function handleButtonKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowUp' ? 'last' : 'first');
    }
  }

  return (
    <div className="chair-menu">
      <button
        ref={button}
        id={`${id}-button`}
        className="panel-icon-button"
        type="button"
        aria-haspopup="menu"
        aria-expanded={open !== false}
        aria-controls={open !== false ? `${id}-menu` : undefined}
        aria-label={t('meeting.people.menu', { name: person.displayName })}
        title={t('meeting.people.menu', { name: person.displayName })}
        onClick={() => setOpen(open === false ? 'first' : false)}
        onKeyDown={handleButtonKey}
        data-testid="people-menu"
      >
        <MoreIcon />
      </button>
      {open !== false && (
        <ul
          ref={menu}
          id={`${id}-menu`}
          className="chair-menu__list"
          role="menu"
          aria-labelledby={`${id}-button`}
          onKeyDown={handleMenuKey}
        >
          {items.map((item, index) => (
            <li
              key={item}
              role="none"
              className={DANGEROUS_ITEMS.has(item) && !DANGEROUS_ITEMS.has(items[index - 1] ?? item) ? 'chair-menu__separated' : undefined}
            >
              <button
                className={`menu-item chair-menu__item${DANGEROUS_ITEMS.has(item) ? ' chair-menu__item--danger' : ''}`}
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close();
                  onSelect(item);
                }}
                data-testid="chair-action"
                data-action={item}
              >
                {t(CHAIR_MENU_TEXT[item])}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
