// Creating and managing rooms from the home page (F4), in real Chromium over HTTPS: a signed-in
// organiser schedules a room, finds it under "Phòng của tôi", an invitee opens the invitation
// link in a fresh anonymous browser and reaches that room's pre-join screen, then the organiser
// deletes the room.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';

import { newPage } from '../support/browser.mjs';
import { serverAndBrowser } from '../support/browser-suite.mjs';
import { adminWithChangedPassword, login, newAdminPassword } from '../support/server.mjs';

const suite = serverAndBrowser({ prepare: adminWithChangedPassword });

const home = () => `https://localhost:${suite.server.publicPort}/`;
const zone = 'Asia/Ho_Chi_Minh';

// The day after tomorrow in Hà Nội as YYYY-MM-DD, and that day's 09:00 there (UTC+7, no DST).
function meetingDay() {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(Date.now() + 2 * 86_400_000);
  const [y, m, d] = day.split('-').map(Number);
  return { day, nineOclock: Date.UTC(y, m - 1, d, 2, 0) };
}

describe('rooms on the home page', () => {
  test('F4_an_organiser_schedules_a_room_and_an_invitee_reaches_it_by_the_link', async () => {
    const organiser = await newPage(suite.browser, { timezoneId: zone, viewport: { width: 1280, height: 900 } });
    const { page } = organiser;
    await page.goto(`${home()}login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(newAdminPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(home());
    await page.getByTestId('create-room-card').waitFor();
    await page.getByTestId('my-rooms-empty').waitFor();

    // The form checks before sending: a start time in the past is refused.
    await page.getByTestId('create-room-schedule').click();
    const title = 'Giao ban tuần — Sở Y tế';
    await page.getByTestId('schedule-title').fill(title);
    await page.getByTestId('schedule-time').fill('2020-01-01T09:00');
    await page.getByTestId('schedule-submit').click();
    assert.match(await page.getByTestId('schedule-error').textContent(), /tương lai/);

    const { day, nineOclock } = meetingDay();
    await page.getByTestId('schedule-time').fill(`${day}T09:00`);
    await page.getByTestId('schedule-password').fill('hop-kin-2026');
    await page.getByTestId('schedule-max').fill('25');
    await page.getByTestId('schedule-submit').click();

    const panel = page.getByTestId('room-created');
    await panel.waitFor();
    const code = await page.getByTestId('room-created-code').textContent();
    assert.match(code, /^[1-9]\d{2} \d{3} \d{3}$/);
    const roomId = code.replaceAll(' ', '');
    const link = await page.getByTestId('room-created-link').inputValue();
    assert.match(link, new RegExp(`^${home()}r/${roomId}\\?t=[A-Za-z0-9_-]{32}$`));
    const invitation = await page.getByTestId('room-created-invitation').textContent();
    assert.ok(invitation.includes(link) && invitation.includes(code) && invitation.includes(title), invitation);
    assert.match(invitation, /09:00 GMT\+7/);
    assert.ok(!invitation.includes('hop-kin-2026'), 'the password is left out unless asked for');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H3', 'focus on the result heading');
    await page.screenshot({ path: path.join(suite.shots, 'home-create-room.png'), fullPage: true });

    // The room as the server keeps it: the local 09:00 in Hà Nội, the settings chosen.
    const owner = await login(suite.server, 'admin', newAdminPassword);
    const stored = await suite.server.request(`${suite.server.publicUrl}/api/v1/rooms/${roomId}`, { headers: { cookie: owner.cookie } });
    assert.equal(stored.status, 200);
    assert.equal(stored.json.room.scheduledAt, nineOclock);
    assert.equal(stored.json.room.title, title);
    assert.equal(stored.json.room.passwordProtected, true);
    assert.equal(stored.json.room.maxParticipants, 25);
    assert.equal(stored.json.room.lobbyEnabled, false);
    assert.equal(stored.json.room.allowGuests, false);

    const item = page.locator(`[data-testid="my-room"][data-room-id="${roomId}"]`);
    await item.waitFor();
    assert.ok((await item.textContent()).includes(title));
    assert.equal(await item.getByTestId('my-room-code').textContent(), code);

    // A phone: nothing sticks out sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await page.screenshot({ path: path.join(suite.shots, 'home-rooms-360.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The invitee: another browser profile, not signed in.
    const invitee = await newPage(suite.browser);
    await invitee.page.goto(link);
    assert.equal(await invitee.page.getByTestId('room-id').textContent(), code);
    await invitee.page.getByTestId('meeting-join').waitFor();
    assert.equal(new URL(invitee.page.url()).searchParams.get('t'), new URL(link).searchParams.get('t'));
    assert.deepEqual(invitee.problems, []);
    await invitee.context.close();

    // Delete, after confirmation.
    await item.getByTestId('my-room-delete').click();
    await page.getByTestId('confirm-delete-accept').click();
    await item.waitFor({ state: 'detached' });
    const gone = await suite.server.request(`${suite.server.publicUrl}/api/v1/rooms/${roomId}`, { headers: { cookie: owner.cookie } });
    assert.equal(gone.status, 404);
    await page.getByTestId('my-rooms-empty').waitFor();
    assert.deepEqual(organiser.problems, []);
    await organiser.context.close();
  });
});
