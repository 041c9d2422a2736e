// A fake WebSocket behind the signalling client's SocketFactory seam: each socket records what
// the client sent (parsed JSON) and lets the test open it, deliver frames and drop it.
import type { SocketFactory, SocketHandlers } from '../lib/signaling/client';

export interface SentMessage {
  readonly type: string;
  readonly requestId?: number;
  readonly [member: string]: unknown;
}

export class FakeSocket {
  readonly url: string;
  readonly sent: SentMessage[] = [];
  closedByClient: { code: number | undefined; reason: string | undefined } | null = null;
  private readonly handlers: SocketHandlers;

  constructor(url: string, handlers: SocketHandlers) {
    this.url = url;
    this.handlers = handlers;
  }

  open(): void {
    this.handlers.onOpen();
  }

  /** Delivers a frame: an object is sent as JSON, a string as-is. */
  receive(frame: unknown): void {
    this.handlers.onMessage(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The connection drops (server gone, network down). */
  drop(code = 1006, reason = ''): void {
    this.handlers.onClose(code, reason);
  }

  /** The last message the client sent of `type`. */
  last(type: string): SentMessage | undefined {
    return [...this.sent].reverse().find((message) => message.type === type);
  }

  /** Answers the last request of `type` with `reply`, echoing its requestId. */
  reply(type: string, reply: Record<string, unknown>): void {
    const request = this.last(type);
    if (request === undefined) throw new Error(`no ${type} was sent`);
    this.receive({ ...reply, requestId: request.requestId });
  }
}

export function fakeSockets(): { factory: SocketFactory; sockets: FakeSocket[]; latest(): FakeSocket } {
  const sockets: FakeSocket[] = [];
  const factory: SocketFactory = (url, handlers) => {
    const socket = new FakeSocket(url, handlers);
    sockets.push(socket);
    return {
      send: (data) => socket.sent.push(JSON.parse(data) as SentMessage),
      close: (code, reason) => {
        socket.closedByClient = { code, reason };
      },
    };
  };
  return {
    factory,
    sockets,
    latest: () => {
      const socket = sockets[sockets.length - 1];
      if (socket === undefined) throw new Error('no socket was opened');
      return socket;
    },
  };
}
