import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../lib/i18n/i18n';
import { OneTimePasswordDialog } from './OneTimePasswordDialog';

function renderDialog(reason: 'created' | 'reset', lang: 'vi' | 'en' = 'vi') {
  const onClose = vi.fn();
  render(
    <I18nProvider initial={lang}>
      <button type="button">opener</button>
      <OneTimePasswordDialog username="quantri.vu" password="Kx7-pQ2mZr9a" reason={reason} onClose={onClose} />
    </I18nProvider>,
  );
  return onClose;
}

describe('one-time password dialog', () => {
  it('S1_3_shows_the_password_once_with_a_warning_and_focus_on_it', () => {
    renderDialog('created');
    const dialog = screen.getByRole('dialog', { name: 'Đã tạo tài khoản' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const input = screen.getByLabelText('Mật khẩu dùng một lần') as HTMLInputElement;
    expect(input.readOnly).toBe(true);
    expect(input.value).toBe('Kx7-pQ2mZr9a');
    expect(document.activeElement).toBe(input);
    expect(dialog.getAttribute('aria-describedby')).toBe(screen.getByTestId('one-time-password-warning').id);
    expect(screen.getByText('Mật khẩu dùng một lần của tài khoản quantri.vu:')).toBeTruthy();
  });

  it('closes with its button or Escape', () => {
    const onClose = renderDialog('reset', 'en');
    expect(screen.getByRole('dialog', { name: 'New password' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'I have noted it, close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
