import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';
import { Dialog } from './Dialog';

describe('Dialog', () => {
  it('is a modal over the page, named by its title, and closes on Escape only for itself', () => {
    const onClose = vi.fn();
    const outside = vi.fn();
    render(
      <div onKeyDown={outside}>
        <Dialog title="Cài đặt" onClose={onClose} testId="d">
          <input aria-label="Tên" />
        </Dialog>
      </div>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Cài đặt' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.parentElement?.parentElement).toBe(document.body);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Tên' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(outside).not.toHaveBeenCalled();
  });

  it('closes on a click on the backdrop only when asked to, and has a close button when named', () => {
    const onClose = vi.fn();
    const { rerender } = render(
      <Dialog title="Phím tắt" onClose={onClose}>
        <p>M</p>
      </Dialog>,
    );
    const backdrop = screen.getByRole('dialog').parentElement as HTMLElement;
    fireEvent.click(backdrop);
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Đóng' })).toBeNull();

    rerender(
      <Dialog title="Phím tắt" onClose={onClose} closeOnBackdrop closeLabel="Đóng">
        <p>M</p>
      </Dialog>,
    );
    fireEvent.click(screen.getByText('M'));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(backdrop);
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Đóng' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('gives focus back to what had it', () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const { unmount } = render(
      <Dialog title="X" onClose={() => undefined}>
        <button type="button">OK</button>
      </Dialog>,
    );
    expect(document.activeElement).not.toBe(opener);
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});

describe('ConfirmDialog', () => {
  it('starts on cancel, and while busy neither answer nor Escape does anything', () => {
    const onAccept = vi.fn();
    const onCancel = vi.fn();
    const props = { title: 'Xóa?', text: 'Không hoàn tác được.', acceptLabel: 'Xóa', cancelLabel: 'Hủy', onAccept, onCancel };
    const { rerender } = render(<ConfirmDialog {...props} busy />);
    const dialog = screen.getByRole('alertdialog', { name: 'Xóa?' });
    expect(dialog.getAttribute('aria-describedby')).toBe(screen.getByText('Không hoàn tác được.').id);
    const cancel = screen.getByRole('button', { name: 'Hủy' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    fireEvent.click(cancel);
    fireEvent.click(screen.getByRole('button', { name: 'Xóa' }));
    expect(onCancel).not.toHaveBeenCalled();
    expect(onAccept).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Xóa' }).getAttribute('aria-disabled')).toBe('true');

    rerender(<ConfirmDialog {...props} error="Bị từ chối" testIds={{ error: 'e' }} />);
    expect(screen.getByTestId('e').textContent).toBe('Bị từ chối');
    fireEvent.click(screen.getByRole('button', { name: 'Xóa' }));
    expect(onAccept).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
