// A meeting as people hold it, in real headless Chromium through our SFU: a chair (the room's
// owner, signed in) and participants who join by the room code (waiting room, password) or by the
// invitation link; chat, renaming, the chair's display priority, layouts, screen sharing and
// every chair action, each checked at the other participants' pages. Screenshots of the pre-join
// screen, the grid, the speaker and presentation layouts and the chair menu are saved to
// $DIENHONG_SCREENSHOTS (or a temp dir, printed).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';

import { newPage } from '../support/browser.mjs';
import { serverAndBrowser } from '../support/browser-suite.mjs';
import { describeMeeting, joinMeeting, receiveStats, waitFor } from '../support/meeting.mjs';
import { openRoom } from '../support/server.mjs';

const suite = serverAndBrowser({ server: { args: ['--log-level', 'info'] }, browser: { media: true } });

const baseUrl = () => `https://localhost:${suite.server.publicPort}`;
const vi = {
  roomFull: 'Phòng họp đã đủ người.',
  roomLocked: 'Phòng họp đã khóa: người chủ trì không cho thêm ai vào.',
  wrongPassword: 'Mật khẩu phòng họp không đúng.',
  removedBanned: 'Người chủ trì đã mời bạn ra khỏi cuộc họp và không cho phép bạn tham gia lại.',
  banned: 'Người chủ trì đã không cho phép bạn tham gia cuộc họp này.',
  ended: 'Cuộc họp đã kết thúc.',
};

async function shot(page, name) {
  await page.screenshot({ path: path.join(suite.shots, name), fullPage: false });
}

function tileOf(page, participantId, source = 'camera') {
  return page.locator(`[data-testid="remote-tile"][data-participant-id="${participantId}"][data-source="${source}"]`);
}

// Frames decoded so far on the video mid a tile shows.
async function framesOf(page, tile) {
  const mid = await tile.getAttribute('data-mid');
  if (mid === null) return { frames: 0, width: 0 };
  const stats = await receiveStats(page);
  const video = stats.video.find((v) => v.mid === mid);
  return { frames: video?.framesDecoded ?? 0, width: video?.frameWidth ?? 0, height: video?.frameHeight ?? 0 };
}

async function waitDecoding(page, participantId, source, everyone, { minWidth = 1 } = {}) {
  return waitFor(async () => {
    const tile = tileOf(page, participantId, source);
    if ((await tile.count()) !== 1) return { ok: false, tile: 'absent' };
    const f = await framesOf(page, tile);
    return { ok: f.frames > 0 && f.width >= minWidth, ...f };
  }, { timeoutMs: 30_000, what: `${source} of ${participantId} decoded`, explain: () => describeMeeting(everyone, suite.server) });
}

async function pressed(locator) {
  return (await locator.getAttribute('aria-pressed')) === 'true';
}

async function openPanel(page, which) {
  const button = page.getByTestId(which === 'chat' ? 'toolbar-chat' : 'toolbar-people');
  if (!(await pressed(button))) await button.click();
  await page.locator(`[data-testid="side-panel"][data-panel="${which}"]`).waitFor();
}

function row(page, participantId) {
  return page.locator(`[data-testid="people-row"][data-participant-id="${participantId}"]`);
}

// Opens the chair menu of a participant's row and picks an action (confirming when asked).
async function chairAction(page, participantId, action) {
  await openPanel(page, 'people');
  await row(page, participantId).getByTestId('people-menu').click();
  await page.locator(`[data-testid="chair-action"][data-action="${action}"]`).click();
}

async function confirm(page) {
  await page.getByTestId('confirm-dialog').waitFor();
  await page.getByTestId('confirm-accept').click();
}

async function errorText(page) {
  const error = page.getByTestId('meeting-error');
  await error.waitFor({ timeout: 15_000 });
  return error.textContent();
}

async function closeAll(...participants) {
  await Promise.all(participants.filter(Boolean).map((p) => p.context.close().catch(() => {})));
}

describe('A1 A3 A6 F3 F4 F5 F6 P4 a meeting with a chair and participants', () => {
  test('F4_A1_A3_A6_F3_F5_F6_P4_join_by_code_and_link_chat_rename_priority_layouts_sharing_and_chair_actions', async () => {
    const room = await openRoom(suite.server, { title: 'Giao ban tuần' });
    let chair;
    let byCode;
    let byLink;
    try {
      chair = await joinMeeting(suite.browser, baseUrl(), `/r/${room.id}`, 'Chủ trì An', { cookie: suite.server.owner.cookie });

      // By the room code typed on the home page, as read out on the phone: into the waiting room.
      {
        const { context, page, problems } = await newPage(suite.browser);
        await page.goto(`${baseUrl()}/`);
        await page.getByTestId('home-join-input').fill(room.code);
        await page.getByTestId('home-join-submit').click();
        await page.getByTestId('meeting-name-input').fill('Anh Bình');
        await page.waitForFunction(() => document.querySelector('[data-testid="prejoin-preview"]')?.readyState >= 2);
        await shot(page, 'prejoin.png');
        await page.getByTestId('meeting-join').click();
        await page.locator('[data-testid="meeting-status"][data-status="waiting"]').waitFor({ timeout: 15_000 });
        byCode = { context, page, problems };
      }
      await openPanel(chair.page, 'people');
      const entry = chair.page.getByTestId('lobby-entry');
      await entry.waitFor({ timeout: 10_000 });
      assert.match(await entry.textContent(), /Anh Bình/);
      await entry.getByTestId('lobby-admit').click();
      await byCode.page.locator('[data-testid="meeting-status"][data-status="connected"]').waitFor({ timeout: 15_000 });
      byCode.participantId = await byCode.page.evaluate(() => window.__dienhong?.participantId);

      // By the invitation link: straight in. Click → first remote frame is the join time people feel.
      byLink = await joinMeeting(suite.browser, baseUrl(), room, 'Chị Cúc');
      const everyone = [chair, byCode, byLink];
      const firstFrame = await waitFor(async () => {
        const s = await receiveStats(byLink.page);
        return { ok: s.video.some((v) => v.framesDecoded > 0) };
      }, { timeoutMs: 30_000, what: 'first remote frame at the link participant', explain: () => describeMeeting(everyone, suite.server) });
      console.log(`# join by link: click → first remote frame ${Date.now() - byLink.clicked} ms ` +
        `(${firstFrame.ms} ms of it after the page said connected; polled every 250 ms)`);

      for (const p of everyone) {
        for (const other of everyone) {
          if (other !== p) await waitDecoding(p.page, other.participantId, 'camera', everyone);
        }
      }
      await shot(chair.page, 'grid.png');

      // Chat: markup is shown as the text it is, never run.
      const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> <b>đậm</b>';
      await openPanel(byCode.page, 'chat');
      await byCode.page.getByTestId('chat-input').fill(payload);
      await byCode.page.getByTestId('chat-send').click();
      await openPanel(chair.page, 'chat');
      const message = chair.page.locator(`[data-testid="chat-message"][data-participant-id="${byCode.participantId}"]`);
      await message.waitFor({ timeout: 10_000 });
      assert.equal(await message.getByTestId('chat-message-text').textContent(), payload);
      assert.equal(await chair.page.locator('[data-testid="chat-panel"] img, [data-testid="chat-panel"] b').count(), 0);
      assert.equal(await chair.page.evaluate(() => window.__xss), undefined);
      assert.equal(await byLink.page.evaluate(() => window.__xss), undefined);

      // Renaming: oneself, and the chair an endpoint (as shown on every tile).
      await openPanel(byLink.page, 'people');
      await byLink.page.getByTestId('people-self-rename').click();
      await byLink.page.getByTestId('rename-input').fill('Chị Cúc (Sở Tài chính)');
      await byLink.page.getByTestId('rename-save').click();
      await openPanel(chair.page, 'people');
      await waitFor(async () => ({ ok: /Sở Tài chính/.test(await row(chair.page, byLink.participantId).getByTestId('people-name').textContent()) }),
        { timeoutMs: 10_000, what: 'self rename seen by the chair' });
      await chairAction(chair.page, byCode.participantId, 'rename');
      await chair.page.getByTestId('endpoint-rename-input').fill('Phòng họp Sở Y tế');
      await chair.page.getByTestId('endpoint-rename-save').click();
      await waitFor(async () => ({ ok: (await tileOf(byLink.page, byCode.participantId).textContent())?.includes('Phòng họp Sở Y tế') }),
        { timeoutMs: 10_000, what: 'endpoint renamed on the tile at another participant' });

      // The chair's display priority: the link participant first, at everyone's grid.
      await openPanel(chair.page, 'people');
      const ordering = chair.page.getByTestId('people-priority-mode');
      if (!(await pressed(ordering))) await ordering.click();
      // One step up at a time, each awaited (the button is disabled while its request runs).
      const rank = () => row(chair.page, byLink.participantId).getByTestId('people-priority')
        .textContent({ timeout: 1_000 }).catch(() => 'none');
      for (let i = 0; i < 3 && (await rank()) !== '1'; ++i) {
        const before = await rank();
        await row(chair.page, byLink.participantId).getByTestId('priority-up').click();
        await waitFor(async () => ({ ok: (await rank()) !== before }), { timeoutMs: 10_000, what: 'moved up one place' });
      }
      assert.equal(await rank(), '1');
      await waitFor(async () => ({ ok: (await tileOf(byCode.page, byLink.participantId).getAttribute('data-position')) === '0' }),
        { timeoutMs: 10_000, what: 'priority order applied at another participant' });

      // Layouts: speaker, then the presentation the screen share brings.
      await byCode.page.getByTestId('layout-speaker').click();
      await byCode.page.locator('[data-testid="stage"][data-layout="speaker"]').waitFor();
      await byCode.page.locator('[data-testid="remote-tile"][data-large="true"]').waitFor();
      await shot(byCode.page, 'speaker.png');

      // Sharing content is the chair's to grant (rooms default to not allowing it).
      assert.ok(await byLink.page.getByTestId('toolbar-screen').isDisabled());
      await chairAction(chair.page, byLink.participantId, 'permissions');
      await chair.page.getByTestId('permissions-dialog').waitFor();
      await chair.page.getByTestId('permission-share-content').check();
      await chair.page.getByTestId('permissions-save').click();
      await chair.page.getByTestId('permissions-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
      await waitFor(async () => ({ ok: !(await byLink.page.getByTestId('toolbar-screen').isDisabled()) }),
        { timeoutMs: 10_000, what: 'share permission granted' });
      await byLink.page.getByTestId('toolbar-screen').click();
      await waitFor(async () => ({ ok: await pressed(byLink.page.getByTestId('toolbar-screen')) }), { timeoutMs: 10_000, what: 'sharing' });
      const shared = await waitDecoding(chair.page, byLink.participantId, 'screen', everyone, { minWidth: 1280 });
      console.log(`# screen share at the chair: ${shared.value.width}x${shared.value.height}, ${shared.ms} ms after the click`);
      await chair.page.locator('[data-testid="stage"][data-layout="presentation"]').waitFor({ timeout: 10_000 });
      assert.equal(await tileOf(chair.page, byLink.participantId, 'screen').getAttribute('data-large'), 'true');
      await shot(chair.page, 'presentation.png');
      await byLink.page.getByTestId('toolbar-screen').click();
      await tileOf(chair.page, byLink.participantId, 'screen').waitFor({ state: 'detached', timeout: 10_000 });

      // Mute one: their microphone goes off, at their page and in the chair's list.
      await chairAction(chair.page, byLink.participantId, 'mute');
      await waitFor(async () => ({ ok: !(await pressed(byLink.page.getByTestId('toolbar-microphone'))) }), { timeoutMs: 10_000, what: 'muted' });
      await byLink.page.locator('[data-testid="moderation-notice"][data-action="mute"]').waitFor({ timeout: 10_000 });
      await waitFor(async () => ({ ok: (await row(chair.page, byLink.participantId).getAttribute('data-microphone')) === 'off' }),
        { timeoutMs: 10_000, what: 'the chair sees the microphone off' });

      // Mute all, without unmuting: the microphone button is locked.
      await openPanel(chair.page, 'people');
      await chair.page.getByTestId('chair-mute-all-lock').check();
      await chair.page.getByTestId('chair-mute-all').click();
      await byCode.page.getByTestId('microphone-locked-notice').waitFor({ timeout: 10_000 });
      assert.equal(await pressed(byCode.page.getByTestId('toolbar-microphone')), false);
      assert.ok(await byCode.page.getByTestId('toolbar-microphone').isDisabled());

      // The chair menu, then remove with a ban: out, and refused when trying again.
      await openPanel(chair.page, 'people');
      await row(chair.page, byCode.participantId).getByTestId('people-menu').click();
      await chair.page.locator('[data-testid="chair-action"]').first().waitFor();
      await shot(chair.page, 'chair-menu.png');
      await chair.page.keyboard.press('Escape');
      await chairAction(chair.page, byCode.participantId, 'removeBan');
      await confirm(chair.page);
      assert.equal(await errorText(byCode.page), vi.removedBanned);
      await byCode.page.getByTestId('meeting-rejoin').click();
      await byCode.page.getByTestId('meeting-join').click();
      assert.equal(await errorText(byCode.page), vi.banned);

      // The end, for everyone.
      await openPanel(chair.page, 'people');
      await chair.page.getByTestId('chair-end-meeting').click();
      await confirm(chair.page);
      assert.equal(await errorText(byLink.page), vi.ended);

      for (const p of [chair, byLink]) assert.deepEqual(p.problems, []);
    } finally {
      await closeAll(chair, byCode, byLink);
    }
  });

  test('A1_P1_password_lock_and_room_limit_refuse_with_a_message_and_the_chair_changes_them_live', async () => {
    const room = await openRoom(suite.server, { title: 'Họp kín', password: 'Hop-kin-2026', maxParticipants: 2 });
    let chair;
    let guest;
    const refused = [];
    try {
      chair = await joinMeeting(suite.browser, baseUrl(), `/r/${room.id}`, 'Chủ trì An', { cookie: suite.server.owner.cookie });

      // By the code: the password is asked for; a wrong one is refused, the right one lets in.
      guest = await joinMeeting(suite.browser, baseUrl(), `/r/${room.id}`, 'Khách Dũng', { status: null });
      await guest.page.getByTestId('meeting-password-input').fill('sai-mat-khau');
      await guest.page.getByTestId('meeting-join').click();
      await waitFor(async () => ({ ok: (await guest.page.getByTestId('meeting-password-error').textContent().catch(() => '')) === vi.wrongPassword }),
        { timeoutMs: 10_000, what: 'wrong password refused' });
      await guest.page.getByTestId('meeting-password-input').fill('Hop-kin-2026');
      await guest.page.getByTestId('meeting-join').click();
      await guest.page.locator('[data-testid="meeting-status"][data-status="connected"]').waitFor({ timeout: 15_000 });

      // Over the room's limit of 2: refused with the message, and the two inside keep their call.
      const third = await joinMeeting(suite.browser, baseUrl(), room, 'Người thứ ba', { status: null });
      refused.push(third);
      assert.equal(await errorText(third.page), vi.roomFull);
      guest.participantId = await guest.page.evaluate(() => window.__dienhong?.participantId);
      await waitDecoding(chair.page, guest.participantId, 'camera', [chair, guest]);

      // The chair raises the limit and locks the room: now refused because it is locked.
      await openPanel(chair.page, 'people');
      await chair.page.getByTestId('chair-room-settings').click();
      await chair.page.getByTestId('settings-max').fill('10');
      await chair.page.getByTestId('settings-save').click();
      await chair.page.getByTestId('room-settings-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
      await chair.page.getByTestId('chair-lock-room').click();
      await waitFor(async () => ({ ok: await pressed(chair.page.getByTestId('chair-lock-room')) }), { timeoutMs: 10_000, what: 'locked' });
      await third.page.getByTestId('meeting-rejoin').click();
      await third.page.getByTestId('meeting-join').click();
      assert.equal(await errorText(third.page), vi.roomLocked);

      // Unlocked: the link lets the third person in.
      await chair.page.getByTestId('chair-lock-room').click();
      await waitFor(async () => ({ ok: !(await pressed(chair.page.getByTestId('chair-lock-room'))) }), { timeoutMs: 10_000, what: 'unlocked' });
      await third.page.getByTestId('meeting-rejoin').click();
      await third.page.getByTestId('meeting-join').click();
      await third.page.locator('[data-testid="meeting-status"][data-status="connected"]').waitFor({ timeout: 15_000 });
      assert.deepEqual(chair.problems, []);
    } finally {
      await closeAll(chair, guest, ...refused);
    }
  });
});
