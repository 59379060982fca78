import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the sandbox received it. */
export interface ReceivedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: unknown;
	receivedAt: number;
	/** The path's `{name}` segments of the route that matched, decoded (e.g. `{ email: 'ada@example.com' }`). */
	params: Record<string, string>;
	/** When the answer was written, and its status (unset while pending, or when the connection was dropped). */
	respondedAt?: number;
	status?: number;
}

export interface SandboxResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type RouteHandler = (request: ReceivedRequest) => SandboxResponse | Promise<SandboxResponse>;

/**
 * Faults a test can queue, each used by the next matching request:
 * - `respond`: answer with this instead of handling the request (429, 500, ...);
 * - `reset`: drop the connection before handling the request;
 * - `hang`: never answer (the client times out);
 * - `delay`: handle the request, but answer after `ms`;
 * - `processThenDrop`: handle the request (the user is created), then drop the connection.
 */
export type Fault =
	| { kind: 'respond'; response: SandboxResponse }
	| { kind: 'reset' }
	| { kind: 'hang' }
	| { kind: 'delay'; ms: number }
	| { kind: 'processThenDrop' };

export interface QueuedFault {
	fault: Fault;
	/** Only requests to this path are affected (default: the create call, see `createRoute`; never the credential test). */
	path?: string;
}

export interface SandboxOptions {
	/** Name printed by the sandbox command. */
	name: string;
	/** By "METHOD /path"; a `{name}` segment matches any one segment, e.g. "GET /users/{email}". */
	routes: Record<string, RouteHandler>;
	/**
	 * The create call, e.g. "POST /users": what faults without a path and random faults hit.
	 * Default: every POST (set it when the provider has another POST, such as a sign-in).
	 */
	createRoute?: string;
	/** Returns a response when the request's credentials are wrong. */
	authenticate(request: ReceivedRequest): SandboxResponse | undefined;
	/**
	 * Requests allowed per window before a 429, as the provider enforces it: a sliding window, or
	 * with `burst` a token bucket holding `burst` requests, refilled at `limit` per `windowMs`.
	 * `headers`: RateLimit-* on every response; `retryAfter` (default true): Retry-After on a 429.
	 */
	rateLimit?: { limit: number; windowMs: number; headers: boolean; burst?: number; retryAfter?: boolean };
	/** The provider's own 429 body. */
	rateLimitBody?: unknown;
	/** Header under which the server stores and replays responses (Stripe-style idempotency). */
	idempotencyHeader?: string;
	/**
	 * The provider's answers when a key is reused with other parameters, or while the key's first
	 * request is still being handled (default: a generic 422 and 409).
	 */
	idempotencyErrors?: { reusedWithOtherParameters: SandboxResponse; inProgress: SandboxResponse };
	/** Added to every response, to simulate network and processing time. */
	latencyMs?: number;
	/**
	 * What the provider holds because of calls (users, memberships, sessions): `reset()` empties
	 * them. Fixtures a test sets up, such as Augno's roles, are not listed and stay.
	 */
	holdings?: Array<unknown[] | Map<unknown, unknown> | Set<unknown>>;
}

export class ProviderSandbox {
	readonly requests: ReceivedRequest[] = [];
	readonly faults: QueuedFault[] = [];
	/** Every socket destroyed by a fault, and every request that got a 429. */
	readonly stats = { faultsInjected: 0, rateLimited: 0, replayed: 0 };

	private server?: Server;
	private readonly sockets = new Set<Socket>();
	private readonly sentAt: number[] = [];
	private readonly bucket = { tokens: Number.NaN, at: 0 };
	private readonly idempotentResponses = new Map<string, { response: SandboxResponse; parameters: string }>();
	private readonly inFlightKeys = new Set<string>();

	/** A chance per create request of a random 429 or 503, for load tests. */
	randomFaultRate = 0;

	constructor(readonly options: SandboxOptions) {}

	get url(): string {
		const address = this.server?.address() as AddressInfo | null;
		if (!address) throw new Error(`${this.options.name} sandbox is not started`);
		return `http://127.0.0.1:${address.port}`;
	}

	async start(port = 0): Promise<this> {
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		return this;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	inject(fault: Fault, path?: string, times = 1): this {
		for (let i = 0; i < times; i++) this.faults.push({ fault, path });
		return this;
	}

	/** A provider as at the start of a test: no traffic remembered and nothing it holds from earlier calls. */
	reset(): void {
		this.forgetTraffic();
		for (const holding of this.options.holdings ?? []) {
			if (Array.isArray(holding)) holding.length = 0;
			else holding.clear();
		}
	}

	/** Forgets the calls received, queued faults, rate-limit and idempotency state; keeps what the calls created. */
	forgetTraffic(): void {
		this.requests.length = 0;
		this.faults.length = 0;
		this.sentAt.length = 0;
		this.bucket.tokens = Number.NaN;
		this.idempotentResponses.clear();
		this.randomFaultRate = 0;
		this.stats.faultsInjected = 0;
		this.stats.rateLimited = 0;
		this.stats.replayed = 0;
	}

	/** Whether a request is the provider's create call (not a sign-in or a list). */
	isCreateCall(request: ReceivedRequest): boolean {
		const { createRoute } = this.options;
		return createRoute ? `${request.method} ${request.path}` === createRoute : request.method === 'POST';
	}

	/** The create calls received, in order. */
	createCalls(): ReceivedRequest[] {
		return this.requests.filter((request) => this.isCreateCall(request));
	}

	/** Requests to one route, e.g. `received('POST /users')` or `received('GET /users/{email}')`. */
	received(route: string): ReceivedRequest[] {
		return this.requests.filter((request) => routeParams(route, request) !== undefined);
	}

	private takeFault(request: ReceivedRequest, isCreate: boolean): Fault | undefined {
		const index = this.faults.findIndex(({ path }) => (path ? path === request.path : isCreate));
		if (index === -1) return undefined;
		this.stats.faultsInjected++;
		return this.faults.splice(index, 1)[0].fault;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const request = await readRequest(req);
		this.requests.push(request);
		const route = `${request.method} ${request.path}`;
		const handler = this.options.routes[route] ?? this.patternRoute(request);
		const isCreate = this.isCreateCall(request);

		const send = async (response: SandboxResponse) => {
			if (this.options.latencyMs) await sleep(this.options.latencyMs);
			writeResponse(res, { ...response, headers: { ...this.rateLimitHeaders(), ...response.headers } });
			Object.assign(request, { respondedAt: Date.now(), status: response.status });
		};

		const fault = this.takeFault(request, isCreate);
		if (fault?.kind === 'reset') return void req.socket.destroy();
		if (fault?.kind === 'hang') return;
		if (fault?.kind === 'respond') return void (await send(fault.response));

		const limited = this.rateLimited(request);
		if (limited) return void (await send(limited));

		const denied = this.options.authenticate(request);
		if (denied) return void (await send(denied));

		if (isCreate && this.randomFaultRate > 0 && Math.random() < this.randomFaultRate) {
			this.stats.faultsInjected++;
			return void (await send(
				Math.random() < 0.5
					? { status: 429, headers: { 'Retry-After': '0' }, body: { message: 'Too many requests' } }
					: { status: 503, body: { message: 'Service unavailable' } },
			));
		}

		if (!handler) return void (await send({ status: 404, body: { message: `No route ${route}` } }));

		const response = await this.withIdempotency(request, handler);
		if (fault?.kind === 'delay') await sleep(fault.ms);
		if (fault?.kind === 'processThenDrop') return void req.socket.destroy();
		await send(response);
	}

	private async withIdempotency(request: ReceivedRequest, handler: RouteHandler): Promise<SandboxResponse> {
		const header = this.options.idempotencyHeader?.toLowerCase();
		const key = header ? request.headers[header] : undefined;
		if (typeof key !== 'string') return await handler(request);

		const errors = this.options.idempotencyErrors ?? {
			reusedWithOtherParameters: { status: 422, body: { message: 'This idempotency key was used with other parameters' } },
			inProgress: { status: 409, body: { message: 'A request with this idempotency key is in progress' } },
		};
		// A key stands for one request: the same path, query string and body.
		const parameters = JSON.stringify([request.path, [...request.query.entries()], request.body ?? null]);
		const stored = this.idempotentResponses.get(key);
		if (stored && stored.parameters !== parameters) return errors.reusedWithOtherParameters;
		if (stored) {
			this.stats.replayed++;
			return { ...stored.response, headers: { ...stored.response.headers, 'Idempotent-Replayed': 'true' } };
		}
		if (this.inFlightKeys.has(key)) return errors.inProgress;
		this.inFlightKeys.add(key);
		try {
			const response = await handler(request);
			// Transient failures are not stored, so a retry runs again (as Augno documents).
			if (response.status < 500) this.idempotentResponses.set(key, { response, parameters });
			return response;
		} finally {
			this.inFlightKeys.delete(key);
		}
	}

	/** The handler of a route with `{name}` segments that matches the request, with its params filled in. */
	private patternRoute(request: ReceivedRequest): RouteHandler | undefined {
		for (const [route, handler] of Object.entries(this.options.routes)) {
			const params = route.includes('{') ? routeParams(route, request) : undefined;
			if (params) {
				request.params = params;
				return handler;
			}
		}
		return undefined;
	}

	/** The quota headers some providers put on every response. */
	private rateLimitHeaders(): Record<string, string> {
		const rateLimit = this.options.rateLimit;
		if (!rateLimit?.headers) return {};
		const now = Date.now();
		if (rateLimit.burst) {
			const tokens = this.bucketTokens(now);
			return {
				'RateLimit-Limit': String(rateLimit.burst),
				'RateLimit-Remaining': String(Math.floor(tokens)),
				'RateLimit-Reset': String(Math.max(1, Math.ceil(((1 - (tokens % 1)) * rateLimit.windowMs) / rateLimit.limit / 1000))),
			};
		}
		const inWindow = this.sentAt.filter((at) => at > now - rateLimit.windowMs);
		const resetSeconds = Math.max(1, Math.ceil(((inWindow[0] ?? now) + rateLimit.windowMs - now) / 1000));
		return {
			'RateLimit-Limit': String(rateLimit.limit),
			'RateLimit-Remaining': String(Math.max(0, rateLimit.limit - inWindow.length)),
			'RateLimit-Reset': String(resetSeconds),
		};
	}

	private rateLimited(request: ReceivedRequest): SandboxResponse | undefined {
		const rateLimit = this.options.rateLimit;
		if (!rateLimit) return undefined;
		const now = request.receivedAt;
		let waitMs: number;
		if (rateLimit.burst) {
			const tokens = this.bucketTokens(now);
			if (tokens >= 1) {
				this.bucket.tokens = tokens - 1;
				return undefined;
			}
			waitMs = ((1 - tokens) * rateLimit.windowMs) / rateLimit.limit;
		} else {
			// Judged by arrival time; bodies are read at their own pace, so requests get here slightly
			// out of arrival order: each is counted against those that arrived in the window before it.
			const inWindow = this.sentAt.filter((at) => at > now - rateLimit.windowMs && at <= now);
			if (inWindow.length < rateLimit.limit) {
				const later = this.sentAt.findIndex((at) => at > now);
				this.sentAt.splice(later === -1 ? this.sentAt.length : later, 0, now);
				while (this.sentAt.length > 0 && this.sentAt[0] <= this.sentAt[this.sentAt.length - 1] - 2 * rateLimit.windowMs) this.sentAt.shift();
				return undefined;
			}
			waitMs = inWindow[0] + rateLimit.windowMs - now;
		}
		this.stats.rateLimited++;
		return {
			status: 429,
			headers: rateLimit.retryAfter === false ? {} : { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) },
			body: this.options.rateLimitBody ?? { message: 'Rate limit exceeded' },
		};
	}

	/** Tokens in the bucket at `now` (full at the first request), refilled at `limit` per `windowMs`. */
	private bucketTokens(now: number): number {
		const { limit, windowMs, burst = limit } = this.options.rateLimit!;
		if (Number.isNaN(this.bucket.tokens)) Object.assign(this.bucket, { tokens: burst, at: now });
		const refilled = Math.min(burst, this.bucket.tokens + (Math.max(0, now - this.bucket.at) * limit) / windowMs);
		Object.assign(this.bucket, { tokens: refilled, at: Math.max(now, this.bucket.at) });
		return refilled;
	}
}

/** The params of `route` ("GET /users/{email}") when it matches the request, else undefined. */
function routeParams(route: string, request: Pick<ReceivedRequest, 'method' | 'path'>): Record<string, string> | undefined {
	const [method, pattern] = route.split(' ');
	const parts = pattern.split('/');
	const segments = request.path.split('/');
	if (method !== request.method || parts.length !== segments.length) return undefined;
	const params: Record<string, string> = {};
	for (const [index, part] of parts.entries()) {
		const name = /^\{(\w+)\}$/.exec(part)?.[1];
		if (name === undefined && part !== segments[index]) return undefined;
		if (name !== undefined) {
			if (segments[index] === '') return undefined;
			params[name] = decodeURIComponent(segments[index]);
		}
	}
	return params;
}

/** The most requests that arrived within any `windowMs`, by the provider's clock. */
export function busiestWindow(arrivedAt: number[], windowMs: number): number {
	const sorted = [...arrivedAt].sort((a, b) => a - b);
	let busiest = 0;
	for (let last = 0, first = 0; last < sorted.length; last++) {
		while (sorted[first] <= sorted[last] - windowMs) first++;
		busiest = Math.max(busiest, last - first + 1);
	}
	return busiest;
}

async function readRequest(req: IncomingMessage): Promise<ReceivedRequest> {
	// A provider counts a request when it arrives, before its body is read.
	const receivedAt = Date.now();
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		// Not JSON: kept as text, and the route decides what that means.
	}
	const url = new URL(req.url ?? '/', 'http://sandbox');
	return {
		method: req.method ?? 'GET',
		path: url.pathname,
		query: url.searchParams,
		headers: req.headers,
		body,
		receivedAt,
		params: {},
	};
}

function writeResponse(res: ServerResponse, { status, body, headers }: SandboxResponse): void {
	if (res.destroyed) return;
	const payload = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(payload);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
