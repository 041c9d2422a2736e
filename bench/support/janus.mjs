// Janus for the side-by-side runs (bench/janus/README.md): started inside the bench namespace
// with bench/janus/start, pinned like our server, rooms created through its HTTP API.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const startScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'janus', 'start');
const startTimeoutMs = 20_000;

export class JanusServer {
  constructor(child, address) {
    this.child = child;
    this.address = address;
    this.log = '';
    this.exited = once(child, 'exit');
  }

  get webSocketUrl() { return `ws://${this.address}:8188`; }

  async request(pathname, body) {
    const response = await fetch(`http://${this.address}:8088/janus${pathname}`, {
      method: 'POST',
      body: JSON.stringify({ ...body, transaction: randomUUID() }),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = await response.json();
    if (answer.janus === 'error') throw new Error(`Janus: ${answer.error?.code} ${answer.error?.reason}`);
    return answer;
  }

  // A VideoRoom room for `publishers` endpoints, as our rooms are set up: VP8 and Opus,
  // transport-wide congestion control, no join notices.
  async createRoom(room, publishers) {
    const session = (await this.request('', { janus: 'create' })).data.id;
    try {
      const handle = (await this.request(`/${session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data.id;
      const created = await this.request(`/${session}/${handle}`, {
        janus: 'message',
        body: { request: 'create', room, publishers, videocodec: 'vp8', audiocodec: 'opus',
          transport_wide_cc_ext: true, notify_joining: false },
      });
      const data = created.plugindata?.data ?? {};
      if (data.videoroom !== 'created') throw new Error(`Janus did not create room ${room}: ${JSON.stringify(data)}`);
    } finally {
      await this.request(`/${session}`, { janus: 'destroy' }).catch(() => {});
    }
  }

  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killer);
  }
}

// `launcher`: the command prefix that puts it in the namespace and on its core.
export async function startJanus({ address, interfaceName, launcher }) {
  const [file, ...prefix] = [...launcher, startScript, address, interfaceName];
  const child = spawn(file, prefix, { stdio: ['ignore', 'pipe', 'pipe'] });
  const janus = new JanusServer(child, address);
  child.stdout.on('data', (d) => { janus.log += d; });
  child.stderr.on('data', (d) => { janus.log += d; });
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    const started = /janus pid=(\d+)/.exec(janus.log);
    if (started) {
      janus.pid = Number(started[1]);
      try {
        const info = await janus.request('', { janus: 'info' });
        if (info.janus === 'server_info') return janus;
      } catch { /* not listening yet */ }
    }
    if (child.exitCode !== null) throw new Error(`Janus exited before listening:\n${janus.log}`);
    if (Date.now() > deadline) {
      await janus.stop();
      throw new Error(`Janus did not start in time:\n${janus.log}`);
    }
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
}
