// The meeting signalling client: one WebSocket to /api/v1/ws speaking docs/signaling.md.
//
// - Requests carry an integer requestId; the reply with the same ID (or, from a server that does
//   not echo it, the oldest request waiting for that reply type) settles the request's promise;
//   an `error` with the ID rejects it with a SignalingError carrying the stable code. No answer
//   within the timeout rejects with `timeout`.
// - A ping every 20 s; when nothing at all arrives within the pong timeout the socket is taken
//   for dead (browsers may take minutes to notice a silently dropped TCP connection).
// - After a drop, once joined, the client reconnects with exponential backoff and jitter and
//   sends `resume` with the resumeToken; it gives up (status `failed`) when the server's resume
//   grace period has passed or the server refuses the token. Before `joined` there is nothing to
//   resume: a drop is a failure.
// - Status: idle → connecting → connected ⇄ reconnecting → failed | closed.
//
// Everything but the socket itself is plain TypeScript, so that the tests drive the client with
// a fake socket and fake timers.
import {
  parseServerMessage,
  PROTOCOL_VERSION,
  REPLY_TYPE,
  serialiseClientMessage,
  type ClientErrorCode,
  type ClientMessage,
  type ClientMessageType,
  type JoinedMessage,
  type LobbyWaitingMessage,
  type ReplyTo,
  type RequestMessage,
  type ResumedMessage,
  type ServerMessage,
  type ServerMessageType,
  type StatsMessage,
} from './messages';

export type SignalingStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

/** A failure with a stable code: the server's `error.code`, or a ClientErrorCode. */
export class SignalingError extends Error {
  override readonly name = 'SignalingError';
  readonly code: string;
  readonly requestId: number | null;
  /** The type of the request this error answers, when known. */
  readonly requestType: ClientMessageType | null;

  constructor(code: string, logMessage: string, requestId: number | null = null, requestType: ClientMessageType | null = null) {
    super(logMessage);
    this.code = code;
    this.requestId = requestId;
    this.requestType = requestType;
  }
}

function clientError(code: ClientErrorCode, why: string, requestId: number | null = null, type: ClientMessageType | null = null) {
  return new SignalingError(code, why, requestId, type);
}

// ---- the socket, behind a small seam ----------------------------------------------------------

export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(code: number, reason: string): void;
}

export interface SocketHandle {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketHandle;

/** The browser's WebSocket. Constructor errors (a malformed URL) surface as a close. */
export const browserSocketFactory: SocketFactory = (url, handlers) => {
  let ws: WebSocket;
  try {
    ws = new WebSocket(url);
  } catch {
    queueMicrotask(() => handlers.onClose(1006, 'constructor failed'));
    return { send: () => undefined, close: () => undefined };
  }
  ws.onopen = () => handlers.onOpen();
  ws.onmessage = (event: MessageEvent) => handlers.onMessage(event.data);
  ws.onclose = (event: CloseEvent) => handlers.onClose(event.code, event.reason);
  return {
    send: (data) => ws.send(data),
    close: (code, reason) => {
      ws.onopen = null;
      ws.onmessage = null;
      ws.onclose = null;
      try {
        ws.close(code, reason);
      } catch {
        // An invalid close code cannot happen with ours; a closed socket ignores close().
      }
    },
  };
};

/** wss://<this host>/api/v1/ws (ws:// only when the page itself is plain http, e.g. in dev). */
export function signalingUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'http:' ? 'ws' : 'wss';
  return `${scheme}://${location.host}/api/v1/ws`;
}

// ---- options and events -----------------------------------------------------------------------

export interface SignalingClientOptions {
  readonly url: string;
  readonly socketFactory?: SocketFactory;
  /** Default time a request waits for its reply. */
  readonly requestTimeoutMs?: number;
  /** Time a socket may take to open. */
  readonly connectTimeoutMs?: number;
  readonly pingIntervalMs?: number;
  /** Silence after a ping after which the socket is taken for dead. */
  readonly pongTimeoutMs?: number;
  readonly reconnectBaseDelayMs?: number;
  readonly reconnectMaxDelayMs?: number;
  /** How long after a drop resuming is attempted (the server keeps us for 30 s by default). */
  readonly resumeWindowMs?: number;
  /** In [0, 1): jitter of the reconnect delays. */
  readonly random?: () => number;
}

/** What may come with `join` besides the room and the name. */
export interface JoinSecrets {
  /** The token of an invitation link: enters without password or lobby. */
  readonly inviteToken?: string;
  /** The room's password, once the server asked for it (password_required). */
  readonly password?: string;
}

export interface SignalingEvents {
  status: SignalingStatus;
  /** A server message that is not the reply to a request (participantJoined, subscribeOffer, …). */
  message: ServerMessage;
  /** An `error` that answers no pending request (e.g. a refused subscribeAnswer). */
  serverError: SignalingError;
  /** The participant was taken over by a new socket after a drop. */
  resumed: ResumedMessage;
  /** The client gave up; the status is now `failed`. */
  failed: SignalingError;
  /** A frame that could not be parsed; it was ignored. */
  invalid: string;
}

type Listener<T> = (value: T) => void;

interface Pending {
  readonly type: ClientMessageType;
  readonly expect: readonly ServerMessageType[];
  readonly resolve: (message: ServerMessage) => void;
  readonly reject: (error: SignalingError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** How many answered-or-not request IDs to remember for unsolicited errors. */
const SENT_TYPES_KEPT = 64;

export const DEFAULTS = {
  requestTimeoutMs: 10_000,
  connectTimeoutMs: 10_000,
  pingIntervalMs: 20_000,
  pongTimeoutMs: 10_000,
  reconnectBaseDelayMs: 500,
  reconnectMaxDelayMs: 8_000,
  resumeWindowMs: 30_000,
} as const;

/** Delay before reconnect attempt `attempt` (0-based): base·2^attempt capped, then 50–100 % of it. */
export function reconnectDelay(attempt: number, baseMs: number, maxMs: number, random: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(exponential * (0.5 + 0.5 * random));
}

export class SignalingClient {
  private readonly url: string;
  private readonly socketFactory: SocketFactory;
  private readonly opts: Required<Omit<SignalingClientOptions, 'url' | 'socketFactory' | 'random'>>;
  private readonly random: () => number;

  private statusValue: SignalingStatus = 'idle';
  private socket: SocketHandle | null = null;
  private socketOpen = false;
  /** Incremented for every socket: events of older sockets are ignored. */
  private generation = 0;
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly sentTypes = new Map<number, ClientMessageType>();
  private readonly listeners: { [K in keyof SignalingEvents]: Set<Listener<SignalingEvents[K]>> } = {
    status: new Set(),
    message: new Set(),
    serverError: new Set(),
    resumed: new Set(),
    failed: new Set(),
    invalid: new Set(),
  };

  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectAttempt = 0;
  private droppedAt = 0;
  private connectWaiter: { resolve: () => void; reject: (error: SignalingError) => void } | null = null;

  private resumeTokenValue: string | null = null;
  private participantIdValue: string | null = null;
  private roomIdValue: string | null = null;

  constructor(options: SignalingClientOptions) {
    this.url = options.url;
    this.socketFactory = options.socketFactory ?? browserSocketFactory;
    this.random = options.random ?? Math.random;
    this.opts = {
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      pingIntervalMs: options.pingIntervalMs ?? DEFAULTS.pingIntervalMs,
      pongTimeoutMs: options.pongTimeoutMs ?? DEFAULTS.pongTimeoutMs,
      reconnectBaseDelayMs: options.reconnectBaseDelayMs ?? DEFAULTS.reconnectBaseDelayMs,
      reconnectMaxDelayMs: options.reconnectMaxDelayMs ?? DEFAULTS.reconnectMaxDelayMs,
      resumeWindowMs: options.resumeWindowMs ?? DEFAULTS.resumeWindowMs,
    };
  }

  get status(): SignalingStatus {
    return this.statusValue;
  }

  /** Our participant ID once joined. */
  get participantId(): string | null {
    return this.participantIdValue;
  }

  get roomId(): string | null {
    return this.roomIdValue;
  }

  /** True once joined: a drop is then followed by reconnect + resume. */
  get canResume(): boolean {
    return this.resumeTokenValue !== null;
  }

  on<K extends keyof SignalingEvents>(event: K, listener: Listener<SignalingEvents[K]>): () => void {
    const set = this.listeners[event] as Set<Listener<SignalingEvents[K]>>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  private emit<K extends keyof SignalingEvents>(event: K, value: SignalingEvents[K]): void {
    for (const listener of [...(this.listeners[event] as Set<Listener<SignalingEvents[K]>>)]) listener(value);
  }

  private setStatus(status: SignalingStatus): void {
    if (this.statusValue === status) return;
    this.statusValue = status;
    this.emit('status', status);
  }

  // ---- public operations ----------------------------------------------------------------------

  /** Opens the socket; resolves once it is open, rejects (status `failed`) when it cannot be. */
  connect(): Promise<void> {
    if (this.statusValue !== 'idle') return Promise.reject(new Error(`connect() in status ${this.statusValue}`));
    this.setStatus('connecting');
    return new Promise<void>((resolve, reject) => {
      this.connectWaiter = { resolve, reject };
      this.openSocket();
    });
  }

  /**
   * Asks to join the room: resolves with `joined` (in the room; the resume token is kept for
   * reconnecting) or with `lobbyWaiting` (a chair must let us in: the `joined` that follows then
   * comes as a message without a requestId, and is kept the same way).
   */
  async join(roomId: string, displayName: string, secrets: JoinSecrets = {}): Promise<JoinedMessage | LobbyWaitingMessage> {
    const reply = await this.request({
      type: 'join',
      roomId,
      displayName,
      ...(secrets.inviteToken === undefined ? {} : { inviteToken: secrets.inviteToken }),
      ...(secrets.password === undefined ? {} : { password: secrets.password }),
    });
    if (reply.type === 'joined') this.adoptJoined(reply);
    return reply;
  }

  private adoptJoined(joined: JoinedMessage): void {
    this.resumeTokenValue = joined.resumeToken;
    this.participantIdValue = joined.participantId;
    this.roomIdValue = joined.roomId;
  }

  getStats(): Promise<StatsMessage> {
    return this.request({ type: 'getStats' });
  }

  /**
   * Sends a request and waits for its reply. Rejects at once with `connection_lost` when not
   * connected (callers retry after `resumed`), with the server's code on an `error` reply, with
   * `timeout` when nothing comes back in time.
   */
  request<M extends RequestMessage>(message: M, options?: { timeoutMs?: number }): Promise<ReplyTo<M>> {
    return this.requestInternal(message, options?.timeoutMs ?? this.opts.requestTimeoutMs, false) as Promise<ReplyTo<M>>;
  }

  /**
   * Sends a message that has no reply (subscribeAnswer, layout, restartIce). Returns false, and
   * sends nothing, while not connected: the caller decides whether to send it again later.
   */
  send(message: ClientMessage): boolean {
    if (this.statusValue !== 'connected') return false;
    const requestId = this.takeRequestId(message.type);
    return this.sendRaw(serialiseClientMessage(message, requestId));
  }

  /** Sends `leave`, waits briefly for `left`, then closes. Never rejects. */
  async leave(timeoutMs = 2_000): Promise<void> {
    if (this.statusValue === 'connected') {
      try {
        await this.request({ type: 'leave' }, { timeoutMs });
      } catch {
        // Leaving anyway: the server drops us when the grace period ends.
      }
    }
    this.close();
  }

  /** Closes without leaving (the server keeps the participant for its grace period). */
  close(): void {
    if (this.statusValue === 'closed') return;
    const wasFailed = this.statusValue === 'failed';
    this.teardown(clientError('closed', 'client closed'));
    if (!wasFailed) this.setStatus('closed');
  }

  // ---- sockets --------------------------------------------------------------------------------

  private openSocket(): void {
    const generation = ++this.generation;
    this.socketOpen = false;
    this.connectTimer = setTimeout(() => {
      if (generation === this.generation) this.socketLost('connect timeout');
    }, this.opts.connectTimeoutMs);
    this.socket = this.socketFactory(this.url, {
      onOpen: () => {
        if (generation === this.generation) this.socketOpened();
      },
      onMessage: (data) => {
        if (generation === this.generation) this.received(data);
      },
      onClose: (code, reason) => {
        if (generation === this.generation) this.socketLost(`closed ${code} ${reason}`);
      },
    });
  }

  private socketOpened(): void {
    this.clearTimer('connectTimer');
    this.socketOpen = true;
    this.startPing();
    if (this.statusValue === 'connecting') {
      this.setStatus('connected');
      const waiter = this.connectWaiter;
      this.connectWaiter = null;
      waiter?.resolve();
    } else if (this.statusValue === 'reconnecting') {
      this.resume();
    }
  }

  private resume(): void {
    const token = this.resumeTokenValue;
    if (token === null) return;
    const generation = this.generation;
    this.requestInternal({ type: 'resume', resumeToken: token }, this.opts.requestTimeoutMs, true).then(
      (reply) => {
        if (generation !== this.generation || this.statusValue !== 'reconnecting') return;
        this.reconnectAttempt = 0;
        this.setStatus('connected');
        this.emit('resumed', reply as ResumedMessage);
      },
      (error: SignalingError) => {
        if (generation !== this.generation || this.statusValue !== 'reconnecting') return;
        if (error.code === 'timeout') {
          this.dropSocket();
          this.scheduleReconnect();
        } else if (error.code !== 'connection_lost') {
          // The server refused the token (resume_failed, …): the participant is gone.
          this.fail(error);
        }
        // connection_lost: socketLost() already scheduled the next attempt.
      },
    );
  }

  /** The socket closed or was found dead. */
  private socketLost(why: string): void {
    this.dropSocket();
    this.rejectAll(() => clientError('connection_lost', `connection lost: ${why}`));
    switch (this.statusValue) {
      case 'connecting':
        this.fail(clientError('network_error', `could not connect: ${why}`));
        break;
      case 'connected':
        if (this.resumeTokenValue === null) {
          this.fail(clientError('connection_lost', `connection lost before joining: ${why}`));
        } else {
          this.droppedAt = Date.now();
          this.reconnectAttempt = 0;
          this.setStatus('reconnecting');
          this.scheduleReconnect();
        }
        break;
      case 'reconnecting':
        this.scheduleReconnect();
        break;
      default:
        break;
    }
  }

  private scheduleReconnect(): void {
    this.clearTimer('reconnectTimer');
    const elapsed = Date.now() - this.droppedAt;
    if (elapsed >= this.opts.resumeWindowMs) {
      this.fail(clientError('connection_lost', 'resume window elapsed'));
      return;
    }
    const delay = Math.min(
      reconnectDelay(this.reconnectAttempt, this.opts.reconnectBaseDelayMs, this.opts.reconnectMaxDelayMs, this.random()),
      this.opts.resumeWindowMs - elapsed,
    );
    this.reconnectAttempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.statusValue === 'reconnecting') this.openSocket();
    }, delay);
  }

  /** Forgets the current socket (closing it) and its timers. */
  private dropSocket(): void {
    this.generation += 1;
    this.clearTimer('connectTimer');
    this.stopPing();
    const socket = this.socket;
    this.socket = null;
    this.socketOpen = false;
    socket?.close(4000, 'dropped');
  }

  private fail(error: SignalingError): void {
    if (this.statusValue === 'failed' || this.statusValue === 'closed') return;
    this.teardown(error);
    this.setStatus('failed');
    this.emit('failed', error);
  }

  private teardown(error: SignalingError): void {
    this.clearTimer('reconnectTimer');
    if (this.socket !== null) {
      this.generation += 1;
      this.clearTimer('connectTimer');
      this.stopPing();
      const socket = this.socket;
      this.socket = null;
      this.socketOpen = false;
      socket.close(1000, 'bye');
    }
    this.rejectAll(() => error);
    const waiter = this.connectWaiter;
    this.connectWaiter = null;
    waiter?.reject(error);
  }

  // ---- keep-alive -----------------------------------------------------------------------------

  private startPing(): void {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (!this.socketOpen) return;
      this.sendRaw(serialiseClientMessage({ type: 'ping' }));
      if (this.pongTimer === null) {
        this.pongTimer = setTimeout(() => {
          this.pongTimer = null;
          this.socketLost('no answer to ping');
        }, this.opts.pongTimeoutMs);
      }
    }, this.opts.pingIntervalMs);
  }

  private stopPing(): void {
    this.clearTimer('pingTimer');
    this.clearTimer('pongTimer');
  }

  private clearTimer(name: 'connectTimer' | 'pingTimer' | 'pongTimer' | 'reconnectTimer'): void {
    const timer = this[name];
    if (timer === null) return;
    if (name === 'pingTimer') clearInterval(timer);
    else clearTimeout(timer);
    this[name] = null;
  }

  // ---- requests and replies -------------------------------------------------------------------

  private takeRequestId(type: ClientMessageType): number {
    const requestId = this.nextRequestId++;
    this.sentTypes.set(requestId, type);
    if (this.sentTypes.size > SENT_TYPES_KEPT) {
      const oldest = this.sentTypes.keys().next();
      if (oldest.done !== true) this.sentTypes.delete(oldest.value);
    }
    return requestId;
  }

  private sendRaw(text: string): boolean {
    if (this.socket === null || !this.socketOpen) return false;
    try {
      this.socket.send(text);
      return true;
    } catch {
      return false;
    }
  }

  private requestInternal(message: RequestMessage, timeoutMs: number, whileReconnecting: boolean): Promise<ServerMessage> {
    const usable = this.statusValue === 'connected' || (whileReconnecting && this.statusValue === 'reconnecting');
    if (!usable || !this.socketOpen) {
      return Promise.reject(clientError('connection_lost', `${message.type}: not connected`, null, message.type));
    }
    const requestId = this.takeRequestId(message.type);
    return new Promise<ServerMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(clientError('timeout', `${message.type}: no reply in ${timeoutMs} ms`, requestId, message.type));
      }, timeoutMs);
      this.pending.set(requestId, { type: message.type, expect: REPLY_TYPE[message.type], resolve, reject, timer });
      if (!this.sendRaw(serialiseClientMessage(message, requestId))) {
        clearTimeout(timer);
        this.pending.delete(requestId);
        reject(clientError('connection_lost', `${message.type}: send failed`, requestId, message.type));
      }
    });
  }

  private rejectAll(makeError: () => SignalingError): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) {
      clearTimeout(entry.timer);
      const base = makeError();
      entry.reject(new SignalingError(base.code, base.message, null, entry.type));
    }
  }

  /** The pending request a reply settles: by requestId, else the oldest awaiting that type. */
  private pendingFor(message: ServerMessage): [number, Pending] | null {
    if (message.requestId !== undefined) {
      const entry = this.pending.get(message.requestId);
      if (entry !== undefined && (message.type === 'error' || entry.expect.includes(message.type))) return [message.requestId, entry];
      return null;
    }
    if (message.type === 'error') return null;
    for (const [requestId, entry] of this.pending) {
      if (entry.expect.includes(message.type)) return [requestId, entry];
    }
    return null;
  }

  private received(data: unknown): void {
    // Any frame proves the connection alive.
    this.clearTimer('pongTimer');
    if (typeof data !== 'string') {
      this.emit('invalid', 'binary frame');
      return;
    }
    const parsed = parseServerMessage(data);
    if (!parsed.ok) {
      this.emit('invalid', parsed.reason);
      return;
    }
    const message = parsed.message;

    const match = this.pendingFor(message);
    if (match !== null) {
      const [requestId, entry] = match;
      this.pending.delete(requestId);
      clearTimeout(entry.timer);
      if (message.type === 'error') {
        entry.reject(new SignalingError(message.code, message.message, requestId, entry.type));
      } else {
        entry.resolve(message);
      }
      return;
    }

    switch (message.type) {
      case 'error': {
        const requestId = message.requestId ?? null;
        const type = requestId === null ? null : (this.sentTypes.get(requestId) ?? null);
        this.emit('serverError', new SignalingError(message.code, message.message, requestId, type));
        return;
      }
      case 'hello':
        if (message.protocol !== PROTOCOL_VERSION) {
          this.fail(clientError('protocol_mismatch', `server speaks protocol ${message.protocol}`));
          return;
        }
        this.emit('message', message);
        return;
      case 'pong':
        return;
      case 'joined':
        // Let in from the lobby (no requestId: the join request got `lobbyWaiting`).
        this.adoptJoined(message);
        this.emit('message', message);
        return;
      default:
        this.emit('message', message);
    }
  }
}

