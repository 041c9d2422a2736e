import { fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../lib/i18n/i18n';
import { participant, SETTINGS } from '../../test/meeting-messages';
import type { PanelSnapshot } from './panel-session';
import { SidePanel } from './SidePanel';
import type { SidePanelName } from './side-panel-name';

const snapshot: PanelSnapshot = {
  chat: [{ id: 'm1', participantId: 'p2', displayName: 'Trần Thị B', text: 'Chào', sentAt: 0 }],
  participantId: 'p1',
  role: 'participant',
  settings: { ...SETTINGS, defaultPermissions: { ...SETTINGS.defaultPermissions } },
  lobby: [],
  priority: [],
  roster: [participant('p2', 'Trần Thị B')],
  self: null,
  permissions: null,
  microphoneLocked: false,
  account: null,
};

const wrapper = ({ children }: { children: ReactNode }) => <I18nProvider initial="vi">{children}</I18nProvider>;
const session = { displayName: 'Nguyễn Văn A', tryRequest: vi.fn(async () => null) };

function Host({ panel, onClose = () => {} }: { panel: SidePanelName | null; onClose?: () => void }) {
  return (
    <>
      <button type="button">opener</button>
      <SidePanel panel={panel} onClose={onClose} session={session} snapshot={snapshot} />
    </>
  );
}

describe('SidePanel', () => {
  it('renders nothing while closed', () => {
    render(<Host panel={null} />, { wrapper });
    expect(screen.queryByTestId('side-panel')).toBeNull();
  });

  it('shows the chat or the participants as a labelled region, focused on its heading', () => {
    const { rerender } = render(<Host panel="chat" />, { wrapper });
    const panel = screen.getByRole('complementary', { name: 'Trò chuyện' });
    expect(panel.dataset['panel']).toBe('chat');
    expect(panel).toBe(screen.getByTestId('side-panel'));
    expect(screen.getByTestId('chat-panel')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Trò chuyện' }));

    rerender(<Host panel="people" />);
    expect(screen.getByRole('complementary', { name: 'Người tham gia (2)' }).dataset['panel']).toBe('people');
    expect(screen.getByTestId('people-panel')).toBeTruthy();
  });

  it('closes with its button and gives focus back to what opened it', () => {
    const onClose = vi.fn();
    const { rerender } = render(<Host panel={null} onClose={onClose} />, { wrapper });
    const opener = screen.getByRole('button', { name: 'opener' });
    opener.focus();
    rerender(<Host panel="people" onClose={onClose} />);
    fireEvent.click(screen.getByTestId('panel-close'));
    expect(onClose).toHaveBeenCalled();
    expect(screen.getByTestId('panel-close').getAttribute('aria-label')).toBe('Đóng');
    rerender(<Host panel={null} onClose={onClose} />);
    expect(document.activeElement).toBe(opener);
  });

  it('keeps the chat draft while another panel is shown', () => {
    const { rerender } = render(<Host panel="chat" />, { wrapper });
    fireEvent.change(screen.getByTestId('chat-input'), { target: { value: 'Bản nháp' } });
    rerender(<Host panel="people" />);
    rerender(<Host panel={null} />);
    rerender(<Host panel="chat" />);
    expect((screen.getByTestId('chat-input') as HTMLTextAreaElement).value).toBe('Bản nháp');
  });
});
