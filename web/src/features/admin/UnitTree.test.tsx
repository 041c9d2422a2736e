import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../lib/i18n/i18n';
import type { Language } from '../../lib/i18n/translate';
import { unitBody, unitsBody } from '../../test/admin';
import { errorReply, installFakeApi, reply, type FakeRoute } from '../../test/fake-api';
import type { UnitList } from './admin-types';
import { UnitTree } from './UnitTree';

function renderTree(
  routes: Record<string, FakeRoute> = {},
  { units = unitsBody, canManage = true, lang = 'vi' }: { units?: UnitList; canManage?: boolean; lang?: Language } = {},
) {
  const api = installFakeApi(routes);
  const onSelect = vi.fn();
  const onChanged = vi.fn();
  render(
    <I18nProvider initial={lang}>
      <UnitTree units={units} canManage={canManage} selected="u-vu" onSelect={onSelect} onChanged={onChanged} />
    </I18nProvider>,
  );
  return { ...api, onSelect, onChanged };
}

const node = (id: string) => {
  const found = screen.getAllByTestId('unit-node').find((n) => n.getAttribute('data-unit-id') === id);
  if (found === undefined) throw new Error(`no unit ${id}`);
  return found;
};
/** The node's own controls (not its children's). */
const own = (id: string) => within(node(id).querySelector('.unit-tree__row') as HTMLElement);

describe('unit tree', () => {
  it('S1_1_shows_the_units_as_a_tree_and_chooses_one', () => {
    const { onSelect } = renderTree();
    const tree = screen.getByTestId('unit-tree');
    expect(within(tree).getByRole('heading', { name: 'Đơn vị' })).toBeTruthy();
    expect(within(node('u-vu')).getByText('Phòng Một')).toBeTruthy();
    expect(within(node('u-bo')).queryByText('Bộ Tài chính')).toBeNull();
    expect(own('u-vu').getByTestId('unit-select').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(own('u-phong').getByTestId('unit-select'));
    expect(onSelect).toHaveBeenCalledWith('u-phong');
    fireEvent.click(screen.getByTestId('unit-select-all'));
    expect(onSelect).toHaveBeenLastCalledWith('');
    expect(screen.getByTestId('unit-select-all').textContent).toBe('Toàn bộ tổ chức');
  });

  it('S1_1_lets_a_usage_administrator_add_under_their_unit_but_not_change_it', () => {
    renderTree({}, { units: { units: [unitBody('u-vu', 'Vụ Tổ chức', 'u-bo'), unitBody('u-phong', 'Phòng Một', 'u-vu')], rootUnitId: 'u-vu' } });
    expect(screen.queryByTestId('unit-add-top')).toBeNull();
    expect(own('u-vu').queryByTestId('unit-add')).not.toBeNull();
    expect(own('u-vu').queryByTestId('unit-rename')).toBeNull();
    expect(own('u-vu').queryByTestId('unit-delete')).toBeNull();
    expect(own('u-phong').queryByTestId('unit-rename')).not.toBeNull();
    expect(screen.getByTestId('unit-select-all').textContent).toBe('Mọi đơn vị bạn quản lý');
  });

  it('offers nothing to change without users.manage', () => {
    renderTree({}, { canManage: false });
    expect(screen.queryAllByTestId('unit-add')).toHaveLength(0);
    expect(screen.queryAllByTestId('unit-rename')).toHaveLength(0);
    expect(screen.queryByTestId('unit-add-top')).toBeNull();
  });

  it('S1_1_adds_a_unit_under_another_and_at_the_top', async () => {
    const { calls, onChanged } = renderTree({ 'POST /api/v1/admin/units': reply(201, { unit: unitBody('u-new', 'Phòng Hai', 'u-vu') }) });
    fireEvent.click(own('u-vu').getByTestId('unit-add'));
    const dialog = await screen.findByTestId('unit-dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Thêm đơn vị trực thuộc Vụ Tổ chức');
    // Nothing typed: said before sending.
    fireEvent.click(screen.getByTestId('unit-save'));
    expect(screen.getByTestId('unit-error').textContent).toBe('Tên đơn vị phải có từ 1 đến 120 ký tự.');
    expect(calls).toHaveLength(0);
    fireEvent.change(screen.getByTestId('unit-name'), { target: { value: '  Phòng Hai ' } });
    fireEvent.click(screen.getByTestId('unit-save'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith());
    expect(calls[0]?.body).toEqual({ name: 'Phòng Hai', parentId: 'u-vu' });
    expect(screen.queryByTestId('unit-dialog')).toBeNull();

    fireEvent.click(screen.getByTestId('unit-add-top'));
    fireEvent.change(await screen.findByTestId('unit-name'), { target: { value: 'Bộ Y tế' } });
    fireEvent.click(screen.getByTestId('unit-save'));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]?.body).toEqual({ name: 'Bộ Y tế', parentId: null });
  });

  it('S1_1_renames_a_unit_and_translates_a_taken_name', async () => {
    const { calls } = renderTree({ 'PATCH /api/v1/admin/units/u-vp': errorReply(409, 'unit_name_taken', 'req-n') });
    fireEvent.click(own('u-vp').getByTestId('unit-rename'));
    const input = (await screen.findByTestId('unit-name')) as HTMLInputElement;
    expect(input.value).toBe('Văn phòng Bộ');
    fireEvent.change(input, { target: { value: 'vụ tổ chức' } });
    fireEvent.click(screen.getByTestId('unit-save'));
    expect((await screen.findByTestId('unit-error')).textContent).toBe('Đã có một đơn vị cùng tên ở cấp này. Hãy chọn tên khác.');
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-n');
    expect(calls[0]?.body).toEqual({ name: 'vụ tổ chức' });
  });

  it('S1_1_says_why_a_unit_in_use_cannot_be_deleted', async () => {
    const { onChanged } = renderTree({ 'DELETE /api/v1/admin/units/u-vu': errorReply(409, 'in_use', 'req-i') }, { lang: 'en' });
    fireEvent.click(own('u-vu').getByTestId('unit-delete'));
    expect((await screen.findByTestId('confirm-dialog')).textContent).toContain('The unit Vụ Tổ chức will be deleted.');
    fireEvent.click(screen.getByTestId('confirm-accept'));
    expect((await screen.findByTestId('confirm-error')).textContent).toBe(
      'It cannot be deleted: this unit still has units under it or accounts in it. Move or delete them first. Request ID: req-i',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('deletes an empty unit and says which', async () => {
    const { onChanged, calls } = renderTree({ 'DELETE /api/v1/admin/units/u-phong': reply(204) });
    fireEvent.click(own('u-phong').getByTestId('unit-delete'));
    fireEvent.click(await screen.findByTestId('confirm-accept'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith('u-phong'));
    expect(calls.map((c) => c.method)).toEqual(['DELETE']);
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });
});
