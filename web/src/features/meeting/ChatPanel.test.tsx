import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../lib/i18n/i18n';
import type { ChatMessage } from '../../lib/signaling/messages';
import { renderWithProviders } from '../../test/render';
import { ChatPanel } from './ChatPanel';
import type { PanelSession } from './panel-session';

const at = (h: number, m: number) => new Date(2025, 0, 6, h, m).getTime();
const message = (id: string, participantId: string, displayName: string, text: string, sentAt = at(9, 5)): ChatMessage => ({
  id,
  participantId,
  displayName,
  text,
  sentAt,
});

function Harness({ chat, session, initialDraft = '' }: { chat: readonly ChatMessage[]; session: PanelSession; initialDraft?: string }) {
  const [draft, setDraft] = useState(initialDraft);
  return <ChatPanel chat={chat} selfId="p1" session={session} draft={draft} onDraftChange={setDraft} />;
}

function fakeSession(result: string | null = null) {
  return { tryRequest: vi.fn<PanelSession['tryRequest']>(async () => result) };
}

describe('ChatPanel', () => {
  it('shows each message with its author, local time and text, as text only', () => {
    renderWithProviders(
      <Harness
        session={fakeSession()}
        chat={[message('1', 'p2', 'Trần Thị B', '<b>Chào</b>\ndòng hai', at(9, 5)), message('2', 'p1', 'Nguyễn Văn A', 'Vâng', at(14, 30))]}
      />,
    );
    const [first, mine] = screen.getAllByTestId('chat-message');
    expect(first).toHaveProperty('dataset.participantId', 'p2');
    expect(within(first as HTMLElement).getByTestId('chat-message-author').textContent).toBe('Trần Thị B');
    expect(within(first as HTMLElement).getByTestId('chat-message-text').textContent).toBe('<b>Chào</b>\ndòng hai');
    expect((first as HTMLElement).querySelector('b')).toBeNull();
    expect((first as HTMLElement).querySelector('time')?.textContent).toBe('09:05');
    expect(mine?.className).toContain('chat-message--mine');
    expect(mine?.querySelector('time')?.textContent).toBe('14:30');
  });

  it('links http(s) URLs safely and nothing else', () => {
    renderWithProviders(<Harness session={fakeSession()} chat={[message('1', 'p2', 'B', 'Xem https://example.vn/tai-lieu. javascript:alert(1)')]} />);
    const link = screen.getByRole('link', { name: 'https://example.vn/tai-lieu' });
    expect(link.getAttribute('href')).toBe('https://example.vn/tai-lieu');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getAllByRole('link')).toHaveLength(1);
  });

  it('says so when there is no message yet', () => {
    renderWithProviders(<Harness session={fakeSession()} chat={[]} />);
    expect(screen.getByText(/Chưa có tin nhắn nào/)).toBeTruthy();
  });

  it('sends on Enter, clears the draft once accepted, and keeps Shift+Enter for a new line', async () => {
    const session = fakeSession();
    renderWithProviders(<Harness session={session} chat={[]} />);
    const input = screen.getByTestId('chat-input') as HTMLTextAreaElement;
    expect(screen.getByLabelText('Tin nhắn gửi mọi người')).toBe(input);
    expect((screen.getByTestId('chat-send') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(input, { target: { value: '  Xin chào\nmọi người ' } });
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(session.tryRequest).not.toHaveBeenCalled();
    // An input method confirming a word with Enter does not send.
    fireEvent.keyDown(input, { key: 'Enter', isComposing: true });
    expect(session.tryRequest).not.toHaveBeenCalled();

    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    expect(session.tryRequest).toHaveBeenCalledWith({ type: 'chat', text: 'Xin chào\nmọi người' });
    expect(input.value).toBe('');
    expect(screen.queryByTestId('chat-error')).toBeNull();
  });

  it('keeps the draft and shows the translated refusal when sending fails', async () => {
    const session = fakeSession('chat_rate_limited');
    renderWithProviders(<Harness session={session} chat={[]} initialDraft="Nhanh quá" />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('chat-send'));
    });
    expect(screen.getByTestId('chat-error').textContent).toBe('Bạn gửi tin nhắn quá nhanh. Vui lòng đợi một lát.');
    expect((screen.getByTestId('chat-input') as HTMLTextAreaElement).value).toBe('Nhanh quá');
    // Typing again clears the error.
    fireEvent.change(screen.getByTestId('chat-input'), { target: { value: 'Nhanh quá!' } });
    expect(screen.queryByTestId('chat-error')).toBeNull();
  });

  it('counts characters near the limit and refuses past it', () => {
    const session = fakeSession();
    renderWithProviders(<Harness session={session} chat={[]} initialDraft={'a'.repeat(1799)} />);
    expect(screen.queryByText(/ký tự/)).toBeNull();
    fireEvent.change(screen.getByTestId('chat-input'), { target: { value: 'ễ'.repeat(1900) } });
    expect(screen.getByText('Đã dùng 1900/2000 ký tự')).toBeTruthy();
    fireEvent.change(screen.getByTestId('chat-input'), { target: { value: 'a'.repeat(2001) } });
    expect((screen.getByTestId('chat-send') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('chat-error').textContent).toContain('2000');
    fireEvent.keyDown(screen.getByTestId('chat-input'), { key: 'Enter' });
    expect(session.tryRequest).not.toHaveBeenCalled();
  });

  it('reads new messages from others out politely, not the history nor our own', () => {
    const session = fakeSession();
    const history = [message('1', 'p2', 'Trần Thị B', 'Cũ')];
    const { rerender, container } = render(<Harness session={session} chat={history} />, {
      wrapper: ({ children }) => <I18nProvider initial="vi">{children}</I18nProvider>,
    });
    const live = container.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('');
    rerender(<Harness session={session} chat={[...history, message('2', 'p1', 'A', 'Của tôi')]} />);
    expect(live?.textContent).toBe('');
    rerender(<Harness session={session} chat={[...history, message('2', 'p1', 'A', 'Của tôi'), message('3', 'p3', 'Lê C', 'Mới')]} />);
    expect(live?.textContent).toBe('Tin nhắn mới từ Lê C: Mới');
  });
});
